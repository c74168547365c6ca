package io.ratchet.model;

import io.ratchet.data.Row;

/**
 * A scorer of a multiclass model: one probability per class, in the order of the
 * dataset's {@code classes:}. Its single {@link #score(Row) score} is the probability of
 * the most probable class (what drift of scores and the model's cases compare); the
 * metrics read {@link #probabilities}.
 */
public interface ClassScorer extends Scorer {

	/** How many probabilities a row gets. */
	int classes();

	/**
	 * Writes a row's class probabilities into {@code into}.
	 * @param into exactly {@link #classes()} long
	 */
	void probabilities(Row row, double[] into);

	@Override
	default double score(Row row) {
		double[] probabilities = new double[classes()];
		probabilities(row, probabilities);
		double max = 0;
		for (double p : probabilities) {
			max = Math.max(max, p);
		}
		return max;
	}

}
