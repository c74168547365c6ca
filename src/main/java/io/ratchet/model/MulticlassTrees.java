package io.ratchet.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.ratchet.data.FeatureType;

/**
 * A multiclass tree ensemble ({@code kind: tree-ensemble}, {@code task: multiclass}): per
 * class its own sum of trees,
 * {@code z_c = base_c + sum of the leaves reached in class c's
 * trees}, and the class probabilities either their softmax (gradient boosting, k trees
 * per round: scikit-learn's {@code GradientBoostingClassifier}, the init's prior log-odds
 * as bases) or the sums themselves (link identity: a random forest, each class's leaves
 * its fraction of the leaf's training rows divided by the number of trees, so that the
 * sum is the average of the trees' class distributions).
 *
 * @param classes the label's values, in the order of the probabilities; they must be the
 * dataset's {@code classes:} in the same order
 * @param link softmax (boosting) or identity (a forest averaging probabilities)
 * @param sums per class, its trees and base: a {@link TreeEnsemble} with the identity
 * link, all of the same arithmetic
 * @param training free-form, informational description of how the model was trained
 */
public record MulticlassTrees(List<String> classes, Link link, List<TreeEnsemble> sums,
		Map<String, Object> training) implements ModelDefinition {

	public MulticlassTrees {
		classes = List.copyOf(InvalidModelException.required(classes, "classes"));
		sums = List.copyOf(InvalidModelException.required(sums, "sums"));
		InvalidModelException.required(link, "link");
		ClassSums.check(classes, sums);
		if (link != Link.SOFTMAX && link != Link.IDENTITY) {
			throw new InvalidModelException("/link", "a multiclass tree ensemble needs link softmax (boosting) or"
					+ " identity (a forest averaging class probabilities), not " + link.key());
		}
		for (int c = 0; c < classes.size(); c++) {
			String at = "/classes/" + c;
			TreeEnsemble sum = sums.get(c);
			if (sum.arithmetic() != sums.get(0).arithmetic()) {
				throw new InvalidModelException(at, "every class's trees have the model's arithmetic");
			}
			if (link == Link.IDENTITY && !sum.averagesProbabilities()) {
				throw new InvalidModelException(at, "with link identity each class's sum is an average of"
						+ " probabilities (base and leaves >= 0, base plus the largest leaf of each tree <= 1)");
			}
		}
		training = Training.copy(training);
	}

	@Override
	public String kind() {
		return TreeEnsemble.KIND;
	}

	/** The arithmetic every class's trees compute in. */
	public TreeEnsemble.Arithmetic arithmetic() {
		return this.sums.get(0).arithmetic();
	}

	/**
	 * Every feature any class's trees split on, once; a feature must be split on as the
	 * same type throughout.
	 */
	@Override
	public Map<String, FeatureType> featureTypes() {
		return ClassSums.featureTypes(this.sums);
	}

	/** The trees of every class, for checks that look at each split (case inputs). */
	List<TreeEnsemble.Tree> allTrees() {
		List<TreeEnsemble.Tree> trees = new ArrayList<>();
		this.sums.forEach((sum) -> trees.addAll(sum.trees()));
		return trees;
	}

}
