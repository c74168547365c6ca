package io.ratchet.metrics;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The online Poisson bootstrap of a {@link RegressionAccumulator}: {@value #REPLICATES}
 * replicates, each keeping the sums the accumulator keeps, but with every row counted
 * {@code w} times, {@code w} a Poisson(1) draw (quantised to 1/256) fixed by the row's
 * identity ({@link RowKey}), the replicate's index and {@link #SEED}. Since a row's
 * weights depend on nothing else, the replicates of two months merge into those of the
 * period exactly as one pass over its rows would give them (up to the rounding of summing
 * in another order), and a restarted month draws the same weights again.
 *
 * <p>
 * The seed is part of the state's definition, not a setting: a stored month's replicates
 * were drawn with it, so a configured seed could not change them afterwards.
 * {@value #REPLICATES} replicates keep the state at {@value #SUMS} sums of 8 bytes each
 * per replicate (3.5 KiB) and the cost per row at 8 hashes and {@value #REPLICATES}
 * weighted additions of {@value #SUMS} sums. So few replicates place the 2.5% and 97.5%
 * percentiles poorly (those intervals covered 91-92% in the seeded simulation of the
 * metrics README): the interval is instead the figure ± t·s, s the replicates' standard
 * deviation (the bootstrap's standard error) and t Student's quantile at 63 degrees of
 * freedom, which allows for s being estimated from 64 replicates. The sums are plain
 * doubles (not compensated): a replicate's figures need far fewer digits than the point
 * figures.
 */
final class RegressionReplicates {

	/** Replicates kept per accumulator. */
	static final int REPLICATES = 64;

	/** The replicate weights' seed. */
	static final long SEED = 18;

	/**
	 * Per replicate: the weight total, then the weighted sums of the label's deviation
	 * from the accumulator's shift, its square, the absolute, squared and signed error,
	 * and the percentage error.
	 */
	static final int SUMS = 7;

	/** Poisson(1)'s quantiles at (i + 0.5) / 256: a weight from one random byte. */
	private static final double[] WEIGHTS = weights();

	private final long seed;

	/**
	 * The sums by kind, then replicate: a row adds to each kind's {@value #REPLICATES}
	 * contiguous sums in a loop the JIT vectorises.
	 */
	private final double[][] sums = new double[SUMS][REPLICATES];

	/** The current row's weights, reused row after row. */
	private final double[] weights = new double[REPLICATES];

	RegressionReplicates() {
		this(SEED);
	}

	/** Replicates drawn with another seed (for tests). */
	RegressionReplicates(long seed) {
		this.seed = seed;
	}

	private static double[] weights() {
		double[] weights = new double[256];
		double probability = Math.exp(-1);
		double cumulative = probability;
		int k = 0;
		for (int i = 0; i < weights.length; i++) {
			while ((i + 0.5) / weights.length > cumulative) {
				k++;
				probability /= k;
				cumulative += probability;
			}
			weights[i] = k;
		}
		return weights;
	}

	/**
	 * Adds one labelled row to every replicate, with its weight in each.
	 * @param key the row's identity ({@link RowKey})
	 * @param deviation the label minus the accumulator's shift
	 */
	void add(long key, double deviation, double error, double absoluteError, double percentageError) {
		double[] row = this.weights;
		long rowSeed = RowKey.mix(key ^ this.seed);
		for (int block = 0; block < REPLICATES / 8; block++) {
			long bits = RowKey.mix(rowSeed + (block + 1) * 0x9E3779B97F4A7C15L);
			for (int j = 0; j < 8; j++) {
				row[(block << 3) + j] = WEIGHTS[(int) (bits >>> (8 * j)) & 0xFF];
			}
		}
		add(this.sums[0], row, 1);
		add(this.sums[1], row, deviation);
		add(this.sums[2], row, deviation * deviation);
		add(this.sums[3], row, absoluteError);
		add(this.sums[4], row, error * error);
		add(this.sums[5], row, error);
		add(this.sums[6], row, percentageError);
	}

	private static void add(double[] sums, double[] weights, double value) {
		for (int r = 0; r < REPLICATES; r++) {
			sums[r] += weights[r] * value;
		}
	}

	/**
	 * Adds the other replicates, whose deviations are around a shift {@code delta} above
	 * this side's (re-expressed as the accumulator's sums are). Reads each replicate's
	 * sums before writing them (self-merge).
	 */
	void merge(RegressionReplicates that, double delta) {
		if (this.seed != that.seed) {
			throw new IllegalArgumentException("cannot merge replicates drawn with another seed");
		}
		double[][] mine = this.sums;
		double[][] theirs = that.sums;
		for (int r = 0; r < REPLICATES; r++) {
			double weight = theirs[0][r];
			double deviations = theirs[1][r];
			double squares = theirs[2][r];
			mine[0][r] += weight;
			mine[1][r] += deviations + weight * delta;
			mine[2][r] += squares + 2 * delta * deviations + weight * delta * delta;
			for (int k = 3; k < SUMS; k++) {
				mine[k][r] += theirs[k][r];
			}
		}
	}

	/**
	 * The intervals ({@link #around}) of the figures in {@code values} (but the row
	 * count), each replicate's figures given by {@code figures} from its sums rescaled to
	 * the accumulator's {@code n} rows (so totals, such as business value, are those of a
	 * resample of n rows).
	 */
	Map<String, Interval> intervals(MetricValues values, long n, ReplicateFigures figures) {
		Map<String, double[]> replicates = new LinkedHashMap<>();
		for (int r = 0; r < REPLICATES; r++) {
			double weight = this.sums[0][r];
			MetricValues resampled = (weight > 0) ? figures.of(n / weight, this.sums, r) : null;
			for (Map.Entry<Metric, Double> figure : values.values().entrySet()) {
				if (figure.getKey() != Metric.N) {
					record(replicates, figure.getKey(), r, resampled);
				}
			}
			for (String key : values.own().keySet()) {
				record(replicates, MetricId.of(key), r, resampled);
			}
		}
		Map<String, Interval> intervals = new LinkedHashMap<>();
		replicates.forEach((key, figuresOfKey) -> {
			Interval interval = around(values.get(MetricId.of(key)).getAsDouble(), figuresOfKey);
			if (interval != null) {
				intervals.put(key, interval);
			}
		});
		return intervals;
	}

	/**
	 * The figure ± t·s, s the standard deviation of its finite replicates and t Student's
	 * 97.5% quantile at their count less one degree of freedom; {@code null} when fewer
	 * than half are finite.
	 */
	static Interval around(double figure, double[] replicates) {
		double[] finite = Arrays.stream(replicates).filter(Double::isFinite).toArray();
		if (finite.length < Math.max(2, replicates.length / 2)) {
			return null;
		}
		double mean = Arrays.stream(finite).average().orElseThrow();
		double squares = 0;
		for (double value : finite) {
			squares += (value - mean) * (value - mean);
		}
		double half = studentQuantile(finite.length - 1) * Math.sqrt(squares / (finite.length - 1));
		return new Interval(figure - half, figure + half, IntervalMethod.BOOTSTRAP);
	}

	/**
	 * Student's t 97.5% quantile at {@code freedom} degrees of freedom, by its
	 * Cornish-Fisher expansion around the normal one (within 1e-4 from 30 degrees of
	 * freedom; 1.9983 at 63).
	 */
	static double studentQuantile(int freedom) {
		double z = Interval.Z_95;
		double z3 = z * z * z;
		double nu = freedom;
		return z + (z3 + z) / (4 * nu) + (5 * z3 * z * z + 16 * z3 + 3 * z) / (96 * nu * nu)
				+ (3 * z3 * z3 * z + 19 * z3 * z * z + 17 * z3 - 15 * z) / (384 * nu * nu * nu);
	}

	private static void record(Map<String, double[]> replicates, MetricId metric, int r, MetricValues resampled) {
		double[] figures = replicates.computeIfAbsent(metric.key(), (key) -> new double[REPLICATES]);
		figures[r] = (resampled != null) ? resampled.get(metric).orElse(Double.NaN) : Double.NaN;
	}

	/** Writes the seed and the sums, kind by kind. */
	void write(ByteBuffer buffer) {
		buffer.putLong(this.seed);
		for (double[] kind : this.sums) {
			for (double sum : kind) {
				buffer.putDouble(sum);
			}
		}
	}

	/** Bytes {@link #write} writes. */
	static int bytes() {
		return Long.BYTES + REPLICATES * SUMS * Double.BYTES;
	}

	/** Reads what {@link #write} wrote. */
	static RegressionReplicates read(ByteBuffer payload) {
		RegressionReplicates replicates = new RegressionReplicates(payload.getLong());
		for (double[] kind : replicates.sums) {
			for (int r = 0; r < REPLICATES; r++) {
				kind[r] = payload.getDouble();
				if (!Double.isFinite(kind[r])) {
					throw new MetricStateException("corrupt metric state: a bootstrap replicate's sum is not finite");
				}
			}
		}
		return replicates;
	}

	/** A replicate's figures from its sums. */
	@FunctionalInterface
	interface ReplicateFigures {

		/**
		 * @param scale the factor to the accumulator's row count ({@code n / weight})
		 * @param sums every replicate's sums, by kind (as {@link #add} lists them) then
		 * replicate
		 * @param r the replicate
		 */
		MetricValues of(double scale, double[][] sums, int r);

	}

}
