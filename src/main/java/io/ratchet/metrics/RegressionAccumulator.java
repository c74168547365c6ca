package io.ratchet.metrics;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.Map;

import io.ratchet.data.MetricDefinitions;
import io.ratchet.data.Task;
import io.ratchet.data.ValueMatrix;

/**
 * Metrics of a regression model in constant memory, every sum compensated. The label's
 * total sum of squares (the denominator of R²) is neither derived from raw sums of
 * {@code y} and {@code y²}, which cancel catastrophically when the mean is large against
 * the spread, nor from Welford's running mean, whose rounding (about one unit in the last
 * place of the mean per row) ruins it in the same case: the labels are shifted by the
 * first one seen ({@code d = y - K}, exact or nearly so) and the compensated sums of
 * {@code d} and {@code d²} give {@code SS_tot = S2 - S1² / n} with a relative error near
 * the machine epsilon whatever the mean. Merging re-expresses the other side's sums
 * around this side's shift. Definitions follow scikit-learn 1.2.
 */
final class RegressionAccumulator implements MetricAccumulator {

	/** scikit-learn's floor for {@code |y|} in MAPE: {@code np.finfo(np.float64).eps}. */
	static final double MAPE_EPSILON = Math.ulp(1.0);

	/** What the errors cost, or {@code null}: not part of the state. */
	private final ValueMatrix value;

	/** The dataset's own formulas: not part of the state. */
	private final MetricDefinitions definitions;

	private long n;

	private long unlabelled;

	/**
	 * The first label seen (0 while there is none): the labels are summed as deviations
	 * from it.
	 */
	private double shift;

	/** Sum of {@code label - shift}. */
	private final CompensatedSum deviationSum;

	/** Sum of {@code (label - shift)²}. */
	private final CompensatedSum squaredDeviationSum;

	private final CompensatedSum predictionSum;

	private final CompensatedSum absoluteErrorSum;

	private final CompensatedSum squaredErrorSum;

	/** Sum of prediction minus label. */
	private final CompensatedSum errorSum;

	private final CompensatedSum percentageErrorSum;

	/**
	 * The bootstrap replicates behind the figures' intervals, or {@code null} when a
	 * state stored without them was read back or merged in.
	 */
	private RegressionReplicates replicates;

	RegressionAccumulator() {
		this((ValueMatrix) null);
	}

	/**
	 * An accumulator that also gives {@link Metric#BUSINESS_VALUE} by that matrix (none
	 * when {@code null}).
	 */
	RegressionAccumulator(ValueMatrix value) {
		this(value, MetricDefinitions.NONE);
	}

	/** An accumulator that also gives the dataset's own formulas. */
	RegressionAccumulator(ValueMatrix value, MetricDefinitions definitions) {
		this(value, definitions, 0, 0, 0.0,
				new CompensatedSum[] { new CompensatedSum(), new CompensatedSum(), new CompensatedSum(),
						new CompensatedSum(), new CompensatedSum(), new CompensatedSum(), new CompensatedSum() },
				new RegressionReplicates());
	}

	/** The sums in the order of {@link #sums()}. */
	private RegressionAccumulator(ValueMatrix value, MetricDefinitions definitions, long n, long unlabelled,
			double shift, CompensatedSum[] sums, RegressionReplicates replicates) {
		if (value != null && value.task() != Task.REGRESSION) {
			throw new IllegalArgumentException("a binary value matrix cannot value regression errors");
		}
		this.value = value;
		this.definitions = definitions;
		this.n = n;
		this.unlabelled = unlabelled;
		this.shift = shift;
		this.deviationSum = sums[0];
		this.squaredDeviationSum = sums[1];
		this.predictionSum = sums[2];
		this.absoluteErrorSum = sums[3];
		this.squaredErrorSum = sums[4];
		this.errorSum = sums[5];
		this.percentageErrorSum = sums[6];
		this.replicates = replicates;
	}

