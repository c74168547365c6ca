package io.ratchet.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code kind: linear} part of a model file: reading it strictly (through
 * {@link ModelFileReading}, which locates each problem in the file) and writing it.
 *
 * <pre>
 * "intercept": -1.2,
 * "terms": [
 *     {"feature": "tenure_months", "type": "numeric", "impute": 12.0, "center": 12.0, "scale": 5.0, "weight": -0.8},
 *     {"feature": "plan", "type": "categorical", "weights": {"basic": 0.3, "pro": -0.2}, "unknown": 0.0}]
 * </pre>
 */
final class LinearModelJson {

	private LinearModelJson() {
	}

	/** A term as written; which fields apply depends on {@code type}. */
	record TermJson(String feature, String type, Double impute, Double center, Double scale, Double weight,
			Map<String, Double> weights, Double unknown) {
	}

	static LinearModel read(ModelFiles.FileJson json, Link link, ModelFileReading reading) {
		TreeEnsembleJson.notAllowed(json, "a linear model", reading);
		OnnxModelJson.notAllowed(json, "a linear model", reading);
		double intercept = reading.required(json.intercept(), "/intercept");
		List<TermJson> termsJson = reading.required(json.terms(), "/terms");
		List<LinearModel.Term> terms = new ArrayList<>();
		for (int i = 0; i < termsJson.size(); i++) {
			terms.add(term(termsJson.get(i), "/terms/" + i, reading));
		}
		return reading.build("", () -> new LinearModel(link, intercept, terms, json.training()));
	}

	static LinearModel.Term term(TermJson json, String at, ModelFileReading reading) {
		String feature = reading.required(json.feature(), at + "/feature");
		String type = reading.required(json.type(), at + "/type");
		String what = "a " + type + " term";
		if ("numeric".equals(type)) {
			reading.notAllowed(json.weights(), at + "/weights", what);
			reading.notAllowed(json.unknown(), at + "/unknown", what);
			double impute = reading.required(json.impute(), at + "/impute");
			double center = reading.required(json.center(), at + "/center");
			double scale = reading.required(json.scale(), at + "/scale");
			double weight = reading.required(json.weight(), at + "/weight");
			return reading.build(at, () -> new LinearModel.NumericTerm(feature, impute, center, scale, weight));
		}
		if ("categorical".equals(type)) {
			reading.notAllowed(json.impute(), at + "/impute", what);
			reading.notAllowed(json.center(), at + "/center", what);
			reading.notAllowed(json.scale(), at + "/scale", what);
			reading.notAllowed(json.weight(), at + "/weight", what);
			Map<String, Double> weights = reading.required(json.weights(), at + "/weights");
			double unknown = reading.required(json.unknown(), at + "/unknown");
			return reading.build(at, () -> new LinearModel.CategoricalTerm(feature, weights, unknown));
		}
		throw reading.error(at + "/type", "unknown term type \"" + type + "\" (expected numeric or categorical)");
	}

	/** Refuses the fields of a linear model in a model of another kind. */
	static void notAllowed(ModelFiles.FileJson json, String what, ModelFileReading reading) {
		reading.notAllowed(json.intercept(), "/intercept", what);
		reading.notAllowed(json.terms(), "/terms", what);
	}

	/** Writes the intercept and the terms of a model file. */
	static void write(LinearModel linear, ObjectNode root) {
		root.put("intercept", linear.intercept());
		ArrayNode terms = root.putArray("terms");
		for (LinearModel.Term term : linear.terms()) {
			ObjectNode node = terms.addObject();
			node.put("feature", term.feature());
			node.put("type", term.type().key());
			if (term instanceof LinearModel.NumericTerm numeric) {
				node.put("impute", numeric.impute());
				node.put("center", numeric.center());
				node.put("scale", numeric.scale());
				node.put("weight", numeric.weight());
			}
			else {
				LinearModel.CategoricalTerm categorical = (LinearModel.CategoricalTerm) term;
				ObjectNode weights = node.putObject("weights");
				categorical.weights().forEach(weights::put);
				node.put("unknown", categorical.unknown());
			}
		}
	}

}
