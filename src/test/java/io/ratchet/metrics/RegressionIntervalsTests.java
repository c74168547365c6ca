package io.ratchet.metrics;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

import io.ratchet.data.Task;
import io.ratchet.data.ValueMatrix;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The regression bootstrap ({@link RegressionReplicates}): months merge into the period
 * as one pass gives it, the same rows give the same intervals whatever their order or a
 * stored state between, and the intervals cover the true value 93-97% of seeded trials.
 */
class RegressionIntervalsTests {

	private static final ValueMatrix VALUE = ValueMatrix.regression(-2, -1);

	/** Rows (line, day, prediction, label) of three months of a regression dataset. */
	private static List<double[]> rows() {
		SplittableRandom random = new SplittableRandom(41);
		List<double[]> rows = new ArrayList<>();
		for (int line = 2; line < 902; line++) {
			double prediction = 500 + 100 * random.nextGaussian();
			rows.add(new double[] { line, line / 300, prediction, prediction + 40 * random.nextGaussian() + 5 });
		}
		return rows;
	}

	private static MetricAccumulator pass(List<double[]> rows) {
		MetricAccumulator accumulator = Accumulators.create(Task.REGRESSION, 0.5, VALUE);
		for (double[] row : rows) {
			accumulator.add(row[2], row[3], RowKey.of((long) row[0], (long) row[1], row[3]));
		}
		return accumulator;
	}

	private static void assertSameIntervals(MetricIntervals actual, MetricIntervals expected) {
		assertThat(actual.byKey()).hasSameSizeAs(expected.byKey()).isNotEmpty();
		expected.byKey().forEach((key, interval) -> {
			double tolerance = 1e-9 * Math.max(1, Math.abs(interval.hi()));
			assertThat(actual.byKey().get(key).lo()).as(key).isCloseTo(interval.lo(), within(tolerance));
			assertThat(actual.byKey().get(key).hi()).as(key).isCloseTo(interval.hi(), within(tolerance));
		});
	}

	@Test
	void monthsMergeIntoThePeriodAsOnePassGivesIt() {
		// given: one pass over the period, and its three months each stored and read back
		List<double[]> rows = rows();
		MetricAccumulator onePass = pass(rows);
		MetricAccumulator period = Accumulators.create(Task.REGRESSION, 0.5, VALUE);
		for (int month = 0; month < 3; month++) {
			byte[] state = pass(rows.subList(300 * month, 300 * (month + 1))).toBytes();

			// when
			period.merge(Accumulators.fromBytes(Task.REGRESSION, 0.5, VALUE, state));
		}

		// then
		MetricIntervals expected = Intervals.of(onePass, onePass.result(), 2, 0);
		assertSameIntervals(Intervals.of(period, period.result(), 2, 0), expected);
		assertThat(expected.byKey()).containsOnlyKeys("mean_label", "mean_prediction", "mae", "rmse", "bias", "r2",
				"mape", "business_value", "business_value_per_row");
		expected.byKey()
			.forEach((key, interval) -> assertThat(interval.method()).as(key).isEqualTo(IntervalMethod.BOOTSTRAP));
	}

	@Test
	void theSameRowsGiveTheSameIntervalsInAnyOrderAndAfterARestart() {
		// given
		List<double[]> rows = rows();
		List<double[]> shuffled = new ArrayList<>(rows);
		Collections.shuffle(shuffled, new Random(3));
		MetricAccumulator first = pass(rows);

		// when
		MetricAccumulator again = pass(rows);
		MetricAccumulator reordered = pass(shuffled);
		MetricAccumulator restarted = Accumulators.fromBytes(Task.REGRESSION, 0.5, VALUE, first.toBytes());

		// then
		MetricIntervals expected = Intervals.of(first, first.result(), 2, 0);
		assertThat(Intervals.of(again, again.result(), 2, 0)).isEqualTo(expected);
		assertThat(Intervals.of(restarted, restarted.result(), 2, 0)).isEqualTo(expected);
		assertSameIntervals(Intervals.of(reordered, reordered.result(), 2, 0), expected);
	}

