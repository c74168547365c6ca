package io.ratchet.model;

import java.util.List;

import io.ratchet.data.Row;

/**
 * A model version bound to a dataset's feature order: turns a row into a prediction (a
 * probability for binary models, a value for regression models). Implementations are safe
 * to share between threads.
 * <p>
 * Rows can be scored one at a time ({@link #score}) or a block at a time
 * ({@link #scoreBatch}); both give the same values. The Java scorers are fastest row by
 * row and their block path simply loops; a scorer with a per-call cost (ONNX Runtime)
 * works a block at a time ({@link #prefersBlocks()}), so the jobs hand rows over through
 * a {@link BlockScorer}. A scorer may hold resources (an ONNX Runtime session): whoever
 * binds it closes it.
 */
@FunctionalInterface
public interface Scorer extends AutoCloseable {

	double score(Row row);

	/**
	 * Scores a block of rows: {@code scores[i]} receives the prediction for
	 * {@code rows.get(i)}.
	 * @param rows the rows, in any number
	 * @param scores at least {@code rows.size()} long
	 */
	default void scoreBatch(List<Row> rows, double[] scores) {
		for (int i = 0; i < rows.size(); i++) {
			scores[i] = score(rows.get(i));
		}
	}

	/**
	 * Whether the scorer is faster a block at a time than row by row (it has a cost per
	 * call): {@link BlockScorer} gathers rows into blocks only for such a scorer, and
	 * hands rows straight through otherwise.
	 */
	default boolean prefersBlocks() {
		return false;
	}

	/** Releases what the scorer holds; the Java scorers hold nothing. */
	@Override
	default void close() {
	}

}
