package io.ratchet.model;

import io.ratchet.config.Pointers;
import io.ratchet.data.FeatureType;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A linear or logistic model: {@code prediction = link(intercept + sum of terms)}.
 *
 * @param link identity (regression) or logistic (binary)
 * @param intercept the constant part of the sum
 * @param terms one term per feature, at most one per feature
 * @param training free-form, informational description of how the model was trained (may
 * be empty)
 */
public record LinearModel(Link link, double intercept, List<Term> terms,
		Map<String, Object> training) implements ModelDefinition {

	/** The {@code kind} of linear models in model files. */
	public static final String KIND = "linear";

	public LinearModel {
		InvalidModelException.required(link, "link");
		InvalidModelException.finite(intercept, "intercept");
		terms = List.copyOf(InvalidModelException.required(terms, "terms"));
		Map<String, Integer> seen = new LinkedHashMap<>();
		for (int i = 0; i < terms.size(); i++) {
			Integer earlier = seen.putIfAbsent(terms.get(i).feature(), i);
			if (earlier != null) {
				throw new InvalidModelException("/terms/" + i + "/feature", "feature \"" + terms.get(i).feature()
						+ "\" already has a term (terms[" + earlier + "]); a feature takes one term");
			}
		}
		training = Training.copy(training);
	}

	@Override
	public String kind() {
		return KIND;
	}

	@Override
	public Map<String, FeatureType> featureTypes() {
		Map<String, FeatureType> types = new LinkedHashMap<>();
		this.terms.forEach((term) -> types.put(term.feature(), term.type()));
		return Collections.unmodifiableMap(types);
	}

	/** One feature's contribution to the sum. */
	public sealed interface Term permits NumericTerm, CategoricalTerm {

		/** The feature (dataset column) the term reads. */
		String feature();

		/** How the term reads its feature. */
		FeatureType type();

	}

	/**
	 * {@code weight * ((x if present else impute) - center) / scale}.
	 *
	 * @param feature the numeric feature
	 * @param impute the value used when {@code x} is missing
	 * @param center subtracted from {@code x}
	 * @param scale divides {@code x - center}; never 0
	 * @param weight the coefficient of the standardised value
	 */
	public record NumericTerm(String feature, double impute, double center, double scale,
			double weight) implements Term {

		public NumericTerm {
			InvalidModelException.name(feature, "feature");
			InvalidModelException.finite(impute, "impute");
			InvalidModelException.finite(center, "center");
			InvalidModelException.finite(scale, "scale");
			InvalidModelException.finite(weight, "weight");
			if (scale == 0) {
				throw new InvalidModelException("/scale", "must not be 0 (it divides x - center)");
			}
		}

		@Override
		public FeatureType type() {
			return FeatureType.NUMERIC;
		}

		/** The term's value for {@code x} ({@link Double#NaN} meaning missing). */
		public double apply(double x) {
			double value = Double.isNaN(x) ? this.impute : x;
			return this.weight * ((value - this.center) / this.scale);
		}

	}

	/**
	 * {@code weights[level]} when the level is known, else {@code unknown} (missing or
	 * unseen level).
	 *
	 * @param feature the categorical feature
	 * @param weights the weight of each known level, in file order
	 * @param unknown the weight of a missing or unseen level
	 */
	public record CategoricalTerm(String feature, Map<String, Double> weights, double unknown) implements Term {

		public CategoricalTerm {
			InvalidModelException.name(feature, "feature");
			InvalidModelException.required(weights, "weights");
			Map<String, Double> copy = new LinkedHashMap<>();
			weights.forEach((level, weight) -> {
				String at = "/weights/" + Pointers.escape(level);
				if (level == null || level.isEmpty()) {
					throw new InvalidModelException(at, "a level must not be empty (an empty cell is a missing value)");
				}
				if (weight == null || !Double.isFinite(weight)) {
					throw new InvalidModelException(at,
							"the weight of level \"" + level + "\" must be a finite number, not " + weight);
				}
				copy.put(level, weight);
			});
			weights = Collections.unmodifiableMap(copy);
			InvalidModelException.finite(unknown, "unknown");
		}

		@Override
		public FeatureType type() {
			return FeatureType.CATEGORICAL;
		}

		/** The term's value for a level ({@code null} meaning missing). */
		public double apply(String level) {
			Double weight = (level != null) ? this.weights.get(level) : null;
			return (weight != null) ? weight : this.unknown;
		}

	}

}
