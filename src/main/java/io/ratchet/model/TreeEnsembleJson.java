package io.ratchet.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code kind: tree-ensemble} part of a model file: reading it strictly (through
 * {@link ModelFileReading}, which locates each problem in the file) and writing it.
 *
 * <pre>
 * "base": -1.0, "arithmetic": "float32",
 * "trees": [{"nodes": [
 *     {"id": 0, "feature": "tenure_months", "threshold": 12.5, "yes": 1, "no": 2, "missing": "yes"},
 *     {"id": 1, "leaf": 0.4}, {"id": 2, "leaf": -0.1}]}]
 * </pre>
 */
final class TreeEnsembleJson {

	private TreeEnsembleJson() {
	}

	/** A tree as written. */
	record TreeJson(List<NodeJson> nodes) {
	}

	/** A node as written: a leaf ({@code id}, {@code leaf}) or a split. */
	record NodeJson(Integer id, String feature, Double threshold, List<String> levels, Integer yes, Integer no,
			String missing, Double leaf) {
	}

	/**
	 * Reads a tree ensemble: a {@link TreeEnsemble} ({@code base} and {@code trees}), or,
	 * when the file has {@code classes}, a {@link MulticlassTrees} (per class its
	 * {@code base} and {@code trees}).
	 */
	static ModelDefinition read(ModelFiles.FileJson json, Link link, ModelFileReading reading) {
		LinearModelJson.notAllowed(json, "a tree ensemble", reading);
		OnnxModelJson.notAllowed(json, "a tree ensemble", reading);
		TreeEnsemble.Arithmetic arithmetic = arithmetic(json, reading);
		if (json.classes() != null) {
			return readClasses(json, link, arithmetic, reading);
		}
		double base = reading.required(json.base(), "/base");
		List<TreeEnsemble.Tree> trees = trees(reading.required(json.trees(), "/trees"), "", reading);
		return reading.build("", () -> new TreeEnsemble(link, base, trees, json.training(), arithmetic));
	}

	private static MulticlassTrees readClasses(ModelFiles.FileJson json, Link link, TreeEnsemble.Arithmetic arithmetic,
			ModelFileReading reading) {
		String what = "a multiclass tree ensemble (each class has its own base and trees)";
		reading.notAllowed(json.base(), "/base", what);
		reading.notAllowed(json.trees(), "/trees", what);
		List<String> classes = new ArrayList<>();
		List<TreeEnsemble> sums = new ArrayList<>();
		for (int c = 0; c < json.classes().size(); c++) {
			String at = "/classes/" + c;
			MultinomialModelJson.ClassJson one = json.classes().get(c);
			classes.add(reading.required(one.name(), at + "/class"));
			reading.notAllowed(one.intercept(), at + "/intercept", "a tree ensemble's class (a multinomial model's)");
			reading.notAllowed(one.terms(), at + "/terms", "a tree ensemble's class (a multinomial model's)");
			double base = reading.required(one.base(), at + "/base");
			List<TreeEnsemble.Tree> trees = trees(reading.required(one.trees(), at + "/trees"), at, reading);
			sums.add(reading.build(at, () -> new TreeEnsemble(Link.IDENTITY, base, trees, Map.of(), arithmetic)));
		}
		MulticlassTrees model = reading.build("", () -> new MulticlassTrees(classes, link, sums, json.training()));
		reading.build("", model::featureTypes);
		return model;
	}

	private static TreeEnsemble.Arithmetic arithmetic(ModelFiles.FileJson json, ModelFileReading reading) {
		if (json.arithmetic() == null) {
			return TreeEnsemble.Arithmetic.FLOAT64;
		}
		return switch (json.arithmetic()) {
			case "float64" -> TreeEnsemble.Arithmetic.FLOAT64;
			case "float32" -> TreeEnsemble.Arithmetic.FLOAT32;
			default -> throw reading.error("/arithmetic",
					"\"arithmetic\" must be float64 or float32, not \"" + json.arithmetic() + "\"");
		};
	}

	private static List<TreeEnsemble.Tree> trees(List<TreeJson> treesJson, String parent, ModelFileReading reading) {
		List<TreeEnsemble.Tree> trees = new ArrayList<>();
		for (int t = 0; t < treesJson.size(); t++) {
			String at = parent + "/trees/" + t;
			List<NodeJson> nodesJson = reading.required(treesJson.get(t).nodes(), at + "/nodes");
			List<TreeEnsemble.Node> nodes = new ArrayList<>();
			for (int i = 0; i < nodesJson.size(); i++) {
				nodes.add(node(nodesJson.get(i), at + "/nodes/" + i, reading));
			}
			trees.add(reading.build(at, () -> new TreeEnsemble.Tree(nodes)));
		}
		return trees;
	}

