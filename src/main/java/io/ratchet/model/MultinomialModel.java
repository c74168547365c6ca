package io.ratchet.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.ratchet.data.FeatureType;

/**
 * A multinomial logistic model (multiclass): one linear sum per class, the class
 * probabilities their softmax, as scikit-learn's
 * {@code LogisticRegression(multi_class='multinomial')}: {@code p_c = exp(z_c) / sum_j
 * exp(z_j)} with {@code z_c = intercept_c + sum of class c's terms}.
 *
 * @param classes the label's values, in the order of the probabilities; they must be the
 * dataset's {@code classes:} in the same order
 * @param sums per class, its sum: a {@link LinearModel} with the identity link (its terms
 * read as a linear model's)
 * @param training free-form, informational description of how the model was trained
 */
public record MultinomialModel(List<String> classes, List<LinearModel> sums,
		Map<String, Object> training) implements ModelDefinition {

	/** The {@code kind} of multinomial models in model files. */
	public static final String KIND = "multinomial";

	public MultinomialModel {
		classes = List.copyOf(InvalidModelException.required(classes, "classes"));
		sums = List.copyOf(InvalidModelException.required(sums, "sums"));
		if (classes.size() < 2) {
			throw new InvalidModelException("/classes", "a multinomial model has at least 2 classes");
		}
		if (sums.size() != classes.size()) {
			throw new InvalidModelException("/classes", "one sum per class");
		}
		for (int c = 0; c < classes.size(); c++) {
			if (classes.indexOf(classes.get(c)) != c) {
				throw new InvalidModelException("/classes/" + c + "/class",
						"class \"" + classes.get(c) + "\" is listed twice");
			}
			if (sums.get(c).link() != Link.IDENTITY) {
				throw new InvalidModelException("/classes/" + c, "a class's sum is linear (identity link)");
			}
		}
		training = Training.copy(training);
	}

	@Override
	public String kind() {
		return KIND;
	}

	@Override
	public Link link() {
		return Link.SOFTMAX;
	}

	/**
	 * Every feature any class reads, once; a feature read by two classes must be read as
	 * the same type.
	 */
	@Override
	public Map<String, FeatureType> featureTypes() {
		Map<String, FeatureType> types = new LinkedHashMap<>();
		for (int c = 0; c < this.sums.size(); c++) {
			for (Map.Entry<String, FeatureType> used : this.sums.get(c).featureTypes().entrySet()) {
				FeatureType earlier = types.putIfAbsent(used.getKey(), used.getValue());
				if (earlier != null && earlier != used.getValue()) {
					throw new InvalidModelException("/classes/" + c, "feature \"" + used.getKey() + "\" is read as "
							+ earlier.key() + " by one class and as " + used.getValue().key() + " by another");
				}
			}
		}
		return Collections.unmodifiableMap(types);
	}

	/** The terms of every class, for checks that look at each term (case inputs). */
	List<LinearModel.Term> allTerms() {
		List<LinearModel.Term> terms = new ArrayList<>();
		this.sums.forEach((sum) -> terms.addAll(sum.terms()));
		return terms;
	}

}
