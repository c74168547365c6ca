package io.ratchet.model;

import io.ratchet.data.Row;

/**
 * A model version bound to a dataset's feature order: turns a row into a prediction (a probability for binary models,
 * a value for regression models). Implementations are immutable and safe to share between threads.
 */
@FunctionalInterface
public interface Scorer {

	double score(Row row);

}
