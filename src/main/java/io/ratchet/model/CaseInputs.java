package io.ratchet.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.ratchet.data.FeatureType;

/**
 * The curated inputs of a model version's regression cases ({@link ModelCases#make}),
 * named: a typical row (each numeric feature at its centre, each categorical at its first
 * level); then per numeric feature: missing, 0, negative, an outlier at centre ± 10
 * scales, ±1e9 and ±1e300; per categorical feature: each known level, an unseen level,
 * missing; and everything missing. For a linear model centre and scale are the term's;
 * for a tree ensemble they come from the feature's split thresholds (their middle and
 * spread); for an ONNX model (whose graph is opaque) they are 0 and 1, and the known
 * levels are those of its one-hot and code columns. A value is text as in the cases file
 * ({@code null}: missing).
 */
final class CaseInputs {

	private CaseInputs() {
	}

	/**
	 * The named inputs of a model, in order; names may repeat (the caller numbers them).
	 */
	static List<Map.Entry<String, Map<String, String>>> of(ModelDefinition definition) {
		Map<String, String> typical = new LinkedHashMap<>();
		List<Map.Entry<String, Map<String, String>>> inputs = new ArrayList<>();
		Map<String, Spread> spreads = spreads(definition);
		Map<String, List<String>> levels = levels(definition);
		for (Map.Entry<String, FeatureType> feature : definition.featureTypes().entrySet()) {
			String name = feature.getKey();
			if (feature.getValue() == FeatureType.NUMERIC) {
				typical.put(name, number(spreads.get(name).center()));
			}
			else {
				List<String> known = levels.get(name);
				typical.put(name, known.isEmpty() ? null : known.get(0));
			}
		}
		inputs.add(Map.entry("typical", typical));
		for (Map.Entry<String, FeatureType> feature : definition.featureTypes().entrySet()) {
			String name = feature.getKey();
			if (feature.getValue() == FeatureType.NUMERIC) {
				Spread spread = spreads.get(name);
				inputs.add(Map.entry(name + " missing", with(typical, name, null)));
				inputs.add(Map.entry(name + " = 0", with(typical, name, "0.0")));
				inputs.add(Map.entry(name + " negative",
						with(typical, name, number(-(Math.abs(spread.center()) + Math.abs(spread.scale()))))));
				inputs.add(Map.entry(name + " outlier centre + 10 scale",
						with(typical, name, number(spread.center() + 10 * spread.scale()))));
				inputs.add(Map.entry(name + " outlier centre - 10 scale",
						with(typical, name, number(spread.center() - 10 * spread.scale()))));
				for (double extreme : new double[] { 1e9, -1e9, 1e300, -1e300 }) {
					inputs.add(Map.entry(name + " = " + number(extreme), with(typical, name, number(extreme))));
				}
			}
			else {
				List<String> known = levels.get(name);
				for (String level : known) {
					inputs.add(Map.entry(name + " = " + level, with(typical, name, level)));
				}
				String unseen = "unseen-level";
				while (known.contains(unseen)) {
					unseen = unseen + "~";
				}
				inputs.add(Map.entry(name + " unseen level", with(typical, name, unseen)));
				inputs.add(Map.entry(name + " missing", with(typical, name, null)));
			}
		}
		Map<String, String> nothing = new LinkedHashMap<>();
		typical.keySet().forEach((name) -> nothing.put(name, null));
		inputs.add(Map.entry("everything missing", nothing));
		return inputs;
	}

	private static Map<String, String> with(Map<String, String> base, String feature, String value) {
		Map<String, String> copy = new LinkedHashMap<>(base);
		copy.put(feature, value);
		return copy;
	}

	private static String number(double value) {
		return Double.toString(value);
	}

	/** Centre and scale of a numeric feature, for contriving its values. */
	record Spread(double center, double scale) {
	}

	private static Map<String, Spread> spreads(ModelDefinition definition) {
		Map<String, Spread> spreads = new LinkedHashMap<>();
		if (definition instanceof OnnxModel) {
			// the graph is opaque: contrive values around 0 on a scale of 1
			definition.featureTypes().forEach((feature, type) -> spreads.put(feature, new Spread(0, 1)));
			return spreads;
		}
		if (definition instanceof LinearModel || definition instanceof MultinomialModel) {
			for (LinearModel.Term term : linearTerms(definition)) {
				if (term instanceof LinearModel.NumericTerm numeric) {
					spreads.put(numeric.feature(), new Spread(numeric.center(), Math.abs(numeric.scale())));
				}
			}
			return spreads;
		}
		Map<String, List<Double>> thresholds = new LinkedHashMap<>();
		for (TreeEnsemble.Tree tree : trees(definition)) {
			for (TreeEnsemble.Node node : tree.nodes()) {
				if (node instanceof TreeEnsemble.NumericSplit split) {
					thresholds.computeIfAbsent(split.feature(), (key) -> new ArrayList<>()).add(split.threshold());
				}
			}
		}
		thresholds.forEach((feature, values) -> {
			double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
			double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
			double scale = (max > min) ? (max - min) / 2 : Math.max(1.0, Math.abs(min));
			spreads.put(feature, new Spread((min + max) / 2, scale));
		});
		return spreads;
	}

	/** The trees of a tree ensemble, or of every class of a multiclass one. */
	private static List<TreeEnsemble.Tree> trees(ModelDefinition definition) {
		return (definition instanceof MulticlassTrees multiclass) ? multiclass.allTrees()
				: ((TreeEnsemble) definition).trees();
	}

	/** The terms of a linear model, or of every class of a multinomial one. */
	private static List<LinearModel.Term> linearTerms(ModelDefinition definition) {
		return (definition instanceof MultinomialModel multinomial) ? multinomial.allTerms()
				: ((LinearModel) definition).terms();
	}

	private static Map<String, List<String>> levels(ModelDefinition definition) {
		Map<String, List<String>> levels = new LinkedHashMap<>();
		definition.featureTypes().forEach((feature, type) -> {
			if (type == FeatureType.CATEGORICAL) {
				levels.put(feature, new ArrayList<>());
			}
			else {
				levels.put(feature, List.of());
			}
		});
		if (definition instanceof LinearModel || definition instanceof MultinomialModel) {
			for (LinearModel.Term term : linearTerms(definition)) {
				if (term instanceof LinearModel.CategoricalTerm categorical) {
					List<String> known = levels.get(categorical.feature());
					categorical.weights()
						.keySet()
						.stream()
						.filter((level) -> !known.contains(level))
						.forEach(known::add);
				}
			}
		}
		else if (definition instanceof OnnxModel onnx) {
			// the levels the mapping knows (indicators and codes); a string input's
			// levels are the graph's own
			for (OnnxModel.Input input : onnx.inputs()) {
				for (OnnxModel.Column column : input.columns()) {
					List<String> known = levels.get(column.feature());
					List<String> named = (column instanceof OnnxModel.Indicator indicator) ? List.of(indicator.level())
							: (column instanceof OnnxModel.Code code) ? code.levels() : List.of();
					named.stream().filter((level) -> !known.contains(level)).forEach(known::add);
				}
			}
		}
		else {
			for (TreeEnsemble.Tree tree : trees(definition)) {
				for (TreeEnsemble.Node node : tree.nodes()) {
					if (node instanceof TreeEnsemble.CategoricalSplit split) {
						List<String> known = levels.get(split.feature());
						split.levels().stream().filter((level) -> !known.contains(level)).forEach(known::add);
					}
				}
			}
		}
		return levels;
	}

}