	private CompensatedSum[] sums() {
		return new CompensatedSum[] { this.deviationSum, this.squaredDeviationSum, this.predictionSum,
				this.absoluteErrorSum, this.squaredErrorSum, this.errorSum, this.percentageErrorSum };
	}

	/**
	 * Adds a row without its identity: its bootstrap weights come from its prediction and
	 * label (rows equal in both share them). The jobs give the identity:
	 * {@link #add(double, double, long)}.
	 */
	@Override
	public void add(double prediction, double label) {
		add(prediction, label, RowKey.mix(Double.doubleToLongBits(prediction) ^ RowKey.of(0, 0, label)));
	}

	/** The key fixes the row's weights in the bootstrap replicates. */
	@Override
	public boolean usesRowKeys() {
		return true;
	}

	@Override
	public void add(double prediction, double label, long rowKey) {
		if (Double.isNaN(label)) {
			this.unlabelled++;
			return;
		}
		if (!Double.isFinite(label)) {
			throw new IllegalArgumentException("label must be a finite number or NaN (unlabelled), not " + label);
		}
		if (!Double.isFinite(prediction)) {
			throw new IllegalArgumentException("prediction must be a finite number, not " + prediction);
		}
		if (this.n == 0) {
			this.shift = label;
		}
		this.n++;
		double deviation = label - this.shift;
		this.deviationSum.add(deviation);
		this.squaredDeviationSum.add(deviation * deviation);
		this.predictionSum.add(prediction);
		double error = prediction - label;
		double absoluteError = Math.abs(error);
		this.absoluteErrorSum.add(absoluteError);
		this.squaredErrorSum.add(error * error);
		this.errorSum.add(error);
		double percentageError = absoluteError / Math.max(Math.abs(label), MAPE_EPSILON);
		this.percentageErrorSum.add(percentageError);
		if (this.replicates != null) {
			this.replicates.add(rowKey, deviation, error, absoluteError, percentageError);
		}
	}

	@Override
	public void merge(MetricAccumulator other) {
		if (!(other instanceof RegressionAccumulator that)) {
			throw new IllegalArgumentException(
					"cannot merge a " + other.task().key() + " accumulator into a regression one");
		}
		long otherN = that.n;
		if (otherN > 0) {
			if (this.n == 0) {
				this.shift = that.shift;
			}
			// The other side's deviations are d' = y - K'; around this shift K they are
			// d' + delta, delta = K' - K:
			// S1 = S1' + n' delta and S2 = S2' + 2 delta S1' + n' delta². Read everything
			// before writing (self-merge).
			double delta = that.shift - this.shift;
			double otherDeviations = that.deviationSum.value();
			CompensatedSum[] mine = sums();
			CompensatedSum[] theirs = that.sums();
			for (int i = 0; i < mine.length; i++) {
				mine[i].add(theirs[i]);
			}
			this.deviationSum.add(otherN * delta);
			this.squaredDeviationSum.add(2 * delta * otherDeviations);
			this.squaredDeviationSum.add(otherN * delta * delta);
			this.n += otherN;
			if (this.replicates != null && that.replicates != null) {
				this.replicates.merge(that.replicates, delta);
			}
			else {
				this.replicates = null;
			}
		}
		this.unlabelled += that.unlabelled;
	}

	@Override
	public MetricValues result() {
		if (this.n == 0) {
			return new MetricValues(Map.of(Metric.N, 0.0));
		}
		return figures(this.n, this.deviationSum.value(), this.squaredDeviationSum.value(), this.predictionSum.value(),
				this.absoluteErrorSum.value(), this.squaredErrorSum.value(), this.errorSum.value(),
				this.percentageErrorSum.value());
	}

