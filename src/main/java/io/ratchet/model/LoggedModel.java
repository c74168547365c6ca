package io.ratchet.model;

import java.util.Map;

import io.ratchet.data.FeatureType;
import io.ratchet.data.PredictionLogColumns;

/**
 * A model Ratchet cannot re-score: its scores are the ones it gave in production, logged
 * either as a column of the dataset ({@code column}, declared under the dataset's
 * {@code scores:}) or in a prediction log joined with the dataset's rows by id
 * ({@code log}: the log's column names; see {@link io.ratchet.data.PredictionLog}).
 * Exactly one of the two is given. It reads no feature, has no regression cases (there is
 * no scoring code whose outputs could change; the file is pinned by its SHA-256 like any
 * model), and cannot be trained: it can be a champion, or a candidate registered by hand,
 * never a candidate of the challenge.
 *
 * @param link what the scores are: probabilities (logistic, binary task) or values
 * (identity, regression)
 * @param column the dataset's score column, or {@code null} for a prediction log
 * @param log the prediction log's columns, or {@code null} for a dataset column
 * @param training free-form, informational (may be empty)
 */
public record LoggedModel(Link link, String column, PredictionLogColumns log,
		Map<String, Object> training) implements ModelDefinition {

	/** The {@code kind} of logged-prediction models in model files. */
	public static final String KIND = "logged";

	/** Why a logged model has no regression cases, for every place that skips them. */
	public static final String NO_CASES = "its scores are logged in production, not computed by Ratchet, so there are"
			+ " no regression cases to run (they check scoring code; its model file is pinned by SHA-256 instead)";

	public LoggedModel {
		InvalidModelException.required(link, "link");
		if ((column == null) == (log == null)) {
			throw new InvalidModelException("", "a logged model takes its scores from a dataset column (\"column\") or"
					+ " from a prediction log (\"log\"): give exactly one of them");
		}
		if (column != null) {
			InvalidModelException.name(column, "column");
		}
		training = Training.copy(training);
	}

	@Override
	public String kind() {
		return KIND;
	}

	/** None: the scores are read, not computed. */
	@Override
	public Map<String, FeatureType> featureTypes() {
		return Map.of();
	}

	/**
	 * Where the scores come from, for messages: {@code column vendor_score} or
	 * {@code prediction log}.
	 */
	public String source() {
		return (this.column != null) ? "column " + this.column : "prediction log";
	}

}
