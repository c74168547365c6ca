package io.ratchet.model;

import java.util.function.ToIntFunction;

import io.ratchet.data.Row;

/**
 * A {@link MultinomialModel} compiled against a dataset's feature order: one
 * {@link LinearScorer} per class for its sum, then their softmax.
 */
final class MultinomialScorer implements ClassScorer {

	private final LinearScorer[] sums;

	MultinomialScorer(MultinomialModel model, ToIntFunction<String> featureIndex) {
		this.sums = model.sums()
			.stream()
			.map((sum) -> new LinearScorer(sum, featureIndex))
			.toArray(LinearScorer[]::new);
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
		Link.softmax(into, offset, this.sums.length);
	}

}
