package io.ratchet.training;

import java.util.List;

import io.ratchet.data.ValueMatrix;

/**
 * What a candidate's tuned decision threshold maximises on its training window, from the
 * confusion counts at a threshold (a row is predicted positive when its score is at least
 * the threshold). Named in a search space by {@code tune-threshold: <key>}: {@code f1},
 * {@code accuracy}, or {@code business_value}, the dataset's value matrix applied to the
 * counts ({@code tp * value.tp + fp * value.fp + tn * value.tn + fn *
 * value.fn}), which needs the dataset to have one.
 */
@FunctionalInterface
public interface ThresholdObjective {

	/** The keys {@link #forKey} knows. */
	List<String> KEYS = List.of("f1", "accuracy", "business_value");

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
	 * {@code accuracy} ((tp + tn) / n); {@code business_value} needs
	 * {@link #forKey(String, ValueMatrix)}.
	 * @throws IllegalArgumentException for another key
	 */
	static ThresholdObjective forKey(String key) {
		return forKey(key, null);
	}

	/**
	 * The objective named {@code key}, {@code business_value} valuing the counts by
	 * {@code value}.
	 * @param value the dataset's value matrix, or {@code null} when it has none
	 * @throws IllegalArgumentException for another key, or for {@code business_value}
	 * without a value matrix
	 */
	static ThresholdObjective forKey(String key, ValueMatrix value) {
		return switch (key) {
			case "f1" -> (tp, fp, tn, fn) -> (tp == 0) ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
			case "accuracy" -> (tp, fp, tn, fn) -> (double) (tp + tn) / (tp + fp + tn + fn);
			case "business_value" -> {
				if (value == null) {
					throw new IllegalArgumentException("business_value needs the dataset's value matrix, and it has"
							+ " none (add value: {tp: ..., fp: ..., fn: ..., tn: ...} to the dataset's file)");
				}
				yield value::ofCounts;
			}
			default -> throw new IllegalArgumentException(
					"unknown objective \"" + key + "\" (expected one of " + String.join(", ", KEYS) + ")");
		};
	}

}