	@Test
	void theWeightsFollowTheSeedAndTheRowsIdentity() {
		// given
		RegressionReplicates seeded = new RegressionReplicates(18);
		RegressionReplicates sameSeed = new RegressionReplicates(18);
		RegressionReplicates otherSeed = new RegressionReplicates(19);
		RegressionReplicates otherRows = new RegressionReplicates(18);

		// when
		for (int line = 2; line < 50; line++) {
			seeded.add(RowKey.of(line, 0, line), line, 1, 1, 0.1);
			sameSeed.add(RowKey.of(line, 0, line), line, 1, 1, 0.1);
			otherSeed.add(RowKey.of(line, 0, line), line, 1, 1, 0.1);
			otherRows.add(RowKey.of(line + 1000, 0, line), line, 1, 1, 0.1);
		}

		// then
		assertThat(bytes(sameSeed)).isEqualTo(bytes(seeded));
		assertThat(bytes(otherSeed)).isNotEqualTo(bytes(seeded));
		assertThat(bytes(otherRows)).isNotEqualTo(bytes(seeded));
	}

	private static byte[] bytes(RegressionReplicates replicates) {
		ByteBuffer buffer = ByteBuffer.allocate(RegressionReplicates.bytes());
		replicates.write(buffer);
		return buffer.array();
	}

	@Test
	void eachIntervalHoldsItsFigureAndTheWeightsAveragePoissonOne() {
		// given
		MetricAccumulator accumulator = pass(rows());
		MetricValues values = accumulator.result();

		// when
		MetricIntervals intervals = Intervals.of(accumulator, values, 2, 0);

		// then
		intervals.byKey()
			.forEach((key, interval) -> assertThat(interval.contains(values.get(MetricId.of(key)).getAsDouble()))
				.as("%s %s", key, interval)
				.isTrue());
		assertThat(RegressionReplicates.studentQuantile(63)).isCloseTo(1.99834, within(1e-4));
		assertThat(RegressionReplicates.studentQuantile(30)).isCloseTo(2.04227, within(1e-4));
	}

	@Test
	void aStateStoredBeforeTheReplicatesReadsWithoutIntervals() {
		// given: the payload of a state of before (counts, shift, seven sums, nothing
		// more)
		ByteBuffer buffer = StateFormat.start(StateFormat.REGRESSION,
				2 * Long.BYTES + Double.BYTES + 14 * Double.BYTES);
		buffer.putLong(2).putLong(0).putDouble(3.0);
		for (double[] sum : new double[][] { { 1, 0 }, { 1, 0 }, { 7, 0 }, { 1, 0 }, { 1, 0 }, { 1, 0 }, { 0.2, 0 } }) {
			buffer.putDouble(sum[0]).putDouble(sum[1]);
		}
		byte[] before = StateFormat.finish(buffer);

		// when
		MetricAccumulator old = Accumulators.fromBytes(Task.REGRESSION, 0.5, before);
		MetricAccumulator merged = pass(rows());
		merged.merge(old);

		// then: the figures read, with no interval, and a period with that month has none
		assertThat(old.result().n()).isEqualTo(2);
		assertThat(Intervals.of(old, old.result(), 2, 0)).isEqualTo(MetricIntervals.NONE);
		assertThat(Intervals.of(merged, merged.result(), 2, 0)).isEqualTo(MetricIntervals.NONE);
		assertThat(Accumulators.fromBytes(Task.REGRESSION, 0.5, merged.toBytes()).result().n()).isEqualTo(902);
	}

	@Test
	void theIntervalsCoverTheTrueValueIn93To97PercentOfSeededTrials() {
		// given, when: 1,000 seeded trials of 300 rows (the tool runs 2,000)
		List<CoverageSimulation.Coverage> table = CoverageSimulation.regression(1000, 2026);

		// then
		assertThat(table).hasSize(8);
		for (CoverageSimulation.Coverage row : table) {
			assertThat(row.share()).as(row.metric().key()).isBetween(0.93, 0.97);
		}
	}

}
