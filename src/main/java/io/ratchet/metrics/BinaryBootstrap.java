package io.ratchet.metrics;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import io.ratchet.data.CountFormula;
import io.ratchet.data.MetricDefinitions;
import io.ratchet.data.ValueMatrix;

/**
 * Seeded bootstrap intervals of a binary accumulator's figures that are neither ROC AUC
 * nor a proportion: mean score, log loss, Brier, F1, balanced accuracy, MCC, average
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
 *
 * <p>
 * Cheap per month (issue 15): only the used cells are kept, in compact arrays in cell
 * order, and the average precision's positions point into them, so a resample is one draw
 * and one pass per used cell, not a scan of all {@code 4 × BINS} cells; the small Poisson
 * counts are drawn from cumulative tables built once; a resample allocates nothing (but a
 * formula's counts). Every sum is taken in the order it was before, so the intervals are
 * bit for bit those of the earlier implementation ({@code BinaryBootstrapTests} compares
 * them). The percentiles read the few replicates they need at each end, in the order a
 * sort gives ({@link OrderStatistics}), rather than sorting every replicate (a sort of
 * 200 doubles per figure was a quarter of a 30-row month's bootstrap).
 */
final class BinaryBootstrap {

	/** Bins of log-odds per (label, side) pair. */
	static final int BINS = 2048;

	private static final double LOG_ODDS_RANGE = 20;

	/** Cells with fewer rows than this are drawn exactly (inversion). */
	static final int POISSON_EXACT_BELOW = 16;

	/**
	 * The most replicates at either end the percentiles are read from without sorting
	 * them all (the 2.5% and 97.5% percentiles of 200 replicates need 6 at each end);
	 * more (some 2,600 resamples and up) are sorted.
	 */
	private static final int MOST_ORDER_STATISTICS_PER_END = 64;

	/**
	 * For each mean below {@value #POISSON_EXACT_BELOW}: the cumulative probabilities of
	 * 0, 1, 2... rows, summed term by term as the inversion does, up to the first term
	 * that underflows to 0 (where the inversion stops).
	 */
	private static final double[][] CUMULATIVE = java.util.stream.IntStream.range(0, POISSON_EXACT_BELOW)
		.mapToObj(BinaryBootstrap::cumulative)
		.toArray(double[][]::new);

	private static final String[] KEYS = { Metric.MEAN_SCORE.key(), Metric.LOG_LOSS.key(), Metric.BRIER.key(),
			Metric.F1.key(), Metric.BALANCED_ACCURACY.key(), Metric.MCC.key(), Metric.AVERAGE_PRECISION.key(),
			Metric.BUSINESS_VALUE.key(), Metric.BUSINESS_VALUE_PER_ROW.key() };

	/** The used cells' (label, side) pair, {@code cell / BINS}, in cell order. */
	private final int[] pairs;

	private final long[] counts;

	private final double[] scoreSums;

	private final double[] lossSums;

	private final double[] squareSums;

	private final long rows;

	/**
	 * The used (side, bin) positions, highest score first: the index of the position's
	 * positive and negative cell among the used ones, -1 when unused.
	 */
	private final int[] positiveAt;

	private final int[] negativeAt;

	/** The resample's confusion counts by pair, reused. */
	private final double[] confusion = new double[4];

