package io.ratchet.promotion;

import java.util.Arrays;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * The paired (case-resampling) bootstrap of the difference between two models on one
 * metric: each resample draws as many rows as there are, with replacement, and computes
 * the metric of both models on the same drawn rows; the 95% interval is the 2.5th and
 * 97.5th percentiles of the oriented differences (linear interpolation between order
 * statistics, numpy's default). A resample on which the metric is undefined (ROC AUC of a
 * draw with one class) is skipped and counted. Seeded: the same rows, resamples and seed
 * give the same interval.
 */
public final class PairedBootstrap {

	private PairedBootstrap() {
	}

	/**
	 * @param metric the metric and its direction
	 * @param rows labels and both models' scores
	 * @param resamples how many resamples (at least 1)
	 * @param seed the random seed
	 * @throws IllegalArgumentException when the metric is undefined on the rows, or on
	 * every resample
	 */
	public static Comparison compare(RowMetric metric, PairedRows rows, int resamples, long seed) {
		return compare(metric, metric, rows, resamples, seed);
	}

	/**
	 * As {@link #compare(RowMetric, PairedRows, int, long)}, each model's figure computed
	 * by its own metric: the same metric at each model's own decision threshold.
	 * @param championMetric the metric of the champion's scores
	 * @param candidateMetric the same metric (perhaps at another threshold) of the
	 * candidate's scores
	 */
	public static Comparison compare(RowMetric championMetric, RowMetric candidateMetric, PairedRows rows,
			int resamples, long seed) {
		if (resamples < 1) {
			throw new IllegalArgumentException("resamples must be at least 1, not " + resamples);
		}
		if (championMetric.metric() != candidateMetric.metric()) {
			throw new IllegalArgumentException(
					"cannot compare " + championMetric.metric().key() + " with " + candidateMetric.metric().key());
		}
		RowMetric metric = championMetric;
		double sign = metric.sign();
		int n = rows.size();
		double champion = defined(championMetric.of(rows.labels(), rows.champion()), metric, "champion");
		double candidate = defined(candidateMetric.of(rows.labels(), rows.candidate()), metric, "candidate");
		SplittableRandom random = new SplittableRandom(seed);
		double[] differences = new double[resamples];
		int kept = 0;
		int[] drawn = new int[n];
		for (int b = 0; b < resamples; b++) {
			for (int i = 0; i < n; i++) {
				drawn[i] = random.nextInt(n);
			}
			OptionalDouble a = championMetric.of(rows.labels(), rows.champion(), drawn);
			OptionalDouble c = candidateMetric.of(rows.labels(), rows.candidate(), drawn);
			if (a.isPresent() && c.isPresent()) {
				differences[kept++] = sign * (c.getAsDouble() - a.getAsDouble());
			}
		}
		if (kept == 0) {
			throw new IllegalArgumentException(metric.metric().key() + " is undefined on every resample");
		}
		double[] sorted = Arrays.copyOf(differences, kept);
		Arrays.sort(sorted);
		return new Comparison(metric.metric(), "paired-bootstrap", champion, candidate, sign * (candidate - champion),
				percentile(sorted, 0.025), percentile(sorted, 0.975), Double.NaN, Double.NaN, n, kept);
	}

	/**
	 * The q-quantile of sorted values, interpolating linearly between order statistics
	 * (numpy's default).
	 */
	static double percentile(double[] sorted, double q) {
		double position = q * (sorted.length - 1);
		int below = (int) Math.floor(position);
		int above = Math.min(below + 1, sorted.length - 1);
		double fraction = position - below;
		return sorted[below] + fraction * (sorted[above] - sorted[below]);
	}

	private static double defined(OptionalDouble value, RowMetric metric, String model) {
		return value.orElseThrow(() -> new IllegalArgumentException(
				metric.metric().key() + " of the " + model + " is undefined on these rows"));
	}

}
