package io.ratchet.model;

import io.ratchet.data.Row;

import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * A {@link TreeEnsemble} compiled against a dataset's feature order into two flat arrays
 * indexed by node: all trees share them and {@link #roots} holds where each tree starts.
 * Nodes are laid out breadth first with the two children of a split side by side
 * ({@code no} right after {@code yes}), so a step down a tree reads one {@code long}
 * (kind, missing direction, feature, first child) and one {@code double} (threshold or
 * leaf value), and the top levels of a tree, which every row visits, share cache lines.
 * Scoring allocates nothing.
 * <p>
 * A {@link TreeEnsemble.Arithmetic#FLOAT32} ensemble is routed by the same code: each
 * float32 threshold {@code t} is compiled into the double
 * {@link Float32Thresholds#below(float)} so that {@code x < d} holds exactly when
 * {@code (float) x < t}; only the sum (float32, in tree order, from the base) and the
 * link differ.
 */
final class TreeScorer implements Scorer {

	private static final long LEAF = 0;

	private static final long NUMERIC = 1;

	private static final long CATEGORICAL = 2;

	private static final int KIND_SHIFT = 62;

	private static final long MISSING_YES = 1L << 61;

	private static final int FEATURE_SHIFT = 32;

	private static final long FEATURE_MASK = (1L << 29) - 1;

	private final Link link;

	private final double base;

	private final boolean float32;

	private final int[] roots;

	/**
	 * Per node: kind (2 bits), missing goes yes (1 bit), feature (29 bits), index of the
	 * yes child (32 bits).
	 */
	private final long[] node;

	/** Per node: the threshold of a numeric split, or the value of a leaf. */
	private final double[] value;

	/**
	 * Per node: the levels that go yes at a categorical split; {@code null} elsewhere.
	 */
	private final LevelTable[] levels;

	/**
	 * {@code featureIndex} gives each split's position in the dataset's features (already
	 * checked to exist).
	 */
	TreeScorer(TreeEnsemble model, ToIntFunction<String> featureIndex) {
		this.link = model.link();
		this.base = model.base();
		this.float32 = model.arithmetic() == TreeEnsemble.Arithmetic.FLOAT32;
		int total = model.trees().stream().mapToInt((tree) -> tree.nodes().size()).sum();
		this.roots = new int[model.trees().size()];
		this.node = new long[total];
		this.value = new double[total];
		this.levels = new LevelTable[total];
		int next = 0;
		int[] queue = new int[total];
		for (int t = 0; t < model.trees().size(); t++) {
			TreeEnsemble.Tree tree = model.trees().get(t);
			List<TreeEnsemble.Node> nodes = tree.nodes();
			Map<Integer, Integer> positions = tree.positions();
			// Breadth first: queue[slot - first] is the position in the file of the node
			// placed at slot.
			int first = next;
			this.roots[t] = next;
			queue[0] = positions.get(0);
			next++;
			for (int slot = first; slot < next; slot++) {
				TreeEnsemble.Node source = nodes.get(queue[slot - first]);
				if (source instanceof TreeEnsemble.Leaf leafNode) {
					this.node[slot] = LEAF << KIND_SHIFT;
					this.value[slot] = leafNode.value();
					continue;
				}
				TreeEnsemble.Split split = (TreeEnsemble.Split) source;
				int yes = next;
				queue[yes - first] = positions.get(split.yes());
				queue[yes + 1 - first] = positions.get(split.no());
				next += 2;
				long kind;
				if (split instanceof TreeEnsemble.NumericSplit numeric) {
					kind = NUMERIC;
					this.value[slot] = this.float32 ? Float32Thresholds.below((float) numeric.threshold())
							: numeric.threshold();
				}
				else {
					kind = CATEGORICAL;
					this.levels[slot] = LevelTable.of(((TreeEnsemble.CategoricalSplit) split).levels());
				}
				long feature = featureIndex.applyAsInt(split.feature());
				if (feature > FEATURE_MASK) {
					throw new IllegalArgumentException("too many features for a tree scorer: " + feature);
				}
				this.node[slot] = (kind << KIND_SHIFT)
						| ((split.missing() == TreeEnsemble.Branch.YES) ? MISSING_YES : 0) | (feature << FEATURE_SHIFT)
						| yes;
			}
		}
	}

	/**
	 * Walks the trees two at a time ({@link #leaves}) and adds their leaves in tree
	 * order, so the sum is the same to the bit as one tree after the other.
	 */
	@Override
	public double score(Row row) {
		if (this.float32) {
			return scoreFloat32(row);
		}
		double[] numbers = row.numbers();
		String[] rowLevels = row.levels();
		double[] values = this.value;
		int[] starts = this.roots;
		double z = this.base;
		int t = 0;
		for (; t + 1 < starts.length; t += 2) {
			long pair = leaves(starts[t], starts[t + 1], numbers, rowLevels);
			z += values[(int) (pair >>> 32)];
			z += values[(int) pair];
		}
		if (t < starts.length) {
			z += values[leaf(starts[t], numbers, rowLevels)];
		}
		return this.link.apply(z);
	}

	/**
	 * {@link #score} in float32: the same walk, the leaves added in float32 in tree order
	 * from the base.
	 */
	private double scoreFloat32(Row row) {
		double[] numbers = row.numbers();
		String[] rowLevels = row.levels();
		double[] values = this.value;
		int[] starts = this.roots;
		float z = (float) this.base;
		int t = 0;
		for (; t + 1 < starts.length; t += 2) {
			long pair = leaves(starts[t], starts[t + 1], numbers, rowLevels);
			z += (float) values[(int) (pair >>> 32)];
			z += (float) values[(int) pair];
		}
		if (t < starts.length) {
			z += (float) values[leaf(starts[t], numbers, rowLevels)];
		}
		return this.link.applyFloat32(z);
	}

	/**
	 * The leaves a row reaches in the trees starting at {@code a} and {@code b}, packed
	 * as {@code a's << 32 | b's}. A step down a tree waits on the loads of the step
	 * before, so two independent walks interleaved keep the processor busy.
	 */
	private long leaves(int a, int b, double[] numbers, String[] rowLevels) {
		long[] nodes = this.node;
		long bitsA = nodes[a];
		long bitsB = nodes[b];
		while (bitsA >>> KIND_SHIFT != LEAF && bitsB >>> KIND_SHIFT != LEAF) {
			a = step(a, bitsA, numbers, rowLevels);
			b = step(b, bitsB, numbers, rowLevels);
			bitsA = nodes[a];
			bitsB = nodes[b];
		}
		while (bitsA >>> KIND_SHIFT != LEAF) {
			a = step(a, bitsA, numbers, rowLevels);
			bitsA = nodes[a];
		}
		while (bitsB >>> KIND_SHIFT != LEAF) {
			b = step(b, bitsB, numbers, rowLevels);
			bitsB = nodes[b];
		}
		return ((long) a << 32) | (b & 0xFFFFFFFFL);
	}

	/** The leaf a row reaches in the tree starting at {@code n}. */
	private int leaf(int n, double[] numbers, String[] rowLevels) {
		long bits;
		while ((bits = this.node[n]) >>> KIND_SHIFT != LEAF) {
			n = step(n, bits, numbers, rowLevels);
		}
		return n;
	}

	/** The child of split {@code n} (described by {@code bits}) that the row goes to. */
	private int step(int n, long bits, double[] numbers, String[] rowLevels) {
		int feature = (int) ((bits >>> FEATURE_SHIFT) & FEATURE_MASK);
		boolean goYes;
		if (bits >>> KIND_SHIFT == NUMERIC) {
			double x = numbers[feature];
			// non-short-circuit operators: the direction is data-dependent, so avoid
			// branches on it
			goYes = (x < this.value[n]) | ((x != x) & (bits & MISSING_YES) != 0);
		}
		else {
			String level = rowLevels[feature];
			goYes = (level == null) ? (bits & MISSING_YES) != 0 : this.levels[n].contains(level);
		}
		return (int) bits + (goYes ? 0 : 1);
	}

}
