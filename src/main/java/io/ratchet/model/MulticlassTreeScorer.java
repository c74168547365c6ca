package io.ratchet.model;

import java.util.function.ToIntFunction;

import io.ratchet.data.Row;

/**
 * A {@link MulticlassTrees} compiled against a dataset's feature order: one
 * {@link TreeScorer} per class for its sum, then their softmax (boosting) or, for a
 * forest, the sums themselves capped at 1 (an average of probabilities may round a few
 * ulps past it).
 */
final class MulticlassTreeScorer implements ClassScorer {

	private final TreeScorer[] sums;

	private final boolean softmax;

	MulticlassTreeScorer(MulticlassTrees model, ToIntFunction<String> featureIndex) {
		this.sums = model.sums().stream().map((sum) -> new TreeScorer(sum, featureIndex)).toArray(TreeScorer[]::new);
		this.softmax = model.link() == Link.SOFTMAX;
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