	/**
	 * The figures of {@code count} rows from their sums (deviations around the shift).
	 */
	private MetricValues figures(double count, double deviations, double squaredDeviations, double predictions,
			double absolute, double squared, double signed, double percentage) {
		Map<Metric, Double> values = new EnumMap<>(Metric.class);
		values.put(Metric.N, count);
		values.put(Metric.MEAN_LABEL, this.shift + deviations / count);
		values.put(Metric.MEAN_PREDICTION, predictions / count);
		values.put(Metric.MAE, absolute / count);
		values.put(Metric.RMSE, Math.sqrt(squared / count));
		values.put(Metric.BIAS, signed / count);
		values.put(Metric.MAPE, percentage / count);
		double totalSquares = squaredDeviations - deviations * deviations / count;
		if (totalSquares > 0) {
			values.put(Metric.R2, 1 - squared / totalSquares);
		}
		if (this.value != null) {
			// |e| = over + under and e = over - under (e = prediction - label), so the
			// two sums kept already give both parts without another one per row
			double total = this.value.ofErrors(Math.max(0, (absolute - signed) / 2),
					Math.max(0, (absolute + signed) / 2));
			values.put(Metric.BUSINESS_VALUE, total);
			values.put(Metric.BUSINESS_VALUE_PER_ROW, total / count);
		}
		return new MetricValues(values, OwnMetrics.of(this.definitions, values, null));
	}

	/**
	 * The bootstrap intervals of the figures in {@code values} (this accumulator's
	 * result); none without labelled rows or without replicates (a state stored before
	 * they existed).
	 */
	Map<String, Interval> intervals(MetricValues values) {
		if (this.n == 0 || this.replicates == null) {
			return Map.of();
		}
		return this.replicates.intervals(values, this.n, (scale, sums, r) -> {
			double deviations = sums[1][r] * scale;
			double signed = sums[5][r] * scale;
			return figures(this.n, deviations, sums[2][r] * scale, this.n * this.shift + deviations + signed,
					sums[3][r] * scale, sums[4][r] * scale, signed, sums[6][r] * scale);
		});
	}

	@Override
	public long labelled() {
		return this.n;
	}

	@Override
	public long unlabelled() {
		return this.unlabelled;
	}

	@Override
	public Task task() {
		return Task.REGRESSION;
	}

	/**
	 * Payload: labelled count, unlabelled count, shift, then seven compensated sums as in
	 * {@link #sums()}, then the bootstrap replicates
	 * ({@link RegressionReplicates#write}), absent from states stored before them (which
	 * still read).
	 */
	@Override
	public byte[] toBytes() {
		CompensatedSum[] sums = sums();
		ByteBuffer buffer = StateFormat.start(StateFormat.REGRESSION, 2 * Long.BYTES + Double.BYTES
				+ sums.length * 2 * Double.BYTES + ((this.replicates != null) ? RegressionReplicates.bytes() : 0));
		buffer.putLong(this.n);
		buffer.putLong(this.unlabelled);
		buffer.putDouble(this.shift);
		for (CompensatedSum sum : sums) {
			StateFormat.putSum(buffer, sum);
		}
		if (this.replicates != null) {
			this.replicates.write(buffer);
		}
		return StateFormat.finish(buffer);
	}

	/** Reads a state written by {@link #toBytes()}. */
	static RegressionAccumulator fromBytes(ValueMatrix value, byte[] state) {
		ByteBuffer payload = StateFormat.open(state, StateFormat.REGRESSION);
		try {
			long n = StateFormat.getCount(payload, "labelled");
			long unlabelled = StateFormat.getCount(payload, "unlabelled");
			double shift = payload.getDouble();
			CompensatedSum[] sums = new CompensatedSum[7];
			for (int i = 0; i < sums.length; i++) {
				sums[i] = StateFormat.getSum(payload);
			}
			RegressionReplicates replicates = payload.hasRemaining() ? RegressionReplicates.read(payload) : null;
			StateFormat.close(payload);
			if (!Double.isFinite(shift) || sums[1].value() < 0) {
				throw new MetricStateException("corrupt metric state: impossible label shift or spread");
			}
			return new RegressionAccumulator(value, MetricDefinitions.NONE, n, unlabelled, shift, sums, replicates);
		}
		catch (BufferUnderflowException ex) {
			throw StateFormat.truncated();
		}
	}

}
