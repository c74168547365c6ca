package io.ratchet.model;

import io.ratchet.data.Row;

import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * A {@link TreeEnsemble} compiled against a dataset's feature order into flat arrays indexed by node: all trees share
 * one set of arrays and {@link #roots} holds where each tree starts. Scoring walks from each root to a leaf with
 * primitive reads only and allocates nothing.
 */
final class TreeScorer implements Scorer {

	private static final byte LEAF = 0;

	private static final byte NUMERIC = 1;

	private static final byte CATEGORICAL = 2;

	private final Link link;

	private final double base;

	private final int[] roots;

	private final byte[] kind;

	private final int[] feature;

	private final double[] threshold;

	private final LevelTable[] levels;

	private final int[] yes;

	private final int[] no;

	private final boolean[] missingYes;

	private final double[] leaf;

	/** {@code featureIndex} gives each split's position in the dataset's features (already checked to exist). */
	TreeScorer(TreeEnsemble model, ToIntFunction<String> featureIndex) {
		this.link = model.link();
		this.base = model.base();
		int total = model.trees().stream().mapToInt((tree) -> tree.nodes().size()).sum();
		this.roots = new int[model.trees().size()];
		this.kind = new byte[total];
		this.feature = new int[total];
		this.threshold = new double[total];
		this.levels = new LevelTable[total];
		this.yes = new int[total];
		this.no = new int[total];
		this.missingYes = new boolean[total];
		this.leaf = new double[total];
		int offset = 0;
		for (int t = 0; t < model.trees().size(); t++) {
			TreeEnsemble.Tree tree = model.trees().get(t);
			List<TreeEnsemble.Node> nodes = tree.nodes();
			Map<Integer, Integer> positions = tree.positions();
			this.roots[t] = offset + positions.get(0);
			for (int i = 0; i < nodes.size(); i++) {
				int n = offset + i;
				TreeEnsemble.Node node = nodes.get(i);
				if (node instanceof TreeEnsemble.Leaf leafNode) {
					this.kind[n] = LEAF;
					this.leaf[n] = leafNode.value();
					continue;
				}
				TreeEnsemble.Split split = (TreeEnsemble.Split) node;
				this.feature[n] = featureIndex.applyAsInt(split.feature());
				this.yes[n] = offset + positions.get(split.yes());
				this.no[n] = offset + positions.get(split.no());
				this.missingYes[n] = split.missing() == TreeEnsemble.Branch.YES;
				if (split instanceof TreeEnsemble.NumericSplit numeric) {
					this.kind[n] = NUMERIC;
					this.threshold[n] = numeric.threshold();
				}
				else {
					this.kind[n] = CATEGORICAL;
					this.levels[n] = LevelTable.of(((TreeEnsemble.CategoricalSplit) split).levels());
				}
			}
			offset += nodes.size();
		}
	}

	@Override
	public double score(Row row) {
		double[] numbers = row.numbers();
		String[] rowLevels = row.levels();
		double z = this.base;
		for (int root : this.roots) {
			int n = root;
			byte nodeKind;
			while ((nodeKind = this.kind[n]) != LEAF) {
				boolean goYes;
				if (nodeKind == NUMERIC) {
					double x = numbers[this.feature[n]];
					goYes = Double.isNaN(x) ? this.missingYes[n] : x < this.threshold[n];
				}
				else {
					String level = rowLevels[this.feature[n]];
					goYes = (level == null) ? this.missingYes[n] : this.levels[n].contains(level);
				}
				n = goYes ? this.yes[n] : this.no[n];
			}
			z += this.leaf[n];
		}
		return this.link.apply(z);
	}

}
