package io.ratchet.training;

import java.util.List;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.Row;
import io.ratchet.model.LinearModel;

/**
 * Trains a {@link LinearModel} on a training window's rows. Implementations are stateless
 * and thread-safe.
 * <p>
 * Preprocessing is learnt from the labelled rows given, the way the oracle's scikit-learn
 * pipeline learnt it: a numeric feature's missing values are imputed with its mean, then
 * it is centred on the mean of the imputed column and divided by that column's population
 * standard deviation (1 when it is 0); a categorical feature is one-hot encoded over the
 * levels seen (sorted), unscaled, a missing or unseen level being all zeros (weight
 * {@code unknown} 0).
 */
public interface Trainer {

	/**
	 * Trains on the labelled rows (unlabelled rows are ignored); the window recorded in
	 * the model's {@code training} is the first and last month of those rows.
	 * @param dataset the dataset the rows follow (feature order of {@link Row#numbers()}
	 * and {@link Row#levels()})
	 * @param spec algorithm, penalty and features; the window length is the caller's
	 * business (it chose the rows)
	 * @param rows the training window's rows
	 * @throws TrainingException when there are no labelled rows, a binary window lacks a
	 * class, a feature is not the dataset's, a value is not finite, or the algorithm does
	 * not fit the dataset's task
	 */
	LinearModel train(DatasetConfig dataset, TrainingSpec spec, List<Row> rows);

	/** The trainer of an algorithm. */
	static Trainer of(Algorithm algorithm) {
		return switch (algorithm) {
			case LOGISTIC -> new LogisticTrainer();
			case RIDGE -> new RidgeTrainer();
		};
	}

	/** Trains with the trainer of {@code spec.algorithm()}. */
	static LinearModel fit(DatasetConfig dataset, TrainingSpec spec, List<Row> rows) {
		return of(spec.algorithm()).train(dataset, spec, rows);
	}

}
