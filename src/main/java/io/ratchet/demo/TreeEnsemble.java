package io.ratchet.demo;

import java.util.ArrayList;
import java.util.List;

import io.ratchet.data.Row;
import io.ratchet.model.Scorer;

/**
 * A fitted tree ensemble as written to {@code config/models/}: {@code p = sigmoid(base + sum of the leaves reached)}.
 *
 * @param base the starting log-odds
 * @param trees the trees; in each, node 0 is the root and nodes are numbered breadth first
 */
record TreeEnsemble(double base, List<List<Node>> trees) implements Scorer {

	TreeEnsemble {
		trees = trees.stream().map(List::copyOf).toList();
	}

	@Override
	public double score(Row row) {
		double sum = this.base;
		for (List<Node> tree : this.trees) {
			Node node = tree.get(0);
			while (node instanceof Split split) {
				node = tree.get(split.next(row));
			}
			sum += ((Leaf) node).value();
		}
		return ChurnWorld.sigmoid(sum);
	}

	/** The model file, the {@code training} object given as already formatted JSON. */
	String json(String name, String version, String training) {
		List<String> trees = new ArrayList<>();
		for (List<Node> tree : this.trees) {
			trees.add("    {\"nodes\": [\n" + String.join(",\n", tree.stream().map((node) -> "      " + node.json()).toList())
					+ "\n    ]}");
		}
		return "{\n" + ModelFiles.header(name, version, "tree-ensemble") + "  \"base\": " + Json.number(this.base)
				+ ",\n  \"trees\": [\n" + String.join(",\n", trees) + "\n  ],\n  \"training\": " + training + "\n}\n";
	}

	/** A node of a tree. */
	sealed interface Node {

		int id();

		String json();

	}

	record Leaf(int id, double value) implements Node {

		@Override
		public String json() {
			return "{\"id\": " + this.id + ", \"leaf\": " + Json.number(this.value) + "}";
		}

	}

	/**
	 * A split: numeric ({@code levels} null) goes "yes" when {@code x < threshold}; categorical goes "yes" when the
	 * level is one of {@code levels}, an unseen level "no"; a missing value goes where {@code missingYes} says.
	 */
	record Split(int id, String feature, int index, double threshold, List<String> levels, int yes, int no,
			boolean missingYes) implements Node {

		int next(Row row) {
			if (this.levels == null) {
				double x = row.numbers()[this.index];
				return Double.isNaN(x) ? missing() : (x < this.threshold) ? this.yes : this.no;
			}
			String level = row.levels()[this.index];
			return (level == null) ? missing() : this.levels.contains(level) ? this.yes : this.no;
		}

		private int missing() {
			return this.missingYes ? this.yes : this.no;
		}

		@Override
		public String json() {
			String test = (this.levels == null) ? "\"threshold\": " + Json.number(this.threshold)
					: "\"levels\": " + Json.strings(this.levels);
			return "{\"id\": " + this.id + ", \"feature\": " + Json.string(this.feature) + ", " + test + ", \"yes\": "
					+ this.yes + ", \"no\": " + this.no + ", \"missing\": " + (this.missingYes ? "\"yes\"" : "\"no\"")
					+ "}";
		}

	}

}