	private BinaryBootstrap(BinaryAccumulator accumulator) {
		Cells cells = new Cells();
		double threshold = accumulator.threshold();
		accumulator.forEachScoreGroup((score, positives, negatives) -> {
			int side = (score >= threshold) ? 1 : 0;
			int bin = bin(score);
			double clipped = Math.min(Math.max(score, BinaryAccumulator.LOG_LOSS_EPSILON),
					1 - BinaryAccumulator.LOG_LOSS_EPSILON);
			if (positives > 0) {
				cells.add((2 + side) * BINS + bin, positives, score, -Math.log(clipped), (score - 1) * (score - 1));
			}
			if (negatives > 0) {
				cells.add(side * BINS + bin, negatives, score, -Math.log(1 - clipped), score * score);
			}
		});
		int[] order = cells.inCellOrder();
		int used = order.length;
		this.pairs = new int[used];
		this.counts = new long[used];
		this.scoreSums = new double[used];
		this.lossSums = new double[used];
		this.squareSums = new double[used];
		long total = 0;
		int negativeCells = 0;
		for (int i = 0; i < used; i++) {
			int slot = order[i];
			this.pairs[i] = cells.cells[slot] / BINS;
			this.counts[i] = cells.counts[slot];
			this.scoreSums[i] = cells.scoreSums[slot];
			this.lossSums[i] = cells.lossSums[slot];
			this.squareSums[i] = cells.squareSums[slot];
			total += this.counts[i];
			negativeCells += (this.pairs[i] < 2) ? 1 : 0;
		}
		this.rows = total;
		int[] positiveAt = new int[used];
		int[] negativeAt = new int[used];
		int count = 0;
		// negatives' cells are [0, 2 BINS), positives' [2 BINS, 4 BINS): merged from the
		// top
		int n = negativeCells - 1;
		int p = used - 1;
		while (n >= 0 || p >= negativeCells) {
			int negative = (n >= 0) ? cells.cells[order[n]] : -1;
			int positive = (p >= negativeCells) ? cells.cells[order[p]] - 2 * BINS : -1;
			int position = Math.max(negative, positive);
			negativeAt[count] = (negative == position) ? n-- : -1;
			positiveAt[count++] = (positive == position) ? p-- : -1;
		}
		this.positiveAt = Arrays.copyOf(positiveAt, count);
		this.negativeAt = Arrays.copyOf(negativeAt, count);
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
		return new BinaryBootstrap(accumulator).resample(accumulator, values, resamples, seed);
	}