	private static TreeEnsemble.Node node(NodeJson json, String at, ModelFileReading reading) {
		int id = reading.required(json.id(), at + "/id");
		if (json.leaf() != null) {
			String what = "a leaf node (it has \"leaf\")";
			reading.notAllowed(json.feature(), at + "/feature", what);
			reading.notAllowed(json.threshold(), at + "/threshold", what);
			reading.notAllowed(json.levels(), at + "/levels", what);
			reading.notAllowed(json.yes(), at + "/yes", what);
			reading.notAllowed(json.no(), at + "/no", what);
			reading.notAllowed(json.missing(), at + "/missing", what);
			return reading.build(at, () -> new TreeEnsemble.Leaf(id, json.leaf()));
		}
		if (json.feature() == null) {
			throw reading.error(at, "node " + id + " is neither a leaf (\"leaf\") nor a split (\"feature\")");
		}
		int yes = reading.required(json.yes(), at + "/yes");
		int no = reading.required(json.no(), at + "/no");
		String missingText = reading.required(json.missing(), at + "/missing");
		TreeEnsemble.Branch missing = switch (missingText) {
			case "yes" -> TreeEnsemble.Branch.YES;
			case "no" -> TreeEnsemble.Branch.NO;
			default ->
				throw reading.error(at + "/missing", "\"missing\" must be yes or no, not \"" + missingText + "\"");
		};
		if (json.threshold() != null && json.levels() != null) {
			throw reading.error(at + "/levels",
					"node " + id + " has both \"threshold\" (numeric split) and \"levels\"" + " (categorical split)");
		}
		if (json.threshold() != null) {
			return reading.build(at,
					() -> new TreeEnsemble.NumericSplit(id, json.feature(), json.threshold(), yes, no, missing));
		}
		if (json.levels() != null) {
			return reading.build(at,
					() -> new TreeEnsemble.CategoricalSplit(id, json.feature(), json.levels(), yes, no, missing));
		}
		throw reading.error(at,
				"split node " + id + " needs \"threshold\" (numeric split) or \"levels\" (categorical split)");
	}

	/** Refuses the fields of a tree ensemble in a model of another kind. */
	static void notAllowed(ModelFiles.FileJson json, String what, ModelFileReading reading) {
		reading.notAllowed(json.arithmetic(), "/arithmetic", what);
		reading.notAllowed(json.base(), "/base", what);
		reading.notAllowed(json.trees(), "/trees", what);
	}

	/**
	 * Writes the arithmetic (when not float64), the base and the trees of a model file.
	 */
	static void write(TreeEnsemble ensemble, ObjectNode root) {
		if (ensemble.arithmetic() != TreeEnsemble.Arithmetic.FLOAT64) {
			root.put("arithmetic", ensemble.arithmetic().key());
		}
		writeTrees(ensemble, root);
	}

	/**
	 * Writes the arithmetic (when not float64) and per class its name, base and trees.
	 */
	static void write(MulticlassTrees model, ObjectNode root) {
		if (model.arithmetic() != TreeEnsemble.Arithmetic.FLOAT64) {
			root.put("arithmetic", model.arithmetic().key());
		}
		ArrayNode classes = root.putArray("classes");
		for (int c = 0; c < model.classes().size(); c++) {
			ObjectNode node = classes.addObject();
			node.put("class", model.classes().get(c));
			writeTrees(model.sums().get(c), node);
		}
	}

	private static void writeTrees(TreeEnsemble ensemble, ObjectNode root) {
		root.put("base", ensemble.base());
		ArrayNode trees = root.putArray("trees");
		for (TreeEnsemble.Tree tree : ensemble.trees()) {
			ArrayNode nodes = trees.addObject().putArray("nodes");
			tree.nodes().forEach((node) -> write(node, nodes.addObject()));
		}
	}

	private static void write(TreeEnsemble.Node node, ObjectNode json) {
		json.put("id", node.id());
		if (node instanceof TreeEnsemble.Leaf leaf) {
			json.put("leaf", leaf.value());
			return;
		}
		TreeEnsemble.Split split = (TreeEnsemble.Split) node;
		json.put("feature", split.feature());
		if (split instanceof TreeEnsemble.NumericSplit numeric) {
			json.put("threshold", numeric.threshold());
		}
		else {
			ArrayNode levels = json.putArray("levels");
			((TreeEnsemble.CategoricalSplit) split).levels().forEach(levels::add);
		}
		json.put("yes", split.yes());
		json.put("no", split.no());
		json.put("missing", split.missing().key());
	}

}
