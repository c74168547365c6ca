package io.ratchet.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import io.ratchet.data.Task;
import io.ratchet.data.ValueMatrix;

/**
 * How often each interval method covers the true value, in seeded trials of populations
 * whose figures are known in closed form (or, for MAPE, from a million seeded rows):
 * <ul>
 * <li>binary, calibrated: 300 rows, scores uniform on (0, 1), each row positive with its
 * score's probability; at threshold 0.5 every rate (accuracy, precision, recall,
 * specificity, balanced accuracy, F1) is 3/4, MCC 1/2, mean score 1/2, Brier 1/6, log
 * loss 1/2, average precision ∫(t + t²)dt = 5/6, and by the value matrix tp 10, fp −2, fn
 * −30 the business value per row is −1/4;</li>
 * <li>binary, separated: 100 positives with scores logistic(1 + N(0, 1)) and 100
 * negatives logistic(N(0, 1)): ROC AUC Φ(1/√2);</li>
 * <li>regression: 300 rows, prediction x ~ N(100, 20²), label x + N(0, 10²): RMSE 10, MAE
 * 10√(2/π), bias 0, mean label and prediction 100, R² 400/500, business value per row
 * (under −2, over −1 per unit) −3·10/√(2π).</li>
 * </ul>
 * Used by {@code IntervalsTests}, {@code RegressionIntervalsTests} and the developer tool
 * {@code io.ratchet.bench.IntervalCoverage}, which prints the table of the metrics
 * README.
 */
public final class CoverageSimulation {

	/** Rows of a calibrated binary or a regression trial. */
	public static final int ROWS = 300;

	/** Rows of each class in a DeLong trial. */
	public static final int ROWS_PER_CLASS = 100;

	private static final ValueMatrix BINARY_VALUE = new ValueMatrix(Task.BINARY, 10, -2, 0, -30, 0, 0);

	private static final ValueMatrix REGRESSION_VALUE = ValueMatrix.regression(-2, -1);

	private static final double SIGMA = 10;

	private CoverageSimulation() {
	}

	/**
	 * One line of the table: the method, the figure, its rows per trial, and the share of
	 * trials whose interval held the true value.
	 */
	public record Coverage(IntervalMethod method, MetricId metric, int rows, int trials, int covered) {

		/** The share of trials whose interval held the true value. */
		public double share() {
			return (double) this.covered / this.trials;
		}

		/** Whether the share is within 93-97%. */
		public boolean within() {
			return share() >= 0.93 && share() <= 0.97;
		}

	}

	/** Every method and figure, each with {@code trials} trials from that seed. */
	public static List<Coverage> all(int trials, long seed) {
		List<Coverage> table = new ArrayList<>();
		table.addAll(binary(trials, seed));
		table.addAll(regression(trials, seed));
		return table;
	}

	/** The calibrated binary trials (Wilson and bootstrap) and the DeLong ones. */
	public static List<Coverage> binary(int trials, long seed) {
		Map<Metric, Double> truth = new LinkedHashMap<>();
		truth.put(Metric.ACCURACY, 0.75);
		truth.put(Metric.PRECISION, 0.75);
		truth.put(Metric.RECALL, 0.75);
		truth.put(Metric.SPECIFICITY, 0.75);
		truth.put(Metric.MEAN_SCORE, 0.5);
		truth.put(Metric.BRIER, 1.0 / 6);
		truth.put(Metric.LOG_LOSS, 0.5);
		truth.put(Metric.F1, 0.75);
		truth.put(Metric.BALANCED_ACCURACY, 0.75);
		truth.put(Metric.MCC, 0.5);
		truth.put(Metric.AVERAGE_PRECISION, 5.0 / 6);
		truth.put(Metric.BUSINESS_VALUE_PER_ROW, -0.25);
		SplittableRandom random = new SplittableRandom(seed);
		List<Coverage> table = count(truth, ROWS, trials, (covered) -> {
			MetricAccumulator calibrated = Accumulators.create(Task.BINARY, 0.5, BINARY_VALUE);
			for (int row = 0; row < ROWS; row++) {
				double score = random.nextDouble();
				calibrated.add(score, (random.nextDouble() < score) ? 1 : 0);
			}
			covered
				.accept(Intervals.of(calibrated, calibrated.result(), Intervals.DEFAULT_RESAMPLES, random.nextLong()));
		});
		double trueAuc = 0.7602499389065233;
		table.addAll(count(Map.of(Metric.ROC_AUC, trueAuc), 2 * ROWS_PER_CLASS, trials, (covered) -> {
			MetricAccumulator separated = Accumulators.create(Task.BINARY, 0.5);
			for (int row = 0; row < ROWS_PER_CLASS; row++) {
				separated.add(1 / (1 + Math.exp(-1 - random.nextGaussian())), 1);
				separated.add(1 / (1 + Math.exp(-random.nextGaussian())), 0);
			}
			covered.accept(Intervals.of(separated, separated.result(), 2, 0));
		}));
		return table;
	}