	private Map<String, Interval> resample(BinaryAccumulator accumulator, MetricValues values, int resamples,
			long seed) {
		ValueMatrix value = accumulator.valueMatrix();
		MetricDefinitions definitions = accumulator.definitions();
		int formulas = definitions.formulas().size();
		double[][] replicates = new double[KEYS.length + formulas][resamples];
		double[] weights = new double[this.counts.length];
		double[] figures = new double[replicates.length];
		SplittableRandom random = new SplittableRandom(seed);
		for (int r = 0; r < resamples; r++) {
			for (int i = 0; i < weights.length; i++) {
				weights[i] = poisson(random, this.counts[i]);
			}
			figures(weights, value, definitions, figures);
			for (int k = 0; k < figures.length; k++) {
				replicates[k][r] = figures[k];
			}
		}
		double[] countsAsWeights = new double[this.counts.length];
		for (int i = 0; i < countsAsWeights.length; i++) {
			countsAsWeights[i] = this.counts[i];
		}
		double averagePrecisionShift = values.get(Metric.AVERAGE_PRECISION).orElse(Double.NaN)
				- averagePrecision(countsAsWeights);
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

	/**
	 * The resampled figures of the used cells' {@code weights}, into {@code figures} in
	 * the order of {@link #KEYS} then the formulas.
	 */
	private void figures(double[] weights, ValueMatrix value, MetricDefinitions definitions, double[] figures) {
		double total = 0;
		double score = 0;
		double loss = 0;
		double square = 0;
		double[] confusion = this.confusion;
		Arrays.fill(confusion, 0);
		for (int i = 0; i < weights.length; i++) {
			double weight = weights[i];
			if (weight == 0) {
				continue;
			}
			double perRow = weight / this.counts[i];
			total += weight;
			score += perRow * this.scoreSums[i];
			loss += perRow * this.lossSums[i];
			square += perRow * this.squareSums[i];
			confusion[this.pairs[i]] += weight;
		}
		Arrays.fill(figures, Double.NaN);
		if (total == 0) {
			return;
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
		int formulas = definitions.formulas().size();
		if (formulas > 0) {
			CountFormula.Counts counts = new CountFormula.Counts(tp, fp, tn, fn, n, positives, businessValue);
			for (int f = 0; f < formulas; f++) {
				figures[KEYS.length + f] = definitions.formulas().get(f).evaluate(counts);
			}
		}
	}

	/**
	 * Average precision of the binned scores (the used cells' {@code weights}), each
	 * position (side of the threshold, bin) a group of tied scores (as scikit-learn
	 * treats ties), highest first.
	 */
	private double averagePrecision(double[] weights) {
		double positives = 0;
		for (int cell : this.positiveAt) {
			positives += (cell < 0) ? 0 : weights[cell];
		}
		if (positives == 0) {
			return Double.NaN;
		}
		double truePositives = 0;
		double falsePositives = 0;
		double sum = 0;
		for (int k = 0; k < this.positiveAt.length; k++) {
			double p = (this.positiveAt[k] < 0) ? 0 : weights[this.positiveAt[k]];
			truePositives += p;
			falsePositives += (this.negativeAt[k] < 0) ? 0 : weights[this.negativeAt[k]];
			if (p > 0) {
				sum += p / positives * truePositives / (truePositives + falsePositives);
			}
		}
		return sum;
	}

	/**
	 * A Poisson draw of mean {@code mean}: by inversion when small (the smallest count
	 * whose cumulative probability reaches a uniform draw), else its normal
	 * approximation.
	 */
	static long poisson(SplittableRandom random, long mean) {
		if (mean < POISSON_EXACT_BELOW) {
			double u = random.nextDouble();
			double[] cumulative = CUMULATIVE[(int) mean];
			int last = cumulative.length - 1;
			int k = 0;
			while (k < last && u > cumulative[k]) {
				k++;
			}
			return k;
		}
		return Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
	}

	/**
	 * The cumulative probabilities of 0, 1, 2... rows for a Poisson of mean {@code mean},
	 * in the inversion's arithmetic: e^-mean, then each term the last times mean / k, up
	 * to and with the first term that is 0.
	 */
	private static double[] cumulative(int mean) {
		double[] table = new double[32];
		double p = Math.exp(-mean);
		double cumulative = p;
		table[0] = cumulative;
		int k = 0;
		while (p > 0) {
			k++;
			p *= (double) mean / k;
			cumulative += p;
			if (k == table.length) {
				table = Arrays.copyOf(table, 2 * k);
			}
			table[k] = cumulative;
		}
		return Arrays.copyOf(table, k + 1);
	}

	/**
	 * The 2.5% and 97.5% percentiles (linear between order statistics) of the finite
	 * replicates, moved by {@code shift}; {@code null} when fewer than half are finite.
	 */
	static Interval percentiles(double[] replicates, double shift) {
		double[] finite = new double[replicates.length];
		int count = 0;
		for (double replicate : replicates) {
			if (Double.isFinite(replicate)) {
				finite[count++] = replicate;
			}
		}
		if (count < Math.max(2, replicates.length / 2) || !Double.isFinite(shift)) {
			return null;
		}
		// the positions the two percentiles read: up to just above the 2.5% one, and from
		// the 97.5% one
		int tail = Math.max((int) Math.floor((count - 1) * 0.025) + 2, count - (int) Math.floor((count - 1) * 0.975));
		OrderStatistics ordered = OrderStatistics.ends(finite, count,
				(tail <= MOST_ORDER_STATISTICS_PER_END) ? tail : count);
		return new Interval(quantile(ordered, count, 0.025) + shift, quantile(ordered, count, 0.975) + shift,
				IntervalMethod.BOOTSTRAP);
	}

	private static double quantile(OrderStatistics ordered, int length, double p) {
		double h = (length - 1) * p;
		int below = (int) Math.floor(h);
		int above = Math.min(below + 1, length - 1);
		return ordered.get(below) + (h - below) * (ordered.get(above) - ordered.get(below));
	}

	/**
	 * The cells met while reading the score groups, in the order first met: a slot per
	 * cell, its row count and sums added to in the groups' order.
	 */
	private static final class Cells {

		private final int[] slotOf = new int[4 * BINS];

		private int[] cells = new int[64];

		private long[] counts = new long[64];

		private double[] scoreSums = new double[64];

		private double[] lossSums = new double[64];

		private double[] squareSums = new double[64];

		private int used;

		void add(int cell, long rows, double score, double loss, double square) {
			int slot = this.slotOf[cell] - 1;
			if (slot < 0) {
				if (this.used == this.cells.length) {
					grow();
				}
				slot = this.used++;
				this.slotOf[cell] = slot + 1;
				this.cells[slot] = cell;
			}
			this.counts[slot] += rows;
			this.scoreSums[slot] += rows * score;
			this.lossSums[slot] += rows * loss;
			this.squareSums[slot] += rows * square;
		}

		private void grow() {
			int capacity = 2 * this.cells.length;
			this.cells = Arrays.copyOf(this.cells, capacity);
			this.counts = Arrays.copyOf(this.counts, capacity);
			this.scoreSums = Arrays.copyOf(this.scoreSums, capacity);
			this.lossSums = Arrays.copyOf(this.lossSums, capacity);
			this.squareSums = Arrays.copyOf(this.squareSums, capacity);
		}

		/** The slots in ascending cell order. */
		int[] inCellOrder() {
			int[] cells = Arrays.copyOf(this.cells, this.used);
			Arrays.sort(cells);
			int[] order = new int[this.used];
			for (int i = 0; i < order.length; i++) {
				order[i] = this.slotOf[cells[i]] - 1;
			}
			return order;
		}

	}

}
