package io.ratchet.metrics;

import java.util.ArrayList;
import java.util.List;

import io.ratchet.data.Task;

/**
 * The curves of a binary model read from a stored accumulator state (read-only; nothing
 * is recomputed from data): ROC and precision-recall curves, a reliability diagram and
 * the confusion matrix at the threshold. The curves are exact while the state keeps its
 * scores exactly; from a histogram state every bin is one step, at its centre score.
 *
 * @param roc false positive rate (x) against true positive rate (y), from (0, 0) to (1,
 * 1)
 * @param precisionRecall recall (x) against precision (y), highest threshold first
 * @param reliability {@value #RELIABILITY_BINS} equal-width bins of the score: mean score
 * against the positive rate
 * @param confusion the confusion matrix at the threshold
 */
public record ScoreCurves(List<Point> roc, List<Point> precisionRecall, List<ReliabilityBin> reliability,
		Confusion confusion) {

	/** Bins of the reliability diagram. */
	public static final int RELIABILITY_BINS = 10;

	/**
	 * A curve keeps at most this many points (evenly thinned, ends kept), so a chart
	 * stays light.
	 */
	public static final int MAX_POINTS = 400;

	/** A point of a curve. */
	public record Point(double x, double y) {
	}

	/**
	 * One bin of the reliability diagram.
	 *
	 * @param lower the bin's lowest score (inclusive)
	 * @param upper its highest (exclusive, except the last bin)
	 * @param rows labelled rows in the bin
	 * @param meanScore their mean score ({@code NaN} when empty)
	 * @param positiveRate their share of positives ({@code NaN} when empty)
	 */
	public record ReliabilityBin(double lower, double upper, long rows, double meanScore, double positiveRate) {
	}

	/**
	 * The confusion matrix at {@code threshold} (a row is predicted positive when its
	 * score is at least it).
	 */
	public record Confusion(double threshold, long truePositives, long falsePositives, long trueNegatives,
			long falseNegatives) {

		public long total() {
			return this.truePositives + this.falsePositives + this.trueNegatives + this.falseNegatives;
		}

	}

	/** Reads the curves from a binary state, at the threshold it was accumulated with. */
	public static ScoreCurves fromState(byte[] state) {
		return fromState(StateFormat.binaryThreshold(state), state);
	}

	/**
	 * Reads the curves from a binary state written by
	 * {@link MetricAccumulator#toBytes()}.
	 * @return the curves; ROC and precision-recall are empty when one class is absent
	 * @throws MetricStateException when the state is corrupt or not a binary one of that
	 * threshold
	 */
	public static ScoreCurves fromState(double threshold, byte[] state) {
		BinaryAccumulator accumulator = (BinaryAccumulator) Accumulators.fromBytes(Task.BINARY, threshold, state);
		long[] confusion = accumulator.confusion();
		Confusion matrix = new Confusion(threshold, confusion[0], confusion[1], confusion[2], confusion[3]);
		long positives = confusion[0] + confusion[3];
		long negatives = confusion[1] + confusion[2];
		long[] binRows = new long[RELIABILITY_BINS];
		long[] binPositives = new long[RELIABILITY_BINS];
		double[] binScores = new double[RELIABILITY_BINS];
		List<Point> roc = new ArrayList<>();
		List<Point> pr = new ArrayList<>();
		long[] running = new long[2];
		if (positives > 0 && negatives > 0) {
			roc.add(new Point(0, 0));
		}
		accumulator.forEachScoreGroup((score, p, n) -> {
			int bin = Math.min(RELIABILITY_BINS - 1, Math.max(0, (int) Math.floor(score * RELIABILITY_BINS)));
			binRows[bin] += p + n;
			binPositives[bin] += p;
			binScores[bin] += score * (p + n);
			if (positives > 0 && negatives > 0) {
				running[0] += p;
				running[1] += n;
				roc.add(new Point((double) running[1] / negatives, (double) running[0] / positives));
				pr.add(new Point((double) running[0] / positives, (double) running[0] / (running[0] + running[1])));
			}
		});
		List<ReliabilityBin> reliability = new ArrayList<>();
		for (int b = 0; b < RELIABILITY_BINS; b++) {
			long rows = binRows[b];
			reliability.add(new ReliabilityBin((double) b / RELIABILITY_BINS, (double) (b + 1) / RELIABILITY_BINS, rows,
					(rows == 0) ? Double.NaN : binScores[b] / rows,
					(rows == 0) ? Double.NaN : (double) binPositives[b] / rows));
		}
		return new ScoreCurves(thin(roc), thin(pr), List.copyOf(reliability), matrix);
	}

	private static List<Point> thin(List<Point> points) {
		if (points.size() <= MAX_POINTS) {
			return List.copyOf(points);
		}
		List<Point> kept = new ArrayList<>(MAX_POINTS);
		double step = (points.size() - 1) / (double) (MAX_POINTS - 1);
		for (int i = 0; i < MAX_POINTS; i++) {
			kept.add(points.get((int) Math.round(i * step)));
		}
		return List.copyOf(kept);
	}

}
