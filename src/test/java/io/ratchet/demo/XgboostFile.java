package io.ratchet.demo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.ratchet.data.Feature;
import io.ratchet.data.FeatureType;
import io.ratchet.model.Link;
import io.ratchet.model.TreeEnsemble;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a logistic tree ensemble fitted by Ratchet in XGBoost's JSON model format (as
 * {@code save_model("m.json")} of XGBoost 3.1 writes it), so that the demo can show a
 * model coming in through {@code jobs/import-model} without XGBoost installed. Values
 * become float32, as XGBoost keeps them. A numeric split {@code x < t} becomes XGBoost's
 * {@code x < split_condition} with the yes branch left; a categorical split sends its
 * levels right (XGBoost's convention), so its "no" branch is the left child and a missing
 * value goes left exactly when it went "no"; the categories are stored by name in
 * {@code gradient_booster.model.cats}. The base (a log-odds) becomes {@code base_score},
 * the probability XGBoost stores.
 */
public final class XgboostFile {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private XgboostFile() {
	}

	/**
	 * The JSON text.
	 * @param ensemble a float64 logistic ensemble
	 * @param features the model's columns, in order (every feature its splits read must
	 * be one)
	 * @param levels for each categorical feature, its levels in code order (sorted, as
	 * pandas orders categories)
	 */
	public static String write(TreeEnsemble ensemble, List<Feature> features, Map<String, List<String>> levels) {
		if (ensemble.link() != Link.LOGISTIC) {
			throw new IllegalArgumentException("only a logistic ensemble is written as binary:logistic");
		}
		Map<String, Integer> columns = new HashMap<>();
		features.forEach((feature) -> columns.put(feature.name(), columns.size()));
		ObjectNode root = JSON.createObjectNode();
		ObjectNode learner = root.putObject("learner");
		learner.putObject("attributes");
		ArrayNode names = learner.putArray("feature_names");
		ArrayNode types = learner.putArray("feature_types");
		features.forEach((feature) -> {
			names.add(feature.name());
			types.add((feature.type() == FeatureType.CATEGORICAL) ? "c" : "float");
		});
		ObjectNode booster = learner.putObject("gradient_booster");
		ObjectNode model = booster.putObject("model");
		cats(model.putObject("cats"), features, levels);
		ObjectNode parameters = model.putObject("gbtree_model_param");
		parameters.put("num_parallel_tree", "1");
		parameters.put("num_trees", Integer.toString(ensemble.trees().size()));
		ArrayNode indptr = model.putArray("iteration_indptr");
		ArrayNode info = model.putArray("tree_info");
		ArrayNode trees = model.putArray("trees");
		for (int t = 0; t < ensemble.trees().size(); t++) {
			indptr.add(t);
			info.add(0);
			tree(trees.addObject(), t, ensemble.trees().get(t), columns, levels, features.size());
		}
		indptr.add(ensemble.trees().size());
		booster.put("name", "gbtree");
		ObjectNode learnerParameters = learner.putObject("learner_model_param");
		float baseScore = (float) (1 / (1 + StrictMath.exp(-ensemble.base())));
		learnerParameters.put("base_score", "[" + baseScore + "]");
		learnerParameters.put("boost_from_average", "1");
		learnerParameters.put("num_class", "0");
		learnerParameters.put("num_feature", Integer.toString(features.size()));
		learnerParameters.put("num_target", "1");
		ObjectNode objective = learner.putObject("objective");
		objective.put("name", "binary:logistic");
		objective.putObject("reg_loss_param").put("scale_pos_weight", "1");
		root.putArray("version").add(3).add(1).add(0);
		return JSON.writeValueAsString(root);
	}

	/**
	 * {@code cats}: each feature's categories as UTF-8 bytes (int8, as XGBoost writes
	 * them) and offsets.
	 */
	private static void cats(ObjectNode cats, List<Feature> features, Map<String, List<String>> levels) {
		ArrayNode encodings = cats.putArray("enc");
		ArrayNode segments = cats.putArray("feature_segments");
		ArrayNode sorted = cats.putArray("sorted_idx");
		int total = 0;
		segments.add(0);
		for (Feature feature : features) {
			ObjectNode encoding = encodings.addObject();
			ArrayNode offsets = encoding.putArray("offsets");
			ArrayNode values = encoding.putArray("values");
			List<String> known = (feature.type() == FeatureType.CATEGORICAL) ? levels.get(feature.name()) : List.of();
			int offset = 0;
			for (int c = 0; c < known.size(); c++) {
				offsets.add(offset);
				for (byte b : known.get(c).getBytes(StandardCharsets.UTF_8)) {
					values.add(b);
					offset++;
				}
				sorted.add(c);
			}
			if (!known.isEmpty()) {
				offsets.add(offset);
			}
			total += known.size();
			segments.add(total);
		}
	}

	/**
	 * One tree: XGBoost's parallel arrays, nodes numbered breadth first from the root 0.
	 */
	private static void tree(ObjectNode json, int id, TreeEnsemble.Tree tree, Map<String, Integer> columns,
			Map<String, List<String>> levels, int featureCount) {
		Map<Integer, TreeEnsemble.Node> byId = new HashMap<>();
		tree.nodes().forEach((node) -> byId.put(node.id(), node));
		List<TreeEnsemble.Node> order = new ArrayList<>();
		List<Integer> parents = new ArrayList<>();
		Deque<int[]> queue = new ArrayDeque<>(List.of(new int[] { 0, Integer.MAX_VALUE }));
		Map<Integer, Integer> number = new HashMap<>();
		while (!queue.isEmpty()) {
			int[] next = queue.removeFirst();
			TreeEnsemble.Node node = byId.get(next[0]);
			number.put(node.id(), order.size());
			order.add(node);
			parents.add(next[1]);
			if (node instanceof TreeEnsemble.Split split) {
				boolean categorical = split instanceof TreeEnsemble.CategoricalSplit;
				int self = order.size() - 1;
				// left first: "yes" for a numeric split, "no" for a categorical one
				queue.add(new int[] { categorical ? split.no() : split.yes(), self });
				queue.add(new int[] { categorical ? split.yes() : split.no(), self });
			}
		}
		ArrayNode weights = json.putArray("base_weights");
		ArrayNode categories = json.putArray("categories");
		ArrayNode categoryNodes = json.putArray("categories_nodes");
		ArrayNode categorySegments = json.putArray("categories_segments");
		ArrayNode categorySizes = json.putArray("categories_sizes");
		ArrayNode defaultLeft = json.putArray("default_left");
		json.put("id", id);
		ArrayNode left = json.putArray("left_children");
		ArrayNode losses = json.putArray("loss_changes");
		ArrayNode parentArray = json.putArray("parents");
		ArrayNode right = json.putArray("right_children");
		ArrayNode conditions = json.putArray("split_conditions");
		ArrayNode indices = json.putArray("split_indices");
		ArrayNode splitTypes = json.putArray("split_type");
		ArrayNode hessians = json.putArray("sum_hessian");
		for (int n = 0; n < order.size(); n++) {
			TreeEnsemble.Node node = order.get(n);
			parentArray.add(parents.get(n));
			losses.add(0.0f);
			hessians.add(0.0f);
			if (node instanceof TreeEnsemble.Leaf leaf) {
				weights.add((float) leaf.value());
				conditions.add((float) leaf.value());
				left.add(-1);
				right.add(-1);
				indices.add(0);
				defaultLeft.add(0);
				splitTypes.add(0);
				continue;
			}
			weights.add(0.0f);
			if (node instanceof TreeEnsemble.NumericSplit numeric) {
				conditions.add((float) numeric.threshold());
				left.add(number.get(numeric.yes()));
				right.add(number.get(numeric.no()));
				defaultLeft.add((numeric.missing() == TreeEnsemble.Branch.YES) ? 1 : 0);
				splitTypes.add(0);
			}
			else {
				TreeEnsemble.CategoricalSplit categorical = (TreeEnsemble.CategoricalSplit) node;
				// XGBoost keeps no threshold for a categorical node
				conditions.add(Float.MIN_VALUE);
				left.add(number.get(categorical.no()));
				right.add(number.get(categorical.yes()));
				defaultLeft.add((categorical.missing() == TreeEnsemble.Branch.NO) ? 1 : 0);
				splitTypes.add(1);
				List<String> known = levels.get(categorical.feature());
				categoryNodes.add(n);
				categorySegments.add(categories.size());
				categorySizes.add(categorical.levels().size());
				for (String level : categorical.levels()) {
					if (!known.contains(level)) {
						throw new IllegalArgumentException("level \"" + level + "\" of " + categorical.feature()
								+ " is not among its categories " + known);
					}
				}
				categorical.levels().stream().map(known::indexOf).sorted().forEach(categories::add);
			}
			indices.add(columns.get(((TreeEnsemble.Split) node).feature()));
		}
		ObjectNode parameters = json.putObject("tree_param");
		parameters.put("num_deleted", "0");
		parameters.put("num_feature", Integer.toString(featureCount));
		parameters.put("num_nodes", Integer.toString(order.size()));
		parameters.put("size_leaf_vector", "1");
	}

}
