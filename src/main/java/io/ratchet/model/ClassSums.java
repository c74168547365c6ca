package io.ratchet.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.ratchet.data.FeatureType;

/**
 * Checks shared by the multiclass definitions made of one sum per class
 * ({@link MultinomialModel}, {@link MulticlassTrees}).
 */
final class ClassSums {

	private ClassSums() {
	}

	/**
	 * Checks that there are at least 2 classes, each listed once, with one sum each.
	 * @throws InvalidModelException naming the class that is not
	 */
	static void check(List<String> classes, List<? extends ModelDefinition> sums) {
		if (classes.size() < 2) {
			throw new InvalidModelException("/classes", "a multiclass model has at least 2 classes");
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
				throw new InvalidModelException("/classes/" + c, "a class's sum has the identity link");
			}
		}
	}

	/**
	 * Every feature any class's sum reads, once; a feature read by two classes must be
	 * read as the same type.
	 */
	static Map<String, FeatureType> featureTypes(List<? extends ModelDefinition> sums) {
		Map<String, FeatureType> types = new LinkedHashMap<>();
		for (int c = 0; c < sums.size(); c++) {
			for (Map.Entry<String, FeatureType> used : sums.get(c).featureTypes().entrySet()) {
				FeatureType earlier = types.putIfAbsent(used.getKey(), used.getValue());
				if (earlier != null && earlier != used.getValue()) {
					throw new InvalidModelException("/classes/" + c, "feature \"" + used.getKey() + "\" is read as "
							+ earlier.key() + " by one class and as " + used.getValue().key() + " by another");
				}
			}
		}
		return Collections.unmodifiableMap(types);
	}

}