	/** The regression trials (the replicates of {@link RegressionReplicates}). */
	public static List<Coverage> regression(int trials, long seed) {
		Map<Metric, Double> truth = new LinkedHashMap<>();
		truth.put(Metric.MEAN_LABEL, 100.0);
		truth.put(Metric.MEAN_PREDICTION, 100.0);
		truth.put(Metric.MAE, SIGMA * Math.sqrt(2 / Math.PI));
		truth.put(Metric.RMSE, SIGMA);
		truth.put(Metric.BIAS, 0.0);
		truth.put(Metric.R2, 0.8);
		truth.put(Metric.MAPE, trueMape());
		truth.put(Metric.BUSINESS_VALUE_PER_ROW, -3 * SIGMA / Math.sqrt(2 * Math.PI));
		SplittableRandom random = new SplittableRandom(seed);
		int[] trial = { 0 };
		return count(truth, ROWS, trials, (covered) -> {
			MetricAccumulator accumulator = Accumulators.create(Task.REGRESSION, 0.5, REGRESSION_VALUE);
			for (int row = 0; row < ROWS; row++) {
				double prediction = 100 + 20 * random.nextGaussian();
				double label = prediction + SIGMA * random.nextGaussian();
				accumulator.add(prediction, label, RowKey.of(row + 2, trial[0], label));
			}
			trial[0]++;
			covered.accept(Intervals.of(accumulator, accumulator.result(), 2, 0));
		});
	}

	/** MAPE of the regression population, from a million seeded rows. */
	private static double trueMape() {
		SplittableRandom random = new SplittableRandom(1);
		double sum = 0;
		int rows = 1_000_000;
		for (int row = 0; row < rows; row++) {
			double label = 100 + 20 * random.nextGaussian() + SIGMA * random.nextGaussian();
			double error = SIGMA * random.nextGaussian();
			sum += Math.abs(error) / Math.abs(label);
		}
		return sum / rows;
	}

	/** Runs the trials, each handing its intervals on, and counts the covered ones. */
	private static List<Coverage> count(Map<Metric, Double> truth, int rows, int trials,
			Consumer<Consumer<MetricIntervals>> trial) {
		Map<Metric, int[]> covered = new LinkedHashMap<>();
		Map<Metric, IntervalMethod> methods = new LinkedHashMap<>();
		truth.keySet().forEach((metric) -> covered.put(metric, new int[1]));
		for (int t = 0; t < trials; t++) {
			trial.accept((intervals) -> truth.forEach((metric, value) -> {
				Interval interval = intervals.get(metric).orElse(null);
				if (interval != null) {
					methods.put(metric, interval.method());
					covered.get(metric)[0] += interval.contains(value) ? 1 : 0;
				}
			}));
		}
		List<Coverage> table = new ArrayList<>();
		truth.keySet()
			.forEach((metric) -> table.add(new Coverage(methods.getOrDefault(metric, IntervalMethod.BOOTSTRAP), metric,
					rows, trials, covered.get(metric)[0])));
		return table;
	}

}
