package io.ratchet.model.importers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.ratchet.bench.CorpusGenerator;
import io.ratchet.data.DatasetConfig;
import io.ratchet.data.DatasetConfigs;
import io.ratchet.data.Feature;
import io.ratchet.data.FeatureType;
import io.ratchet.data.MonthFileReader;
import io.ratchet.data.Row;
import io.ratchet.demo.XgboostFile;
import io.ratchet.model.ModelCatalogue;
import io.ratchet.model.ModelFiles;
import io.ratchet.model.ModelVersion;
import io.ratchet.model.Scorer;
import io.ratchet.model.TreeEnsemble;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The per-row cost of each imported kind of model against Ratchet's own tree ensemble: the bench corpus's
 * {@code bench-gbt@1} (100 complete trees of depth 6 over 8 of its 16 numeric features) is written as an XGBoost JSON
 * model, a LightGBM text model and a scikit-learn tree dump, each imported through {@link ModelImport} exactly as
 * {@code jobs/import-model} does, and scored over the same 4,096 parsed rows. XGBoost's comes out as a float32
 * ensemble (inputs, thresholds and sums in float32); LightGBM's and scikit-learn's as float64 ones with
 * {@code x <= t} thresholds. The score is nanoseconds per row.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ImportedScorerBenchmark {

	static final int ROWS = 4096;

	@Param({ "ratchet", "xgboost", "lightgbm", "sklearn-trees" })
	public String kind;

	private Scorer scorer;

	private Row[] rows;

	@Setup
	public void setUp() throws IOException {
		Path folder = Files.createTempDirectory("ratchet-jmh");
		new CorpusGenerator(7).write(folder, ROWS * (long) CorpusGenerator.MONTHS);
		DatasetConfig dataset = DatasetConfigs.load(folder.resolve("config"), CorpusGenerator.DATASET);
		ModelVersion gbt = ModelCatalogue.scan(folder.resolve("config").resolve("models")).get("bench-gbt@1");
		TreeEnsemble trees = (TreeEnsemble) gbt.definition();
		List<Feature> numeric = dataset.features().stream().filter((f) -> f.type() == FeatureType.NUMERIC).toList();
		String text = switch (this.kind) {
			case "ratchet" -> null;
			case "xgboost" -> XgboostFile.write(trees, numeric, Map.of());
			case "lightgbm" -> lightgbm(trees, numeric);
			case "sklearn-trees" -> sklearn(trees, numeric);
			default -> throw new IllegalArgumentException(this.kind);
		};
		if (text == null) {
			this.scorer = gbt.bind(dataset);
		}
		else {
			Path file = Files.writeString(folder.resolve("model." + this.kind), text);
			ModelImport.Result result = ModelImport.convert(file, null, dataset, "bench-" + this.kind, "1");
			this.scorer = ModelFiles.load(Files.writeString(folder.resolve("imported.json"), result.json()))
				.bind(dataset);
		}
		List<Row> parsed = new ArrayList<>();
		new MonthFileReader(dataset).read(
				folder.resolve("data").resolve(CorpusGenerator.DATASET).resolve(CorpusGenerator.LAST_MONTH + ".csv"),
				null, parsed::add, (rejection) -> {
				});
		this.rows = parsed.toArray(Row[]::new);
	}

	@Benchmark
	@OperationsPerInvocation(ROWS)
	public double score() {
		double sum = 0;
		for (Row row : this.rows) {
			sum += this.scorer.score(row);
		}
		return sum;
	}

	/**
	 * As a LightGBM text model: {@code x < t} is {@code x <= nextDown(t)}, missing type NaN with the default way of
	 * the split, the base added to the first tree's leaves (where LightGBM keeps its initial score).
	 */
	private static String lightgbm(TreeEnsemble ensemble, List<Feature> features) {
		List<String> names = features.stream().map(Feature::name).toList();
		StringBuilder trees = new StringBuilder();
		for (int t = 0; t < ensemble.trees().size(); t++) {
			Walk walk = new Walk(ensemble.trees().get(t));
			StringBuilder feature = new StringBuilder();
			StringBuilder threshold = new StringBuilder();
			StringBuilder decision = new StringBuilder();
			StringBuilder left = new StringBuilder();
			StringBuilder right = new StringBuilder();
			for (TreeEnsemble.NumericSplit split : walk.splits) {
				feature.append(names.indexOf(split.feature())).append(' ');
				threshold.append(Math.nextDown(split.threshold())).append(' ');
				decision.append(8 | ((split.missing() == TreeEnsemble.Branch.YES) ? 2 : 0)).append(' ');
				left.append(walk.child(split.yes())).append(' ');
				right.append(walk.child(split.no())).append(' ');
			}
			StringBuilder leaves = new StringBuilder();
			for (TreeEnsemble.Leaf leaf : walk.leaves) {
				leaves.append((t == 0) ? leaf.value() + ensemble.base() : leaf.value()).append(' ');
			}
			trees.append("Tree=").append(t).append("\nnum_leaves=").append(walk.leaves.size())
				.append("\nnum_cat=0\nsplit_feature=").append(feature.toString().strip())
				.append("\nthreshold=").append(threshold.toString().strip())
				.append("\ndecision_type=").append(decision.toString().strip())
				.append("\nleft_child=").append(left.toString().strip())
				.append("\nright_child=").append(right.toString().strip())
				.append("\nleaf_value=").append(leaves.toString().strip())
				.append("\nis_linear=0\nshrinkage=1\n\n\n");
		}
		return "tree\nversion=v4\nnum_class=1\nnum_tree_per_iteration=1\nlabel_index=0\nmax_feature_idx="
				+ (names.size() - 1) + "\nobjective=binary sigmoid:1\nfeature_names=" + String.join(" ", names)
				+ "\nfeature_infos=" + "[-10:10] ".repeat(names.size()).strip() + "\n\n" + trees
				+ "end of trees\n\npandas_categorical:null\n";
	}

	/** As a scikit-learn tree dump: {@code x < t} is {@code x <= nextDown(t)}, no float32 cast. */
	private static String sklearn(TreeEnsemble ensemble, List<Feature> features) {
		List<String> names = features.stream().map(Feature::name).toList();
		StringBuilder trees = new StringBuilder();
		for (TreeEnsemble.Tree tree : ensemble.trees()) {
			Map<Integer, TreeEnsemble.Node> byId = new HashMap<>();
			tree.nodes().forEach((node) -> byId.put(node.id(), node));
			List<TreeEnsemble.Node> order = new ArrayList<>();
			Map<Integer, Integer> number = new HashMap<>();
			Deque<Integer> queue = new ArrayDeque<>(List.of(0));
			while (!queue.isEmpty()) {
				TreeEnsemble.Node node = byId.get(queue.removeFirst());
				number.put(node.id(), order.size());
				order.add(node);
				if (node instanceof TreeEnsemble.NumericSplit split) {
					queue.add(split.yes());
					queue.add(split.no());
				}
			}
			List<String> feature = new ArrayList<>();
			List<String> threshold = new ArrayList<>();
			List<String> left = new ArrayList<>();
			List<String> right = new ArrayList<>();
			List<String> value = new ArrayList<>();
			List<String> missing = new ArrayList<>();
			for (TreeEnsemble.Node node : order) {
				if (node instanceof TreeEnsemble.NumericSplit split) {
					feature.add(Integer.toString(names.indexOf(split.feature())));
					threshold.add(Double.toString(Math.nextDown(split.threshold())));
					left.add(Integer.toString(number.get(split.yes())));
					right.add(Integer.toString(number.get(split.no())));
					value.add("null");
					missing.add(Boolean.toString(split.missing() == TreeEnsemble.Branch.YES));
				}
				else {
					feature.add("-1");
					threshold.add("null");
					left.add("-1");
					right.add("-1");
					value.add(Double.toString(((TreeEnsemble.Leaf) node).value()));
					missing.add("false");
				}
			}
			trees.append((trees.length() == 0) ? "" : ",").append("{\"feature\":[").append(String.join(",", feature))
				.append("],\"threshold\":[").append(String.join(",", threshold))
				.append("],\"left\":[").append(String.join(",", left))
				.append("],\"right\":[").append(String.join(",", right))
				.append("],\"value\":[").append(String.join(",", value))
				.append("],\"missing_go_left\":[").append(String.join(",", missing)).append("]}");
		}
		return "{\"format\":\"zoo-tree-ensemble/1\",\"estimator\":\"HistGradientBoostingClassifier\",\"task\":\"binary\","
				+ "\"input\":{\"features\":[\"" + String.join("\",\"", names) + "\"],"
				+ "\"cast_to_float32_before_split\":false},\"preprocessing\":{},"
				+ "\"aggregation\":{\"type\":\"sum\",\"init\":" + ensemble.base() + ",\"learning_rate\":1.0},"
				+ "\"trees\":[" + trees + "]}";
	}

	/** A numeric tree's splits and leaves in LightGBM's numbering: a child is a split index or ~leaf index. */
	private static final class Walk {

		final List<TreeEnsemble.NumericSplit> splits = new ArrayList<>();

		final List<TreeEnsemble.Leaf> leaves = new ArrayList<>();

		private final Map<Integer, Integer> index = new HashMap<>();

		Walk(TreeEnsemble.Tree tree) {
			Map<Integer, TreeEnsemble.Node> byId = new HashMap<>();
			tree.nodes().forEach((node) -> byId.put(node.id(), node));
			Deque<Integer> queue = new ArrayDeque<>(List.of(0));
			while (!queue.isEmpty()) {
				TreeEnsemble.Node node = byId.get(queue.removeFirst());
				if (node instanceof TreeEnsemble.NumericSplit split) {
					this.index.put(node.id(), this.splits.size());
					this.splits.add(split);
					queue.add(split.yes());
					queue.add(split.no());
				}
				else {
					this.index.put(node.id(), ~this.leaves.size());
					this.leaves.add((TreeEnsemble.Leaf) node);
				}
			}
		}

		int child(int id) {
			return this.index.get(id);
		}

	}

}
