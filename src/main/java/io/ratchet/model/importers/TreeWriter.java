package io.ratchet.model.importers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

import io.ratchet.model.TreeEnsemble;

/**
 * Builds one tree of a {@link TreeEnsemble} while an importer walks a library's tree from
 * its root. Each method makes one node and returns its id; children are given as
 * suppliers that build the child's subtree and return its id, so a split that cannot send
 * a row one way drops that subtree, and a decision that needs more than one Ratchet split
 * can build a subtree twice (each copy gets its own ids). Ids are given in depth-first
 * order from 0, the root.
 */
final class TreeWriter {

	private final List<TreeEnsemble.Node> nodes = new ArrayList<>();

	/** A leaf. */
	int leaf(double value) {
		int id = reserve();
		this.nodes.set(id, new TreeEnsemble.Leaf(id, value));
		return id;
	}

	/**
	 * A numeric split: left when {@code x < lessThan}, right otherwise; a missing x goes
	 * left when {@code missingLeft}. A threshold of +infinity (a library's
	 * {@code x <= inf}, or {@code x <= MAX_VALUE}) sends every number left: no split when
	 * missing values go left too, otherwise a split at {@link Double#MAX_VALUE}, the
	 * largest threshold a model file holds (rows hold finite numbers, so only
	 * {@code x = MAX_VALUE} itself would go the other way).
	 */
	int numeric(String feature, double lessThan, boolean missingLeft, IntSupplier left, IntSupplier right) {
		if (lessThan == Double.POSITIVE_INFINITY) {
			if (missingLeft) {
				return left.getAsInt();
			}
			return numeric(feature, Double.MAX_VALUE, false, left, right);
		}
		int id = reserve();
		int yes = left.getAsInt();
		int no = right.getAsInt();
		this.nodes.set(id, new TreeEnsemble.NumericSplit(id, feature, lessThan, yes, no, branch(missingLeft)));
		return id;
	}

	/**
	 * A split on a categorical feature: each level of {@code goesLeft} goes the way it
	 * says; any other level, an unseen one and a missing one go left when
	 * {@code otherLeft}. A Ratchet categorical split sends an unseen level "no", so the
	 * listed levels are the ones that do not go the other way, and "no" is the other way;
	 * when every known level goes the other way too, there is no split at all and only
	 * that side is built.
	 */
	int levels(String feature, Map<String, Boolean> goesLeft, boolean otherLeft, IntSupplier left, IntSupplier right) {
		List<String> listed = new ArrayList<>();
		goesLeft.forEach((level, isLeft) -> {
			// an empty cell is a missing value, never this level
			if (isLeft != otherLeft && !level.isEmpty()) {
				listed.add(level);
			}
		});
		if (listed.isEmpty()) {
			return otherLeft ? left.getAsInt() : right.getAsInt();
		}
		int id = reserve();
		int first = left.getAsInt();
		int second = right.getAsInt();
		int yes = otherLeft ? second : first;
		int no = otherLeft ? first : second;
		this.nodes.set(id, new TreeEnsemble.CategoricalSplit(id, feature, listed, yes, no, TreeEnsemble.Branch.NO));
		return id;
	}

	/** The tree built so far (its root is the first node made). */
	TreeEnsemble.Tree tree() {
		return new TreeEnsemble.Tree(this.nodes);
	}

	private int reserve() {
		this.nodes.add(null);
		return this.nodes.size() - 1;
	}

	private static TreeEnsemble.Branch branch(boolean missingLeft) {
		return missingLeft ? TreeEnsemble.Branch.YES : TreeEnsemble.Branch.NO;
	}

}
