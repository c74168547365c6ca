package io.ratchet.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.ratchet.data.Task;

/**
 * The confusion matrix of a binary model at many thresholds, read from a stored month
 * state (nothing is scored again): at each threshold a row is predicted positive when its
 * score is at least the threshold, as at the model's own. Exact while the state keeps its
 * scores (up to 2^18 labelled rows a month); from a histogram state each bin counts at
 * its centre score, so a threshold inside a bin may be off by that bin's rows.
 */
public final class ThresholdSweep {

	private ThresholdSweep() {
	}

	/**
	 * The confusion matrix at each threshold.
	 * @param state a binary state written by {@link MetricAccumulator#toBytes()}
	 * @param thresholds the thresholds, in any order
	 * @return one matrix per threshold, in the order given
	 * @throws MetricStateException when the state is corrupt or not a binary one
	 */
	public static List<ScoreCurves.Confusion> at(byte[] state, double... thresholds) {
		BinaryAccumulator accumulator = (BinaryAccumulator) Accumulators.fromBytes(Task.BINARY,
				StateFormat.binaryThreshold(state), state);
		long[] confusion = accumulator.confusion();
		long positives = confusion[0] + confusion[3];
		long negatives = confusion[1] + confusion[2];
		// highest threshold first, as the score groups come
		Integer[] order = new Integer[thresholds.length];
		Arrays.setAll(order, (i) -> i);
		Arrays.sort(order, (a, b) -> Double.compare(thresholds[b], thresholds[a]));
		long[] truePositives = new long[thresholds.length];
		long[] falsePositives = new long[thresholds.length];
		long[] running = new long[2];
		int[] next = new int[1];
		accumulator.forEachScoreGroup((score, p, n) -> {
			while (next[0] < order.length && thresholds[order[next[0]]] > score) {
				truePositives[order[next[0]]] = running[0];
				falsePositives[order[next[0]]] = running[1];
				next[0]++;
			}
			running[0] += p;
			running[1] += n;
		});
		for (int i = next[0]; i < order.length; i++) {
			truePositives[order[i]] = running[0];
			falsePositives[order[i]] = running[1];
		}
		List<ScoreCurves.Confusion> matrices = new ArrayList<>(thresholds.length);
		for (int i = 0; i < thresholds.length; i++) {
			matrices.add(new ScoreCurves.Confusion(thresholds[i], truePositives[i], falsePositives[i],
					negatives - falsePositives[i], positives - truePositives[i]));
		}
		return matrices;
	}

}
