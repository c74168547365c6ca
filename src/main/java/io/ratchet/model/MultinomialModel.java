package io.ratchet.model;

import java.util.ArrayList;
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
		ClassSums.check(classes, sums);
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
		return ClassSums.featureTypes(this.sums);
	}

	/** The terms of every class, for checks that look at each term (case inputs). */
	List<LinearModel.Term> allTerms() {
		List<LinearModel.Term> terms = new ArrayList<>();
		this.sums.forEach((sum) -> terms.addAll(sum.terms()));
		return terms;
	}

}
