package io.ratchet.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code kind: multinomial} part of a model file: per class its name, intercept and
 * terms (each term as in a linear model, {@link LinearModelJson}).
 *
 * <pre>
 * "link": "softmax",
 * "classes": [
 *     {"class": "setosa", "intercept": 0.4, "terms": [{"feature": "petal_length", "type": "numeric", ...}]},
 *     {"class": "versicolor", "intercept": 0.1, "terms": [...]},
 *     {"class": "virginica", "intercept": -0.5, "terms": [...]}]
 * </pre>
 */
final class MultinomialModelJson {

	private MultinomialModelJson() {
	}

	/**
	 * A class as written: its name and its intercept and terms (multinomial) or its base
	 * and trees (a multiclass tree ensemble, {@link TreeEnsembleJson}).
	 */
	record ClassJson(@JsonProperty("class") String name, Double intercept, List<LinearModelJson.TermJson> terms,
			Double base, List<TreeEnsembleJson.TreeJson> trees) {
	}

	static MultinomialModel read(ModelFiles.FileJson json, Link link, ModelFileReading reading) {
		if (link != Link.SOFTMAX) {
			throw reading.error("/link", "a multinomial model needs link softmax, not " + link.key());
		}
		LinearModelJson.notAllowed(json, "a multinomial model (each class has its own intercept and terms)", reading);
		TreeEnsembleJson.notAllowed(json, "a multinomial model", reading);
		OnnxModelJson.notAllowed(json, "a multinomial model", reading);
		List<ClassJson> classesJson = reading.required(json.classes(), "/classes");
		List<String> classes = new ArrayList<>();
		List<LinearModel> sums = new ArrayList<>();
		for (int c = 0; c < classesJson.size(); c++) {
			String at = "/classes/" + c;
			ClassJson one = classesJson.get(c);
			classes.add(reading.required(one.name(), at + "/class"));
			reading.notAllowed(one.base(), at + "/base", "a multinomial model's class (a tree ensemble's)");
			reading.notAllowed(one.trees(), at + "/trees", "a multinomial model's class (a tree ensemble's)");
			double intercept = reading.required(one.intercept(), at + "/intercept");
			List<LinearModelJson.TermJson> termsJson = reading.required(one.terms(), at + "/terms");
			List<LinearModel.Term> terms = new ArrayList<>();
			for (int i = 0; i < termsJson.size(); i++) {
				terms.add(LinearModelJson.term(termsJson.get(i), at + "/terms/" + i, reading));
			}
			sums.add(reading.build(at, () -> new LinearModel(Link.IDENTITY, intercept, terms, Map.of())));
		}
		MultinomialModel model = reading.build("", () -> new MultinomialModel(classes, sums, json.training()));
		reading.build("", model::featureTypes);
		return model;
	}

	/** Refuses the classes of a multinomial model in a model of another kind. */
	static void notAllowed(ModelFiles.FileJson json, String what, ModelFileReading reading) {
		reading.notAllowed(json.classes(), "/classes", what);
	}

	/** Writes the classes of a model file. */
	static void write(MultinomialModel model, ObjectNode root) {
		ArrayNode classes = root.putArray("classes");
		for (int c = 0; c < model.classes().size(); c++) {
			ObjectNode node = classes.addObject();
			node.put("class", model.classes().get(c));
			LinearModelJson.write(model.sums().get(c), node);
		}
	}

}
