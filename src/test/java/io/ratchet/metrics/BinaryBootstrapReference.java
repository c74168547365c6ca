package io.ratchet.metrics;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import io.ratchet.data.CountFormula;
import io.ratchet.data.MetricDefinitions;
import io.ratchet.data.ValueMatrix;

/**
 * The bootstrap as it was before issue 15 made it cheaper, kept unchanged as the
 * reference {@code BinaryBootstrapTests} compares {@link BinaryBootstrap} with bit for
 * bit. Seeded bootstrap intervals of a binary accumulator's figures that are neither ROC
 * AUC nor a proportion: mean score, log loss, Brier, F1, balanced accuracy, MCC, average
 * precision, business value (total and per row) and the dataset's formulas.
 *
 * <p>
 * Recomputed from what the accumulator (or a stored state read back) keeps, not stored
 * itself: its groups of equal score are first gathered into cells of (label, side of the
 * threshold, one of {@value #BINS} equal bins of log-odds in [−20, 20]), each cell
 * keeping its row count and its sums of score, log loss and squared error. A resample is
 * then a Poisson bootstrap over cells: each cell's rows count {@code Poisson(count)}
 * times (normal approximation past {@value #POISSON_EXACT_BELOW} rows), rescaled to the
 * period's row count, so a resample costs one draw per used cell, whatever the number of
 * rows. Within a cell the rows are replaced by their mean: cells are 0.02 wide in
 * log-odds, so a row's log loss and Brier move by at most about 0.02 within one, far
 * below the interval's width. The interval is the 2.5% and 97.5% percentiles of the
 * resampled figures; for average precision, whose binned value differs slightly from the
 * exact one, the percentiles are shifted by that difference. The same seed and data give
 * the same interval.
 */
final class BinaryBootstrapReference {

	/** Bins of log-odds per (label, side) pair. */
	static final int BINS = 2048;

	private static final double LOG_ODDS_RANGE = 20;

	/** Cells with fewer rows than this are drawn exactly (inversion). */
	static final int POISSON_EXACT_BELOW = 16;

	/** e^-k for the small means drawn by inversion. */
	private static final double[] EXP_NEGATIVE = java.util.stream.IntStream.range(0, POISSON_EXACT_BELOW)
		.mapToDouble((k) -> Math.exp(-k))
		.toArray();

	private static final String[] KEYS = { Metric.MEAN_SCORE.key(), Metric.LOG_LOSS.key(), Metric.BRIER.key(),
			Metric.F1.key(), Metric.BALANCED_ACCURACY.key(), Metric.MCC.key(), Metric.AVERAGE_PRECISION.key(),
			Metric.BUSINESS_VALUE.key(), Metric.BUSINESS_VALUE_PER_ROW.key() };

	private final long[] counts = new long[4 * BINS];

	private final double[] scoreSums = new double[4 * BINS];

	private final double[] lossSums = new double[4 * BINS];

	private final double[] squareSums = new double[4 * BINS];

	private final int[] used;

	private final long rows;

	/** The used (side, bin) positions, highest score first. */
	private final int[] positions;

	private BinaryBootstrapReference(BinaryAccumulator accumulator) {
		double threshold = accumulator.threshold();
		accumulator.forEachScoreGroup((score, positives, negatives) -> {
			int side = (score >= threshold) ? 1 : 0;
			int bin = bin(score);
			double clipped = Math.min(Math.max(score, BinaryAccumulator.LOG_LOSS_EPSILON),
					1 - BinaryAccumulator.LOG_LOSS_EPSILON);
			if (positives > 0) {
				add((2 + side) * BINS + bin, positives, score, -Math.log(clipped), (score - 1) * (score - 1));
			}
			if (negatives > 0) {
				add(side * BINS + bin, negatives, score, -Math.log(1 - clipped), score * score);
			}
		});
		this.used = java.util.stream.IntStream.range(0, this.counts.length)
			.filter((cell) -> this.counts[cell] > 0)
			.toArray();
		this.rows = Arrays.stream(this.counts).sum();
		this.positions = java.util.stream.IntStream.of(this.used)
			.map((cell) -> cell % (2 * BINS))
			.distinct()
			.map((position) -> -position)
			.sorted()
			.map((position) -> -position)
			.toArray();
	}

