package io.ratchet.metrics;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.ratchet.data.Task;
import io.ratchet.data.TopK;

/**
 * The 95% interval of every figure of an accumulator that is an estimate: DeLong for ROC
 * AUC ({@link DeLongInterval}), Wilson for proportions of counted rows ({@link Wilson}:
 * accuracy, precision, recall, the rates at the threshold, precision and recall of each
 * top k%), and a seeded bootstrap for the rest ({@link BinaryBootstrap}). Lift in the top
 * k% is precision's interval divided by the period's share of positives. Every regression
 * figure has the interval of the accumulator's own bootstrap replicates
 * ({@link RegressionReplicates}), kept in its state and merged with it.
 *
 * <p>
 * Recomputed from what the accumulator holds, so the same for a month's live accumulator
 * and for its stored state read back, and for the whole period from the merged states. No
 * interval for counts ({@code n, positives, tp, fp, tn, fn}: counted, not estimated), for
 * an absent figure, for multiclass figures, or for a regression state stored before its
 * replicates existed.
 */
public final class Intervals {

	/** Bootstrap resamples unless configured otherwise. */
	public static final int DEFAULT_RESAMPLES = 200;

	/** The bootstrap's seed unless configured otherwise. */
	public static final long DEFAULT_SEED = 18;

	/** Figures that are counted, not estimated: no interval. */
	private static final Set<Metric> COUNTS = EnumSet.of(Metric.N, Metric.POSITIVES, Metric.TP, Metric.FP, Metric.TN,
			Metric.FN);

	private Intervals() {
	}

	/**
	 * The intervals of the accumulator's figures ({@code values}, its result).
	 * @param resamples bootstrap resamples (at least 2; fewer gives no bootstrap
	 * interval) of a binary accumulator; a regression one has its fixed replicates
	 * @param seed the binary bootstrap's seed: the same data and seed give the same
	 * intervals (a regression accumulator's replicates were drawn as its rows came, with
	 * their own seed)
	 */
	public static MetricIntervals of(MetricAccumulator accumulator, MetricValues values, int resamples, long seed) {
		if (accumulator instanceof RegressionAccumulator regression) {
			return new MetricIntervals(regression.intervals(values));
		}
		if (!(accumulator instanceof BinaryAccumulator binary) || values.n() == 0) {
			return MetricIntervals.NONE;
		}
		Map<String, Interval> intervals = new LinkedHashMap<>();
		if (values.get(Metric.ROC_AUC).isPresent()) {
			put(intervals, Metric.ROC_AUC, DeLongInterval.of(binary));
		}
		long[] confusion = binary.confusion();
		long tp = confusion[0];
		long fp = confusion[1];
		long tn = confusion[2];
		long fn = confusion[3];
		long n = tp + fp + tn + fn;
		put(intervals, Metric.ACCURACY, Wilson.of(tp + tn, n));
		put(intervals, Metric.PRECISION, Wilson.of(tp, tp + fp));
		put(intervals, Metric.RECALL, Wilson.of(tp, tp + fn));
		put(intervals, Metric.FALSE_POSITIVE_RATE, Wilson.of(fp, fp + tn));
		put(intervals, Metric.FALSE_NEGATIVE_RATE, Wilson.of(fn, fn + tp));
		put(intervals, Metric.SPECIFICITY, Wilson.of(tn, tn + fp));
		topShares(intervals, binary, n, tp + fn);
		intervals.putAll(BinaryBootstrap.intervals(binary, values, resamples, seed));
		intervals.keySet().removeIf((key) -> values.get(MetricId.of(key)).isEmpty());
		return new MetricIntervals(intervals);
	}

	/** Precision, recall and lift of the built-in and the dataset's top k%. */
	private static void topShares(Map<String, Interval> intervals, BinaryAccumulator binary, long n, long positives) {
		int[] percents = TopShare.percents();
		List<TopK> own = binary.definitions().topK();
		long[] cuts = new long[percents.length + own.size()];
		for (int i = 0; i < percents.length; i++) {
			cuts[i] = TopShare.cut(n, percents[i]);
		}
		for (int i = 0; i < own.size(); i++) {
			cuts[percents.length + i] = own.get(i).cut(n);
		}
		long[][] counts = TopShare.counts(binary.scores(), cuts);
		for (int i = 0; i < cuts.length; i++) {
			List<? extends MetricId> metrics = (i < percents.length) ? List.of(TopShare.metrics(i))
					: MetricId.ofTopK(own.get(i - percents.length));
			Interval precision = Wilson.of(counts[1][i], counts[0][i]);
			put(intervals, metrics.get(0), precision);
			if (positives > 0) {
				put(intervals, metrics.get(1), Wilson.of(counts[1][i], positives));
				double rate = (double) positives / n;
				put(intervals, metrics.get(2), (precision != null)
						? new Interval(precision.lo() / rate, precision.hi() / rate, IntervalMethod.WILSON) : null);
			}
		}
	}

	/**
	 * The metrics among {@code metrics} (a dataset's, of that task) that can have an
	 * interval: every binary or regression figure but the counts; no multiclass figure.
	 */
	public static List<MetricId> intervalled(Task task, List<MetricId> metrics) {
		if (task != Task.BINARY && task != Task.REGRESSION) {
			return List.of();
		}
		return metrics.stream().filter((metric) -> !COUNTS.contains(metric)).toList();
	}

	private static void put(Map<String, Interval> intervals, MetricId metric, Interval interval) {
		if (interval != null) {
			intervals.put(metric.key(), interval);
		}
	}

}
