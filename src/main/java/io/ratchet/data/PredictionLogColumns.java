package io.ratchet.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The columns of a prediction log (a CSV of {@code id,timestamp,score} rows written by a
 * production system whose model Ratchet cannot re-score), as a model file of kind
 * {@code logged} names them.
 *
 * @param idColumns the columns that hold the row's id, matched in order with the
 * dataset's {@code id:} columns
 * @param timestamp the column with the time the score was given: its date decides the
 * month the prediction belongs to
 * @param score the column with the score
 */
public record PredictionLogColumns(List<String> idColumns, String timestamp, String score) {

	/** The names used when a model file gives none. */
	public static final String TIMESTAMP = "timestamp";

	/** The names used when a model file gives none. */
	public static final String SCORE = "score";

	public PredictionLogColumns {
		idColumns = List.copyOf(idColumns);
		Objects.requireNonNull(timestamp, "timestamp");
		Objects.requireNonNull(score, "score");
		if (idColumns.isEmpty()) {
			throw new IllegalArgumentException("a prediction log needs at least one id column");
		}
		List<String> all = new ArrayList<>(idColumns);
		all.add(timestamp);
		all.add(score);
		if (all.stream().distinct().count() != all.size()) {
			throw new IllegalArgumentException(
					"the id, timestamp and score columns must be different columns, not " + all);
		}
	}

	/** Every column, ids first: the header of the stored month files. */
	public List<String> header() {
		List<String> header = new ArrayList<>(this.idColumns);
		header.add(this.timestamp);
		header.add(this.score);
		return header;
	}

}
