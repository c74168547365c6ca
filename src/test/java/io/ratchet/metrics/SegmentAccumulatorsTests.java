package io.ratchet.metrics;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.ratchet.data.DataFileException;
import io.ratchet.data.DatasetConfig;
import io.ratchet.data.Feature;
import io.ratchet.data.FeatureType;
import io.ratchet.data.Row;
import io.ratchet.data.Segment;
import io.ratchet.data.SegmentColumn;
import io.ratchet.data.Task;
import io.ratchet.data.Segments;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The accumulators of segment levels: each level's figures are those of its rows alone, a
 * logged model's unscored rows stay out as in the overall figures, and a column with too
 * many levels stops the read naming the file and the line.
 */
class SegmentAccumulatorsTests {

	private static final Path FILE = Path.of("historical-data/churn/2026-01.csv");

	private static DatasetConfig churn(int maxLevels) {
		return DatasetConfig.builder("churn", Path.of("config/datasets/churn.yml"))
			.date("d")
			.binaryLabel("y", "1", "0")
			.features(List.of(new Feature("tenure", FeatureType.NUMERIC), new Feature("plan", FeatureType.CATEGORICAL)))
			.segments(new Segments(List.of(SegmentColumn.categorical("plan"), SegmentColumn.categorical("region"),
					new SegmentColumn("tenure", new double[] { 12 })), 1, maxLevels))
			.build();
	}

	private static Row row(long line, double tenure, String plan, String region, double label) {
		return new Row(line, LocalDate.of(2026, 1, 5), label, new double[] { tenure, Double.NaN },
				new String[] { null, plan }, new String[0], new double[0], new String[] { region });
	}

	@Test
	void eachLevelHasTheFiguresOfItsRowsAlone() {
		// given: two models, the second logged (its NaN scores stay out)
		DatasetConfig dataset = churn(50);
		SegmentAccumulators segments = new SegmentAccumulators(dataset, (m) -> Accumulators.create(dataset, 0.5),
				new boolean[] { false, true }, FILE);
		MetricAccumulator northOnly = Accumulators.create(dataset, 0.5);
		MetricAccumulator loggedNorth = Accumulators.create(dataset, 0.5);
		Random random = new Random(5);

		// when
		for (int i = 0; i < 500; i++) {
			String region = (i % 3 == 0) ? "north" : "south";
			double label = (random.nextDouble() < 0.3) ? 1 : 0;
			double[] scores = { random.nextDouble(), (i % 7 == 0) ? Double.NaN : random.nextDouble() };
			Row row = row(i + 2, random.nextInt(30), (i % 2 == 0) ? "a" : null, region, label);
			segments.add(row, scores);
			if (region.equals("north")) {
				northOnly.add(scores[0], label);
				if (!Double.isNaN(scores[1])) {
					loggedNorth.add(scores[1], label);
				}
			}
		}
		List<Map<Segment, MetricAccumulator>> byModel = segments.byModel(2);

		// then
		assertThat(byModel.get(0).keySet()).extracting(Segment::toString)
			.containsExactly("plan=(missing)", "plan=a", "region=north", "region=south", "tenure=<12", "tenure=>=12");
		assertThat(byModel.get(0).get(new Segment("region", "north")).result()).isEqualTo(northOnly.result());
		assertThat(byModel.get(1).get(new Segment("region", "north")).result()).isEqualTo(loggedNorth.result());
		assertThat(byModel.get(0).get(new Segment("plan", "a")).result().n()
				+ byModel.get(0).get(new Segment("plan", SegmentColumn.MISSING)).result().n())
			.isEqualTo(500);
	}

	@Test
	void aRegressionLevelKeepsTheRowKeysItsBootstrapReplicatesAreWeightedBy() {
		// given: a regression dataset (its accumulators use each row's key), segmented by
		// region
		DatasetConfig dataset = churn(50).toBuilder().label("y", Task.REGRESSION).build();
		SegmentAccumulators segments = new SegmentAccumulators(dataset, (m) -> Accumulators.create(dataset, 0.5),
				new boolean[] { false }, FILE);
		MetricAccumulator northOnly = Accumulators.create(dataset, 0.5);
		Random random = new Random(11);

		// when
		for (int i = 0; i < 300; i++) {
			String region = (i % 3 == 0) ? "north" : "south";
			double label = 10 * random.nextDouble();
			double[] scores = { label + random.nextGaussian() };
			Row row = row(i + 2, random.nextInt(30), "a", region, label);
			segments.add(row, scores);
			if (region.equals("north")) {
				northOnly.add(scores[0], label, RowKey.of(row));
			}
		}

		// then: the level's state, replicates included, is the one its rows give with
		// their keys
		MetricAccumulator north = segments.byModel(1).get(0).get(new Segment("region", "north"));
		assertThat(north.usesRowKeys()).isTrue();
		assertThat(north.toBytes()).isEqualTo(northOnly.toBytes());
	}

	@Test
	void aColumnWithMoreLevelsThanAllowedStopsTheReadNamingTheFileAndLine() {
		// given: at most 3 levels
		DatasetConfig dataset = churn(3);
		SegmentAccumulators segments = new SegmentAccumulators(dataset, (m) -> Accumulators.create(dataset, 0.5),
				new boolean[] { false }, FILE);
		for (int i = 0; i < 3; i++) {
			segments.add(row(2 + i, 1, "a", "r" + i, 1), new double[] { 0.5 });
		}

		// when / then: the fourth region
		assertThatExceptionOfType(DataFileException.class)
			.isThrownBy(() -> segments.add(row(9, 1, "a", "r3", 0), new double[] { 0.5 }))
			.withMessage(FILE
					+ " line 9: segment column region has more than 3 levels in this file (segments.max-levels"
					+ " of config/datasets/churn.yml); level 'r3' is one too many: segment by a column with fewer"
					+ " levels, or raise max-levels");
	}

}
