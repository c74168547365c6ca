package io.ratchet.training;

import java.time.YearMonth;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * One candidate to train: an algorithm, its penalty, a feature subset and the length of
 * the training window.
 *
 * @param algorithm logistic (binary) or ridge (regression)
 * @param penalty {@code C} for logistic, {@code alpha} for ridge; finite and above 0
 * @param featureSet the name of the feature subset in the search space, e.g. {@code all}
 * (informational)
 * @param features the features, in the order their terms are written; not empty, no
 * repeats
 * @param windowMonths the number of calendar months the training window spans; above 0
 */
public record TrainingSpec(Algorithm algorithm, double penalty, String featureSet, List<String> features,
		int windowMonths) {

	public TrainingSpec {
		Objects.requireNonNull(algorithm, "algorithm");
		Objects.requireNonNull(featureSet, "featureSet");
		if (!Double.isFinite(penalty) || penalty <= 0) {
			throw new IllegalArgumentException(
					algorithm.penaltyName() + " must be a finite number above 0, not " + penalty);
		}
		if (windowMonths <= 0) {
			throw new IllegalArgumentException("the training window must span at least 1 month, not " + windowMonths);
		}
		features = List.copyOf(features);
		if (features.isEmpty()) {
			throw new IllegalArgumentException("a model needs at least one feature");
		}
		if (new LinkedHashSet<>(features).size() != features.size()) {
			throw new IllegalArgumentException("a feature is listed twice in " + features);
		}
	}

	/**
	 * The first month of a training window that ends with {@code lastMonth} (inclusive).
	 */
	public YearMonth firstMonth(YearMonth lastMonth) {
		return lastMonth.minusMonths(this.windowMonths - 1L);
	}

	/** A short readable label, e.g. {@code logistic C=0.1 features=all window=12m}. */
	public String label() {
		return this.algorithm.key() + " " + this.algorithm.penaltyName() + "=" + Numbers.text(this.penalty)
				+ " features=" + this.featureSet + " window=" + this.windowMonths + "m";
	}

}
