package io.ratchet.model;

import io.ratchet.data.FeatureType;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A sum of decision trees: {@code prediction = link(base + sum of the leaves reached)}.
 * Each tree is checked to be a real tree rooted at node 0 when it is built.
 * <p>
 * With {@link Arithmetic#FLOAT32} (XGBoost's arithmetic) base, thresholds and leaves must
 * be float32 values, and the scorer casts each input to float32 before comparing it, adds
 * the leaves in float32 in tree order starting from the base, and applies the link in
 * float32 ({@link Link#applyFloat32}); so it reproduces the library's bits.
 *
 * @param link identity (regression, or a binary forest averaging probabilities) or
 * logistic (binary)
 * @param base the constant part of the sum
 * @param trees the trees, each contributing the value of the leaf a row reaches
 * @param training free-form, informational description of how the model was trained (may
 * be empty)
 * @param arithmetic float64 (the default) or float32
 */
public record TreeEnsemble(Link link, double base, List<Tree> trees, Map<String, Object> training,
		Arithmetic arithmetic) implements ModelDefinition {

	/** The {@code kind} of tree ensembles in model files. */
	public static final String KIND = "tree-ensemble";

	public TreeEnsemble {
		InvalidModelException.required(link, "link");
		InvalidModelException.required(arithmetic, "arithmetic");
		InvalidModelException.finite(base, "base");
		trees = List.copyOf(InvalidModelException.required(trees, "trees"));
		if (arithmetic == Arithmetic.FLOAT32) {
			Arithmetic.requireFloat32(base, "/base");
		}
		Map<String, FeatureType> types = new HashMap<>();
		for (int t = 0; t < trees.size(); t++) {
			List<Node> nodes = trees.get(t).nodes();
			for (int i = 0; i < nodes.size(); i++) {
				Node node = nodes.get(i);
				String at = "/trees/" + t + "/nodes/" + i;
				if (arithmetic == Arithmetic.FLOAT32 && node instanceof Leaf leaf) {
					Arithmetic.requireFloat32(leaf.value(), at + "/leaf");
				}
				if (arithmetic == Arithmetic.FLOAT32 && node instanceof NumericSplit numeric) {
					Arithmetic.requireFloat32(numeric.threshold(), at + "/threshold");
				}
				if (node instanceof Split split) {
					FeatureType earlier = types.putIfAbsent(split.feature(), split.type());
					if (earlier != null && earlier != split.type()) {
						throw new InvalidModelException(at + "/feature",
								"feature \"" + split.feature() + "\" is split on as " + split.type().key()
										+ " here but as " + earlier.key() + " elsewhere");
					}
				}
			}
		}
		training = Training.copy(training);
	}

	/** A float64 ensemble. */
	public TreeEnsemble(Link link, double base, List<Tree> trees, Map<String, Object> training) {
		this(link, base, trees, training, Arithmetic.FLOAT64);
	}

	/**
	 * Whether the sum is an average of probabilities: identity link, base and every leaf
	 * in [0, 1], and base plus the largest leaf of each tree at most 1 (give or take
	 * rounding). A random forest classifier has this shape (each leaf a class fraction
	 * divided by the number of trees); it is the only binary model without a logistic
	 * link.
	 */
	public boolean averagesProbabilities() {
		if (this.link != Link.IDENTITY || this.base < 0) {
			return false;
		}
		double largest = this.base;
		for (Tree tree : this.trees) {
			double max = Double.NEGATIVE_INFINITY;
			for (Node node : tree.nodes()) {
				if (node instanceof Leaf leaf) {
					if (leaf.value() < 0) {
						return false;
					}
					max = Math.max(max, leaf.value());
				}
			}
			largest += max;
		}
		return largest <= 1 + PROBABILITY_ROUNDING;
	}

	/**
	 * How far above 1 a sum of probabilities divided by the number of trees may round.
	 */
	static final double PROBABILITY_ROUNDING = 1e-12;

	@Override
	public String kind() {
		return KIND;
	}

	@Override
	public Map<String, FeatureType> featureTypes() {
		Map<String, FeatureType> types = new LinkedHashMap<>();
		this.trees.forEach((tree) -> tree.nodes().forEach((node) -> {
			if (node instanceof Split split) {
				types.putIfAbsent(split.feature(), split.type());
			}
		}));
		return Collections.unmodifiableMap(types);
	}

	/** The number type a tree ensemble computes in. */
	public enum Arithmetic {

		/** Inputs, thresholds, leaves and their sum in double precision. */
		FLOAT64,

		/**
		 * Inputs cast to float32 before each comparison; thresholds, leaves and base are
		 * float32 values; the sum and the link in float32 (XGBoost's arithmetic).
		 */
		FLOAT32;

		/** The lower-case name used in model files. */
		public String key() {
			return name().toLowerCase(Locale.ROOT);
		}

		static void requireFloat32(double value, String at) {
			if ((double) (float) value != value) {
				throw new InvalidModelException(at, value + " is not a float32 value (the model's arithmetic is"
						+ " float32; nearest float32: " + (double) (float) value + ")");
			}
		}

	}

	/** Which way a split sends a row. */
	public enum Branch {

		YES, NO;

		/** The lower-case name used in model files. */
		public String key() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/**
	 * One tree: its nodes in file order. The root is the node with id 0; every referenced
	 * id exists, every node is reachable from the root, and every node but the root has
	 * exactly one parent (so there is no cycle).
	 */
	public record Tree(List<Node> nodes) {

		public Tree {
			if (nodes == null || nodes.isEmpty()) {
				throw new InvalidModelException("/nodes", "a tree needs at least one node");
			}
			nodes = List.copyOf(nodes);
			check(nodes);
		}

		/** The position in {@link #nodes()} of each id. */
		Map<Integer, Integer> positions() {
			Map<Integer, Integer> positions = new HashMap<>();
			for (int i = 0; i < this.nodes.size(); i++) {
				positions.put(this.nodes.get(i).id(), i);
			}
			return positions;
		}

		private static void check(List<Node> nodes) {
			Map<Integer, Integer> positions = new HashMap<>();
			for (int i = 0; i < nodes.size(); i++) {
				Node node = nodes.get(i);
				if (node == null) {
					throw new InvalidModelException("/nodes/" + i, "a node must not be null");
				}
				Integer earlier = positions.putIfAbsent(node.id(), i);
				if (earlier != null) {
					throw new InvalidModelException("/nodes/" + i + "/id",
							"node id " + node.id() + " is used twice (also nodes[" + earlier + "])");
				}
			}
			if (!positions.containsKey(0)) {
				throw new InvalidModelException("/nodes", "no node has id 0 (the root)");
			}
			Map<Integer, Integer> parents = new HashMap<>();
			for (int i = 0; i < nodes.size(); i++) {
				if (nodes.get(i) instanceof Split split) {
					checkChild(split, split.yes(), "yes", i, positions, parents);
					checkChild(split, split.no(), "no", i, positions, parents);
				}
			}
			Set<Integer> reached = new HashSet<>();
			Deque<Integer> todo = new ArrayDeque<>(List.of(0));
			while (!todo.isEmpty()) {
				int id = todo.pop();
				if (reached.add(id) && nodes.get(positions.get(id)) instanceof Split split) {
					todo.push(split.no());
					todo.push(split.yes());
				}
			}
			for (int i = 0; i < nodes.size(); i++) {
				if (!reached.contains(nodes.get(i).id())) {
					throw new InvalidModelException("/nodes/" + i, "node " + nodes.get(i).id()
							+ " is not reachable from the root node 0 (orphan or part of a cycle)");
				}
			}
		}

		private static void checkChild(Split split, int child, String branch, int position,
				Map<Integer, Integer> positions, Map<Integer, Integer> parents) {
			String at = "/nodes/" + position + "/" + branch;
			if (!positions.containsKey(child)) {
				throw new InvalidModelException(at, "node " + split.id() + ": \"" + branch + "\" refers to node "
						+ child + ", which does not exist");
			}
			if (child == 0) {
				throw new InvalidModelException(at,
						"node " + split.id() + ": \"" + branch + "\" goes back to the root node 0 (a cycle)");
			}
			Integer parent = parents.putIfAbsent(child, split.id());
			if (parent != null) {
				throw new InvalidModelException(at,
						"node " + child + " is reached from node " + parent + " and from node " + split.id()
								+ " (a tree node has one parent; this is a cycle or a shared branch)");
			}
		}

	}

	/** A node of a tree: a {@link Leaf} or a {@link Split}. */
	public sealed interface Node permits Leaf, Split {

		/** The node's id, unique within its tree; 0 is the root. */
		int id();

	}

	/** A node that sends a row to its {@code yes} or its {@code no} child. */
	public sealed interface Split extends Node permits NumericSplit, CategoricalSplit {

		/** The feature the split reads. */
		String feature();

		/** How the split reads its feature. */
		FeatureType type();

		/** The id of the {@code yes} child. */
		int yes();

		/** The id of the {@code no} child. */
		int no();

		/** Where a row with a missing value goes. */
		Branch missing();

	}

	/**
	 * A leaf: the tree's contribution to the sum.
	 *
	 * @param id the node's id
	 * @param value the contribution
	 */
	public record Leaf(int id, double value) implements Node {

		public Leaf {
			InvalidModelException.finite(value, "leaf");
		}

	}

	/**
	 * Goes {@code yes} when {@code x < threshold}, {@code no} otherwise, and the
	 * {@code missing} way when x is missing.
	 *
	 * @param id the node's id
	 * @param feature the numeric feature
	 * @param threshold the split point
	 * @param yes the node for {@code x < threshold}
	 * @param no the node for {@code x >= threshold}
	 * @param missing where a missing value goes
	 */
	public record NumericSplit(int id, String feature, double threshold, int yes, int no,
			Branch missing) implements Split {

		public NumericSplit {
			InvalidModelException.name(feature, "feature");
			InvalidModelException.finite(threshold, "threshold");
			requireMissing(missing);
		}

		@Override
		public FeatureType type() {
			return FeatureType.NUMERIC;
		}

	}

	/**
	 * Goes {@code yes} when the level is one of {@code levels}, {@code no} for any other
	 * level (also an unseen one), and the {@code missing} way when the level is missing.
	 *
	 * @param id the node's id
	 * @param feature the categorical feature
	 * @param levels the levels that go {@code yes}, in file order, without repeats
	 * @param yes the node for a level in {@code levels}
	 * @param no the node for any other level
	 * @param missing where a missing level goes
	 */
	public record CategoricalSplit(int id, String feature, List<String> levels, int yes, int no,
			Branch missing) implements Split {

		public CategoricalSplit {
			InvalidModelException.name(feature, "feature");
			if (levels == null || levels.isEmpty()) {
				throw new InvalidModelException("/levels", "must list at least one level");
			}
			Set<String> seen = new HashSet<>();
			for (int i = 0; i < levels.size(); i++) {
				String level = levels.get(i);
				if (level == null || level.isEmpty()) {
					throw new InvalidModelException("/levels/" + i, "a level must not be null or empty");
				}
				if (!seen.add(level)) {
					throw new InvalidModelException("/levels/" + i, "level \"" + level + "\" is listed twice");
				}
			}
			levels = List.copyOf(levels);
			requireMissing(missing);
		}

		@Override
		public FeatureType type() {
			return FeatureType.CATEGORICAL;
		}

	}

	private static void requireMissing(Branch missing) {
		if (missing == null) {
			throw new InvalidModelException("/missing", "is required (yes or no)");
		}
	}

}
