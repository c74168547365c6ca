package io.ratchet.model;

import java.util.List;

import io.ratchet.data.Row;

/**
 * A scorer of a multiclass model: one probability per class, in the order of the
 * dataset's {@code classes:} (binding checks the model's classes against them). Its
 * single {@link #score(Row) score} is the probability of the most probable class (what
 * drift of scores and the model's cases compare); the metrics read the probabilities,
 * which the jobs take a block at a time ({@link #probabilitiesBatch}, through
 * {@link BlockScorer}), so that a row is scored once.
 */
public interface ClassScorer extends Scorer {

	/** How many probabilities a row gets. */
	int classes();

	/**
	 * Writes a row's class probabilities into {@code into[offset..offset + classes())}.
	 */
	void probabilities(Row row, double[] into, int offset);

	/**
	 * Writes a row's class probabilities into {@code into}.
	 * @param into exactly {@link #classes()} long
	 */
	default void probabilities(Row row, double[] into) {
		probabilities(row, into, 0);
	}

	/**
	 * Writes the class probabilities of a block of rows, row after row:
	 * {@code into[r * classes() + c]} is the probability of class {@code c} for
	 * {@code rows.get(r)}. The Java scorers loop over the rows; a scorer with a cost per
	 * call (ONNX Runtime) makes one call.
	 * @param into at least {@code rows.size() * classes()} long
	 */
	default void probabilitiesBatch(List<Row> rows, double[] into) {
		int k = classes();
		for (int r = 0; r < rows.size(); r++) {
			probabilities(rows.get(r), into, r * k);
		}
	}

	/** The probability of the most probable class among {@code k} from {@code from}. */
	static double top(double[] probabilities, int from, int k) {
		double max = 0;
		for (int c = from; c < from + k; c++) {
			max = Math.max(max, probabilities[c]);
		}
		return max;
	}

	@Override
	default double score(Row row) {
		double[] probabilities = new double[classes()];
		probabilities(row, probabilities, 0);
		return top(probabilities, 0, probabilities.length);
	}

}
