package io.ratchet.model;

import java.nio.file.Path;
import java.util.List;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.Task;

/**
 * ONNX models for tests: the churn logistic model of {@link Fixtures#churnLogit} as an
 * ONNX graph, and model files of kind {@code onnx} naming any graph.
 */
public final class OnnxFixtures {

	private OnnxFixtures() {
	}

	/**
	 * The churn logistic model as a graph over a float input {@code [rows, 3]}:
	 * tenure_months (NaN imputed with 12), then one-hot plan=basic and plan=pro. Linear
	 * churn: z = -1.2 - 0.8 (x - 12) / 5 + (basic 0.3, pro -0.2, else 0.05) = 0.77 - 0.16
	 * x + 0.25 basic - 0.25 pro.
	 */
	public static OnnxGraphs churnGraph() {
		return OnnxGraphs.logistic(new float[] { -0.16f, 0.25f, -0.25f }, 0.77f, new float[] { 12, 0, 0 });
	}

	/**
	 * The mapping of {@link #churnGraph()}: one float input, tenure then one-hot plan.
	 */
	public static List<OnnxModel.Input> churnInputs() {
		return List
			.of(new OnnxModel.Input("input", OnnxModel.ElementType.FLOAT, List.of(new OnnxModel.Value("tenure_months"),
					new OnnxModel.Indicator("plan", "basic"), new OnnxModel.Indicator("plan", "pro"))));
	}

	/**
	 * Writes {@code
	 *
	<dir>
	 * /<name>-v<version>.onnx} and the model file naming it,
	 * {@code <name>-v<version>.json}, and returns the model file.
	 */
	public static Path write(Path dir, String name, String version, DatasetConfig dataset, OnnxGraphs graph,
			List<OnnxModel.Input> inputs, OnnxModel.Output output) {
		String stem = name + "-v" + version;
		byte[] bytes = graph.bytes();
		graph.write(dir.resolve(stem + ".onnx"));
		Link link = (dataset.task() == Task.BINARY) ? Link.LOGISTIC : Link.IDENTITY;
		OnnxModel model = new OnnxModel(link, stem + ".onnx", ModelFiles.sha256(bytes), inputs, output,
				java.util.Map.of());
		return Fixtures.write(dir, stem + ".json",
				ModelFiles.toJson(name, version, dataset.name(), dataset.task(), model));
	}

	/** The churn ONNX model, {@code churn-onnx@<version>}, written to {@code dir}. */
	public static ModelVersion churn(Path dir, String version) {
		return ModelFiles.load(write(dir, "churn-onnx", version, Fixtures.churn(), churnGraph(), churnInputs(),
				new OnnxModel.Output("probabilities", 1)));
	}

}
