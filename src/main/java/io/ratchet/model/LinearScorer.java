package io.ratchet.model;

import io.ratchet.data.Row;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * A {@link LinearModel} compiled against a dataset's feature order: parallel primitive
 * arrays for the numeric terms, level tables for the categorical ones. Scoring allocates
 * nothing.
 */
final class LinearScorer implements Scorer {

	private final Link link;

	private final double intercept;

	private final int[] numericIndex;

	private final double[] impute;

	private final double[] center;

	private final double[] scale;

	private final double[] weight;

	private final int[] categoricalIndex;

	private final LevelTable[] levelWeights;

	private final double[] unknown;

	/**
	 * {@code featureIndex} gives each term's position in the dataset's features (already
	 * checked to exist).
	 */
	LinearScorer(LinearModel model, ToIntFunction<String> featureIndex) {
		this.link = model.link();
		this.intercept = model.intercept();
		List<LinearModel.NumericTerm> numeric = new ArrayList<>();
		List<LinearModel.CategoricalTerm> categorical = new ArrayList<>();
		for (LinearModel.Term term : model.terms()) {
			if (term instanceof LinearModel.NumericTerm numericTerm) {
				numeric.add(numericTerm);
			}
			else {
				categorical.add((LinearModel.CategoricalTerm) term);
			}
		}
		this.numericIndex = new int[numeric.size()];
		this.impute = new double[numeric.size()];
		this.center = new double[numeric.size()];
		this.scale = new double[numeric.size()];
		this.weight = new double[numeric.size()];
		for (int i = 0; i < numeric.size(); i++) {
			LinearModel.NumericTerm term = numeric.get(i);
			this.numericIndex[i] = featureIndex.applyAsInt(term.feature());
			this.impute[i] = term.impute();
			this.center[i] = term.center();
			this.scale[i] = term.scale();
			this.weight[i] = term.weight();
		}
		this.categoricalIndex = new int[categorical.size()];
		this.levelWeights = new LevelTable[categorical.size()];
		this.unknown = new double[categorical.size()];
		for (int i = 0; i < categorical.size(); i++) {
			LinearModel.CategoricalTerm term = categorical.get(i);
			this.categoricalIndex[i] = featureIndex.applyAsInt(term.feature());
			this.levelWeights[i] = LevelTable.of(term.weights());
			this.unknown[i] = term.unknown();
		}
	}

	@Override
	public double score(Row row) {
		double[] numbers = row.numbers();
		String[] levels = row.levels();
		double z = this.intercept;
		for (int i = 0; i < this.numericIndex.length; i++) {
			double x = numbers[this.numericIndex[i]];
			if (Double.isNaN(x)) {
				x = this.impute[i];
			}
			// standardise first, then weigh: the order scikit-learn uses
			z += this.weight[i] * ((x - this.center[i]) / this.scale[i]);
		}
		for (int i = 0; i < this.categoricalIndex.length; i++) {
			z += this.levelWeights[i].valueOr(levels[this.categoricalIndex[i]], this.unknown[i]);
		}
		return this.link.apply(z);
	}

}
