package io.ratchet.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;

import io.ratchet.data.Row;
import io.ratchet.model.Scorer;

/**
 * A fitted logistic model as written to {@code config/models/}: an intercept and one term per feature.
 *
 * @param intercept the unpenalised intercept
 * @param terms one per feature, in dataset order
 */
record LinearModel(double intercept, List<Term> terms) implements Scorer {

	LinearModel {
		terms = List.copyOf(terms);
	}

	@Override
	public double score(Row row) {
		double sum = this.intercept;
		for (Term term : this.terms) {
			sum += term.contribution(row);
		}
		return ChurnWorld.sigmoid(sum);
	}

	/** The model file, the {@code training} object given as already formatted JSON. */
	String json(String name, String version, String training) {
		List<String> lines = new ArrayList<>();
		for (Term term : this.terms) {
			lines.add("    " + term.json());
		}
		return "{\n" + ModelFiles.header(name, version, "linear") + "  \"intercept\": " + Json.number(this.intercept)
				+ ",\n  \"terms\": [\n" + String.join(",\n", lines) + "\n  ],\n  \"training\": " + training + "\n}\n";
	}

	/** One feature's part of the sum. */
	sealed interface Term {

		double contribution(Row row);

		String json();

	}

	/** {@code weight * ((x or impute) - center) / scale}. */
	record NumericTerm(String feature, int index, double impute, double center, double scale, double weight)
			implements Term {

		@Override
		public double contribution(Row row) {
			double x = row.numbers()[this.index];
			return this.weight * ((Double.isNaN(x) ? this.impute : x) - this.center) / this.scale;
		}

		@Override
		public String json() {
			return "{\"feature\": " + Json.string(this.feature) + ", \"type\": \"numeric\", \"impute\": "
					+ Json.number(this.impute) + ", \"center\": " + Json.number(this.center) + ", \"scale\": "
					+ Json.number(this.scale) + ", \"weight\": " + Json.number(this.weight) + "}";
		}

	}

	/** {@code weights[level]}, or {@code unknown} for a missing or unseen level. */
	record CategoricalTerm(String feature, int index, SortedMap<String, Double> weights, double unknown)
			implements Term {

		@Override
		public double contribution(Row row) {
			String level = row.levels()[this.index];
			Double weight = (level != null) ? this.weights.get(level) : null;
			return (weight != null) ? weight : this.unknown;
		}

		@Override
		public String json() {
			return "{\"feature\": " + Json.string(this.feature) + ", \"type\": \"categorical\", \"weights\": "
					+ Json.numbers(this.weights) + ", \"unknown\": " + Json.number(this.unknown) + "}";
		}

	}

}
