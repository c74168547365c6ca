package io.ratchet.training;

import java.util.Locale;

import io.ratchet.data.Task;
import io.ratchet.model.LoggedModel;

/**
 * What a candidate is trained with: L2-penalised logistic regression (binary datasets,
 * penalty {@code C}) or ridge linear regression (regression datasets, penalty
 * {@code alpha}).
 */
public enum Algorithm {

	/**
	 * {@code minimise 0.5*||w||^2 + C * sum_i logloss(y_i, sigmoid(b + w.x_i))},
	 * intercept not penalised.
	 */
	LOGISTIC("logistic", Task.BINARY, "C", "logistic_regression",
			"minimise 0.5*||w||^2 + C * sum_i logloss(y_i, sigmoid(b + w.x_i)); intercept b not penalised"),

	/** {@code minimise ||y - b - Xw||^2 + alpha*||w||^2}, intercept not penalised. */
	RIDGE("ridge", Task.REGRESSION, "alpha", "linear_regression",
			"minimise ||y - b - Xw||^2 + alpha*||w||^2; intercept b not penalised");

	private final String key;

	private final Task task;

	private final String penaltyName;

	private final String trainingName;

	private final String objective;

	Algorithm(String key, Task task, String penaltyName, String trainingName, String objective) {
		this.key = key;
		this.task = task;
		this.penaltyName = penaltyName;
		this.trainingName = trainingName;
		this.objective = objective;
	}

	/** The name used in search spaces: {@code logistic} or {@code ridge}. */
	public String key() {
		return this.key;
	}

	/** The task of the datasets it fits. */
	public Task task() {
		return this.task;
	}

	/** The name of the penalty in model files: {@code C} or {@code alpha}. */
	public String penaltyName() {
		return this.penaltyName;
	}

	/**
	 * The {@code training.algorithm} written in model files (as the scikit-learn exports
	 * write it).
	 */
	public String trainingName() {
		return this.trainingName;
	}

	/**
	 * The {@code training.objective} written in model files, word for word as in the
	 * scikit-learn exports.
	 */
	public String objective() {
		return this.objective;
	}

	/**
	 * The algorithm of a key, case-insensitively.
	 * @throws IllegalArgumentException naming the known keys
	 */
	public static Algorithm parse(String key) {
		for (Algorithm algorithm : values()) {
			if (algorithm.key.equals(key.trim().toLowerCase(Locale.ROOT))) {
				return algorithm;
			}
		}
		if (LoggedModel.KIND.equals(key.trim().toLowerCase(Locale.ROOT))) {
			throw new IllegalArgumentException("a logged-prediction model is not trained by Ratchet (its scores are"
					+ " logged in production): it can be the champion that trained candidates challenge, never a"
					+ " trained candidate (expected logistic or ridge)");
		}
		throw new IllegalArgumentException("unknown algorithm \"" + key + "\" (expected logistic or ridge)");
	}

}
