package io.ratchet.training;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.Row;
import io.ratchet.model.LinearModel;
import io.ratchet.model.ModelVersion;
import io.ratchet.model.Scorer;

/**
 * Chooses a binary candidate's decision threshold on its own training window: the
 * threshold, among the scores of the window's labelled rows that lie in (0, 1), at which
 * the {@link ThresholdObjective} of the confusion counts is highest (a row is predicted
 * positive when its score is at least the threshold; of equally good thresholds the
 * highest). One sort and one sweep over the rows.
 */
public final class ThresholdTuning {

	private ThresholdTuning() {
	}

	/**
	 * Scores the labelled rows with the model and tunes its threshold on them.
	 * @param dataset the dataset the rows follow
	 * @param model the trained candidate
	 * @param rows its training window's rows (unlabelled rows are ignored)
	 * @param objective what the threshold maximises
	 * @return the threshold, or empty when no score lies in (0, 1)
	 */
	public static OptionalDouble tune(DatasetConfig dataset, LinearModel model, List<Row> rows,
			ThresholdObjective objective) {
		return tuned(dataset, model, rows, objective).map((tuned) -> OptionalDouble.of(tuned.threshold()))
			.orElse(OptionalDouble.empty());
	}

	/**
	 * A tuned threshold and the objective's value there: why it was chosen.
	 *
	 * @param threshold the chosen threshold
	 * @param value the objective at it, the highest over the window's scores
	 */
	public record Tuned(double threshold, double value) {
	}

	/**
	 * As {@link #tune}, with the objective's value at the chosen threshold.
	 * @return empty when no score lies in (0, 1)
	 */
	public static Optional<Tuned> tuned(DatasetConfig dataset, LinearModel model, List<Row> rows,
			ThresholdObjective objective) {
		ModelVersion unsaved = new ModelVersion("tuning", "0", dataset.name(), dataset.task(), model.kind(), "",
				Path.of(dataset.name() + "-tuning.json"), model);
		List<Row> labelled = rows.stream().filter(Row::labelled).toList();
		double[] scores = new double[labelled.size()];
		boolean[] positive = new boolean[labelled.size()];
		try (Scorer scorer = unsaved.bind(dataset)) {
			for (int i = 0; i < scores.length; i++) {
				scores[i] = scorer.score(labelled.get(i));
				positive[i] = labelled.get(i).label() == 1.0;
			}
		}
		return bestTuned(scores, positive, objective);
	}

	/**
	 * The threshold, among the scores in (0, 1), with the highest objective (the highest
	 * such threshold on a tie); empty when no score lies in (0, 1).
	 */
	static OptionalDouble best(double[] scores, boolean[] positive, ThresholdObjective objective) {
		return bestTuned(scores, positive, objective).map((tuned) -> OptionalDouble.of(tuned.threshold()))
			.orElse(OptionalDouble.empty());
	}

	private static Optional<Tuned> bestTuned(double[] scores, boolean[] positive, ThresholdObjective objective) {
		Integer[] order = new Integer[scores.length];
		long positives = 0;
		for (int i = 0; i < order.length; i++) {
			order[i] = i;
			positives += positive[i] ? 1 : 0;
		}
		long negatives = scores.length - positives;
		Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
		long tp = 0;
		long fp = 0;
		double best = Double.NEGATIVE_INFINITY;
		double threshold = Double.NaN;
		for (int k = 0; k < order.length; k++) {
			if (positive[order[k]]) {
				tp++;
			}
			else {
				fp++;
			}
			double score = scores[order[k]];
			boolean lastOfTies = k + 1 == order.length || scores[order[k + 1]] != score;
			if (lastOfTies && score > 0 && score < 1) {
				double value = objective.value(tp, fp, negatives - fp, positives - tp);
				if (value > best) {
					best = value;
					threshold = score;
				}
			}
		}
		return Double.isNaN(threshold) ? Optional.empty() : Optional.of(new Tuned(threshold, best));
	}

}
