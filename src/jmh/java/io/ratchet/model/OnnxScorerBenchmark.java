package io.ratchet.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.ratchet.bench.CorpusGenerator;
import io.ratchet.data.DatasetConfig;
import io.ratchet.data.DatasetConfigs;
import io.ratchet.data.MonthFileReader;
import io.ratchet.data.Row;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The bench corpus's tree ensemble (100 trees of depth 6, {@code bench-gbt@1}) and its twin in ONNX (the same trees
 * as an {@code ai.onnx.ml} TreeEnsembleRegressor and a Sigmoid, over a float input of the 8 features the trees
 * split on), over 4,096 parsed rows: the Java scorer row by row and in blocks, the ONNX model in one block and row by
 * row. The score is nanoseconds per row. {@link #main} measures the same (and the logistic model, row by row and in
 * blocks) as CPU time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class OnnxScorerBenchmark {

	static final int ROWS = 4096;

	private Scorer trees;

	private Scorer logit;

	private Scorer onnx;

	private List<Row> rows;

	private double[] scores;

	@Setup
	public void setUp() throws IOException {
		Path folder = Files.createTempDirectory("ratchet-jmh-onnx");
		new CorpusGenerator(7).write(folder, ROWS * (long) CorpusGenerator.MONTHS);
		DatasetConfig dataset = DatasetConfigs.load(folder.resolve("config"), CorpusGenerator.DATASET);
		ModelVersion gbt = ModelCatalogue.scan(folder.resolve("config").resolve("models")).get("bench-gbt@1");
		this.trees = gbt.bind(dataset);
		this.logit = ModelCatalogue.scan(folder.resolve("config").resolve("models")).get("bench-logit@1").bind(dataset);
		ModelVersion twin = ModelFiles.load(onnxTwin((TreeEnsemble) gbt.definition(), dataset,
				folder.resolve("onnx")));
		this.onnx = twin.bind(dataset);
		List<Row> parsed = new ArrayList<>();
		new MonthFileReader(dataset).read(
				folder.resolve("data").resolve(CorpusGenerator.DATASET).resolve(CorpusGenerator.LAST_MONTH + ".csv"),
				null, parsed::add, (rejection) -> {
				});
		this.rows = parsed;
		this.scores = new double[parsed.size()];
		// the twin agrees with the Java scorer within float32 (thresholds and sums in float32)
		this.onnx.scoreBatch(this.rows, this.scores);
		for (int i = 0; i < this.rows.size(); i++) {
			double java = this.trees.score(this.rows.get(i));
			if (Math.abs(java - this.scores[i]) > 1e-3) {
				throw new IllegalStateException("row " + i + ": Java " + java + ", ONNX " + this.scores[i]);
			}
		}
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.onnx.close();
	}

	@Benchmark
	@OperationsPerInvocation(ROWS)
	public double treesRowByRow() {
		return rowByRow(this.trees);
	}

	@Benchmark
	@OperationsPerInvocation(ROWS)
	public double treesInBlocks() {
		return inBlocks(this.trees);
	}

	@Benchmark
	@OperationsPerInvocation(ROWS)
	public double onnxInBlocks() {
		return inBlocks(this.onnx);
	}

	@Benchmark
	@OperationsPerInvocation(ROWS)
	public double onnxRowByRow() {
		return rowByRow(this.onnx);
	}

	private double rowByRow(Scorer scorer) {
		double sum = 0;
		for (Row row : this.rows) {
			sum += scorer.score(row);
		}
		return sum;
	}

	/**
	 * The same four measurements as CPU time of the calling thread (ONNX Runtime runs on it), best of {@code args[0]}
	 * (default 15) passes over the rows, after warming up: steadier than wall time on a machine shared with other
	 * work. Prints nanoseconds per row.
	 */
	public static void main(String[] args) throws IOException {
		int passes = (args.length > 0) ? Integer.parseInt(args[0]) : 15;
		OnnxScorerBenchmark bench = new OnnxScorerBenchmark();
		bench.setUp();
		java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
		Map<String, java.util.function.DoubleSupplier> variants = new LinkedHashMap<>();
		variants.put("logitRowByRow", () -> bench.rowByRow(bench.logit));
		variants.put("logitInBlocks", () -> bench.inBlocks(bench.logit));
		variants.put("treesRowByRow", bench::treesRowByRow);
		variants.put("treesInBlocks", bench::treesInBlocks);
		variants.put("onnxInBlocks", bench::onnxInBlocks);
		variants.put("onnxRowByRow", bench::onnxRowByRow);
		double sink = 0;
		for (Map.Entry<String, java.util.function.DoubleSupplier> variant : variants.entrySet()) {
			long best = Long.MAX_VALUE;
			for (int pass = 0; pass < passes + 5; pass++) {
				long start = cpu.getCurrentThreadCpuTime();
				sink += variant.getValue().getAsDouble();
				long spent = cpu.getCurrentThreadCpuTime() - start;
				if (pass >= 5) {
					best = Math.min(best, spent);
				}
			}
			System.out.printf(java.util.Locale.ROOT, "%-14s %,10.0f ns/row (CPU, best of %d)%n", variant.getKey(),
					(double) best / ROWS, passes);
		}
		bench.tearDown();
		System.out.println((sink != 0) ? "" : " ");
	}

	/** As the jobs score: a {@link BlockScorer} handing each row and its score to a sink. */
	private double inBlocks(Scorer scorer) {
		double[] sum = new double[1];
		BlockScorer blocks = new BlockScorer(new Scorer[] { scorer }, (row, scores) -> sum[0] += scores[0]);
		for (Row row : this.rows) {
			blocks.add(row);
		}
		blocks.flush();
		return sum[0];
	}

	/**
	 * Writes the ensemble as an ONNX graph (TreeEnsembleRegressor, then Sigmoid) and its model file; returns the
	 * model file.
	 */
	static Path onnxTwin(TreeEnsemble ensemble, DatasetConfig dataset, Path folder) {
		Map<String, Integer> columns = new LinkedHashMap<>();
		ensemble.features().forEach((feature) -> columns.put(feature, columns.size()));
		List<Long> treeIds = new ArrayList<>();
		List<Long> nodeIds = new ArrayList<>();
		List<Long> featureIds = new ArrayList<>();
		List<String> modes = new ArrayList<>();
		List<Float> values = new ArrayList<>();
		List<Long> yes = new ArrayList<>();
		List<Long> no = new ArrayList<>();
		List<Long> missingYes = new ArrayList<>();
		List<Long> targetTrees = new ArrayList<>();
		List<Long> targetNodes = new ArrayList<>();
		List<Float> weights = new ArrayList<>();
		for (int t = 0; t < ensemble.trees().size(); t++) {
			for (TreeEnsemble.Node node : ensemble.trees().get(t).nodes()) {
				treeIds.add((long) t);
				nodeIds.add((long) node.id());
				if (node instanceof TreeEnsemble.NumericSplit split) {
					featureIds.add((long) columns.get(split.feature()));
					modes.add("BRANCH_LT");
					values.add((float) split.threshold());
					yes.add((long) split.yes());
					no.add((long) split.no());
					missingYes.add((split.missing() == TreeEnsemble.Branch.YES) ? 1L : 0L);
				}
				else {
					featureIds.add(0L);
					modes.add("LEAF");
					values.add(0f);
					yes.add(0L);
					no.add(0L);
					missingYes.add(0L);
					targetTrees.add((long) t);
					targetNodes.add((long) node.id());
					weights.add((float) ((TreeEnsemble.Leaf) node).value());
				}
			}
		}
		OnnxGraphs graph = OnnxGraphs.graph()
			.input("input", OnnxGraphs.FLOAT, "N", columns.size())
			.node("ai.onnx.ml", "TreeEnsembleRegressor", List.of("input"), List.of("z"),
					OnnxGraphs.intsAttribute("nodes_treeids", longs(treeIds)),
					OnnxGraphs.intsAttribute("nodes_nodeids", longs(nodeIds)),
					OnnxGraphs.intsAttribute("nodes_featureids", longs(featureIds)),
					OnnxGraphs.stringsAttribute("nodes_modes", modes.toArray(String[]::new)),
					OnnxGraphs.floatsAttribute("nodes_values", floats(values)),
					OnnxGraphs.intsAttribute("nodes_truenodeids", longs(yes)),
					OnnxGraphs.intsAttribute("nodes_falsenodeids", longs(no)),
					OnnxGraphs.intsAttribute("nodes_missing_value_tracks_true", longs(missingYes)),
					OnnxGraphs.intsAttribute("target_treeids", longs(targetTrees)),
					OnnxGraphs.intsAttribute("target_nodeids", longs(targetNodes)),
					OnnxGraphs.intsAttribute("target_ids", new long[targetTrees.size()]),
					OnnxGraphs.floatsAttribute("target_weights", floats(weights)),
					OnnxGraphs.floatsAttribute("base_values", (float) ensemble.base()),
					OnnxGraphs.intAttribute("n_targets", 1))
			.node("Sigmoid", List.of("z"), List.of("p"))
			.output("p", OnnxGraphs.FLOAT, "N", 1);
		List<OnnxModel.Column> mapped = new ArrayList<>();
		columns.keySet().forEach((feature) -> mapped.add(new OnnxModel.Value(feature)));
		return OnnxFixtures.write(folder, "bench-gbt-onnx", "1", dataset, graph,
				List.of(new OnnxModel.Input("input", OnnxModel.ElementType.FLOAT, mapped)),
				new OnnxModel.Output("p", 0));
	}

	private static long[] longs(List<Long> values) {
		return values.stream().mapToLong(Long::longValue).toArray();
	}

	private static float[] floats(List<Float> values) {
		float[] array = new float[values.size()];
		for (int i = 0; i < array.length; i++) {
			array[i] = values.get(i);
		}
		return array;
	}

}