	private void add(int cell, long rows, double score, double loss, double square) {
		this.counts[cell] += rows;
		this.scoreSums[cell] += rows * score;
		this.lossSums[cell] += rows * loss;
		this.squareSums[cell] += rows * square;
	}

	/** The bin of a score's log-odds, scores at or past the ends in the end bins. */
	static int bin(double score) {
		double logOdds = Math.log(score / (1 - score));
		if (!(logOdds > -LOG_ODDS_RANGE)) {
			return 0;
		}
		int bin = (int) ((logOdds + LOG_ODDS_RANGE) / (2 * LOG_ODDS_RANGE) * BINS);
		return Math.min(bin, BINS - 1);
	}

	/**
	 * The bootstrap intervals of the accumulator's figures, by metric key; none without
	 * labelled rows. A figure absent from {@code values} gets no interval.
	 */
	static Map<String, Interval> intervals(BinaryAccumulator accumulator, MetricValues values, int resamples,
			long seed) {
		if (accumulator.labelled() == 0 || resamples < 2) {
			return Map.of();
		}
		return new BinaryBootstrapReference(accumulator).resample(accumulator, values, resamples, seed);
	}

	private Map<String, Interval> resample(BinaryAccumulator accumulator, MetricValues values, int resamples,
			long seed) {
		ValueMatrix value = accumulator.valueMatrix();
		MetricDefinitions definitions = accumulator.definitions();
		int formulas = definitions.formulas().size();
		double[][] replicates = new double[KEYS.length + formulas][resamples];
		double[] weights = new double[this.counts.length];
		SplittableRandom random = new SplittableRandom(seed);
		for (int r = 0; r < resamples; r++) {
			for (int cell : this.used) {
				weights[cell] = poisson(random, this.counts[cell]);
			}
			double[] figures = figures(weights, value, definitions);
			for (int k = 0; k < figures.length; k++) {
				replicates[k][r] = figures[k];
			}
		}
		double averagePrecisionShift = values.get(Metric.AVERAGE_PRECISION).orElse(Double.NaN)
				- averagePrecision(this.countsAsWeights());
		Map<String, Interval> intervals = new LinkedHashMap<>();
		for (int k = 0; k < replicates.length; k++) {
			String key = (k < KEYS.length) ? KEYS[k] : definitions.formulas().get(k - KEYS.length).name();
			if (values.get(MetricId.of(key)).isEmpty()) {
				continue;
			}
			double shift = key.equals(Metric.AVERAGE_PRECISION.key()) ? averagePrecisionShift : 0;
			Interval interval = percentiles(replicates[k], shift);
			if (interval != null) {
				intervals.put(key, interval);
			}
		}
		return intervals;
	}

	private double[] countsAsWeights() {
		double[] weights = new double[this.counts.length];
		for (int cell : this.used) {
			weights[cell] = this.counts[cell];
		}
		return weights;
	}

