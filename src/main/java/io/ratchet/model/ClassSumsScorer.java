package io.ratchet.model;

import java.util.function.ToIntFunction;

import io.ratchet.data.Row;

/**
 * A multiclass model that is one sum per class: each class's scorer gives its sum, and
 * the probabilities are their softmax ({@link MultinomialModel}: a {@link LinearScorer}
 * per class; a boosted {@link MulticlassTrees}: a {@link TreeScorer} per class) or, for a
 * forest averaging class fractions, the sums themselves capped at 1 (an average of
 * probabilities may round a few ulps past it).
 */
final class ClassSumsScorer implements ClassScorer {

	private final Scorer[] sums;

	private final boolean softmax;

	/**
	 * @param sums per class, in the order of the probabilities, the scorer of its sum
	 * (identity link)
	 * @param softmax whether the probabilities are the sums' softmax, else the sums
	 */
	ClassSumsScorer(Scorer[] sums, boolean softmax) {
		this.sums = sums.clone();
		this.softmax = softmax;
	}

	/** A multinomial model: the softmax of one linear sum per class. */
	static ClassSumsScorer of(MultinomialModel model, ToIntFunction<String> featureIndex) {
		return new ClassSumsScorer(
				model.sums().stream().map((sum) -> new LinearScorer(sum, featureIndex)).toArray(Scorer[]::new), true);
	}

	/** A multiclass tree ensemble: one sum of trees per class, softmax or averaged. */
	static ClassSumsScorer of(MulticlassTrees model, ToIntFunction<String> featureIndex) {
		return new ClassSumsScorer(
				model.sums().stream().map((sum) -> new TreeScorer(sum, featureIndex)).toArray(Scorer[]::new),
				model.link() == Link.SOFTMAX);
	}

	@Override
	public int classes() {
		return this.sums.length;
	}

	@Override
	public void probabilities(Row row, double[] into, int offset) {
		for (int c = 0; c < this.sums.length; c++) {
			into[offset + c] = this.sums[c].score(row);
		}
		if (this.softmax) {
			Link.softmax(into, offset, this.sums.length);
		}
		else {
			for (int c = offset; c < offset + this.sums.length; c++) {
				into[c] = Math.min(1.0, into[c]);
			}
		}
	}

}
