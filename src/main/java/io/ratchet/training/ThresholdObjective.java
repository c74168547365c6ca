package io.ratchet.training;

import java.util.List;

/**
 * What a candidate's tuned decision threshold maximises on its training window, from the
 * confusion counts at a threshold (a row is predicted positive when its score is at least
 * the threshold). Named in a search space by {@code tune-threshold: <key>}. A dataset's
 * business value (its value matrix, issue 20) is meant to be one more objective of this
 * shape: {@code tp * value.tp + fp * value.fp + tn * value.tn + fn * value.fn}.
 */
@FunctionalInterface
public interface ThresholdObjective {

	/** The keys {@link #forKey} knows. */
	List<String> KEYS = List.of("f1", "accuracy");

	/**
	 * The objective's value at a threshold; higher is better.
	 * @param tp true positives
	 * @param fp false positives
	 * @param tn true negatives
	 * @param fn false negatives
	 */
	double value(long tp, long fp, long tn, long fn);

	/**
	 * The objective named {@code key}: {@code f1} (2 tp / (2 tp + fp + fn)) or
	 * {@code accuracy} ((tp + tn) / n).
	 * @throws IllegalArgumentException for another key
	 */
	static ThresholdObjective forKey(String key) {
		return switch (key) {
			case "f1" -> (tp, fp, tn, fn) -> (tp == 0) ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
			case "accuracy" -> (tp, fp, tn, fn) -> (double) (tp + tn) / (tp + fp + tn + fn);
			default -> throw new IllegalArgumentException(
					"unknown objective \"" + key + "\" (expected one of " + String.join(", ", KEYS) + ")");
		};
	}

}