	/** The resampled figures, in the order of {@link #KEYS} then the formulas. */
	private double[] figures(double[] weights, ValueMatrix value, MetricDefinitions definitions) {
		double total = 0;
		double score = 0;
		double loss = 0;
		double square = 0;
		double[] confusion = new double[4];
		for (int cell : this.used) {
			double weight = weights[cell];
			if (weight == 0) {
				continue;
			}
			double perRow = weight / this.counts[cell];
			total += weight;
			score += perRow * this.scoreSums[cell];
			loss += perRow * this.lossSums[cell];
			square += perRow * this.squareSums[cell];
			confusion[cell / BINS] += weight;
		}
		double[] figures = new double[KEYS.length + definitions.formulas().size()];
		Arrays.fill(figures, Double.NaN);
		if (total == 0) {
			return figures;
		}
		// rescaled to the period's rows, so totals are those of a resample of n rows
		double scale = this.rows / total;
		double fp = confusion[1] * scale;
		double tn = confusion[0] * scale;
		double fn = confusion[2] * scale;
		double tp = confusion[3] * scale;
		double n = this.rows;
		double positives = tp + fn;
		double negatives = tn + fp;
		figures[0] = score / total;
		figures[1] = loss / total;
		figures[2] = square / total;
		figures[3] = (2 * tp + fp + fn > 0) ? 2 * tp / (2 * tp + fp + fn) : 0;
		figures[4] = (positives > 0 && negatives > 0) ? (tp / positives + tn / negatives) / 2 : Double.NaN;
		double denominator = (tp + fp) * positives * negatives * (tn + fn);
		figures[5] = (denominator == 0) ? 0 : (tp * tn - fp * fn) / Math.sqrt(denominator);
		figures[6] = averagePrecision(weights);
		double businessValue = Double.NaN;
		if (value != null) {
			businessValue = tp * value.tp() + fp * value.fp() + tn * value.tn() + fn * value.fn();
			figures[7] = businessValue;
			figures[8] = businessValue / n;
		}
		CountFormula.Counts counts = new CountFormula.Counts(tp, fp, tn, fn, n, positives, businessValue);
		for (int f = 0; f < definitions.formulas().size(); f++) {
			figures[KEYS.length + f] = definitions.formulas().get(f).evaluate(counts);
		}
		return figures;
	}

	/**
	 * Average precision of the binned scores, each position (side of the threshold, bin)
	 * a group of tied scores (as scikit-learn treats ties), highest first.
	 */
	private double averagePrecision(double[] weights) {
		double positives = 0;
		for (int position : this.positions) {
			positives += weights[2 * BINS + position];
		}
		if (positives == 0) {
			return Double.NaN;
		}
		double truePositives = 0;
		double falsePositives = 0;
		double sum = 0;
		for (int position : this.positions) {
			double p = weights[2 * BINS + position];
			truePositives += p;
			falsePositives += weights[position];
			if (p > 0) {
				sum += p / positives * truePositives / (truePositives + falsePositives);
			}
		}
		return sum;
	}

	/**
	 * A Poisson draw of mean {@code mean}: by inversion when small, else its normal
	 * approximation.
	 */
	static long poisson(SplittableRandom random, long mean) {
		if (mean < POISSON_EXACT_BELOW) {
			double u = random.nextDouble();
			double p = EXP_NEGATIVE[(int) mean];
			double cumulative = p;
			long k = 0;
			while (u > cumulative && p > 0) {
				k++;
				p *= (double) mean / k;
				cumulative += p;
			}
			return k;
		}
		return Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
	}

	/**
	 * The 2.5% and 97.5% percentiles (linear between order statistics) of the finite
	 * replicates, moved by {@code shift}; {@code null} when fewer than half are finite.
	 */
	static Interval percentiles(double[] replicates, double shift) {
		double[] finite = Arrays.stream(replicates).filter(Double::isFinite).sorted().toArray();
		if (finite.length < Math.max(2, replicates.length / 2) || !Double.isFinite(shift)) {
			return null;
		}
		return new Interval(quantile(finite, 0.025) + shift, quantile(finite, 0.975) + shift, IntervalMethod.BOOTSTRAP);
	}

	private static double quantile(double[] sorted, double p) {
		double h = (sorted.length - 1) * p;
		int below = (int) Math.floor(h);
		int above = Math.min(below + 1, sorted.length - 1);
		return sorted[below] + (h - below) * (sorted[above] - sorted[below]);
	}

}
