package io.ratchet.model;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

/**
 * The inputs and outputs of an ONNX graph as ONNX Runtime describes them, and the checks
 * of a model file's mapping against them: every input of the graph is mapped and nothing
 * else, with its element type, a rank of 1 or 2, a free first (row) dimension and as many
 * columns as the mapping gives; the output exists, is a float or double tensor with a
 * free first dimension, and has the column named. A mismatch names the model file and the
 * ONNX file.
 */
record OnnxGraph(Map<String, NodeInfo> inputs, Map<String, NodeInfo> outputs, Path onnxFile) {

	/** Describes the inputs and outputs of a session's graph. */
	static OnnxGraph of(OrtSession session, Path onnxFile) {
		try {
			return new OnnxGraph(session.getInputInfo(), session.getOutputInfo(), onnxFile);
		}
		catch (OrtException ex) {
			throw new ModelFileException(onnxFile, 0,
					"ONNX Runtime cannot describe its inputs and outputs: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Checks that the graph has the input as mapped; returns whether it is a vector
	 * ({@code [rows]}).
	 */
	boolean checkInput(OnnxModel.Input input, Path modelFile) {
		NodeInfo node = this.inputs.get(input.name());
		if (node == null) {
			throw mismatch(modelFile, "input \"" + input.name() + "\" is not an input of the graph (its inputs: "
					+ describe(this.inputs) + ")");
		}
		if (!(node.getInfo() instanceof TensorInfo tensor)) {
			throw mismatch(modelFile,
					"input \"" + input.name() + "\" of the graph is " + node.getInfo() + ", not a tensor");
		}
		if (tensor.type != javaType(input.type())) {
			throw mismatch(modelFile, "input \"" + input.name() + "\" of the graph holds " + typeName(tensor.type)
					+ ", not " + input.type().key());
		}
		long[] shape = tensor.getShape();
		int width = input.columns().size();
		boolean fits = (shape.length == 1) ? width == 1 : shape.length == 2 && (shape[1] < 0 || shape[1] == width);
		if (!fits) {
			throw mismatch(modelFile, "input \"" + input.name() + "\" of the graph has shape " + shape(shape)
					+ " but the model file maps " + width + " column" + ((width == 1) ? "" : "s") + " to it");
		}
		if (shape[0] >= 0) {
			throw mismatch(modelFile,
					"input \"" + input.name() + "\" of the graph has a fixed number of rows (" + shape[0]
							+ "): export the model with a free first dimension (e.g. [None, " + width
							+ "]) so that rows can be scored in blocks");
		}
		return shape.length == 1;
	}

	/** Checks that every input of the graph is mapped in the model file. */
	void checkEveryInputMapped(OnnxModel model, Path modelFile) {
		for (String name : this.inputs.keySet()) {
			if (model.inputs().stream().noneMatch((input) -> input.name().equals(name))) {
				throw mismatch(modelFile,
						"the graph's input \"" + name + "\" is not mapped to dataset columns in" + " the model file");
			}
		}
	}

	/**
	 * Checks that the graph has the output as named, a float or double tensor with the
	 * column.
	 */
	void checkOutput(OnnxModel.Output output, Path modelFile) {
		NodeInfo node = this.outputs.get(output.name());
		if (node == null) {
			throw mismatch(modelFile, "output \"" + output.name() + "\" is not an output of the graph (its"
					+ " outputs: " + describe(this.outputs) + ")");
		}
		if (!(node.getInfo() instanceof TensorInfo tensor)
				|| (tensor.type != OnnxJavaType.FLOAT && tensor.type != OnnxJavaType.DOUBLE)) {
			throw mismatch(modelFile,
					"output \"" + output.name() + "\" of the graph is " + describe(node)
							+ ", not a float or double tensor"
							+ (node.getInfo() instanceof TensorInfo ? ""
									: " (a sequence of maps is a classifier's ZipMap: convert with zipmap=False and use"
											+ " its probability tensor)"));
		}
		long[] shape = tensor.getShape();
		int k = output.classes().size();
		if (k > 0 && !(shape.length == 2 && (shape[1] < 0 || shape[1] == k))) {
			throw mismatch(modelFile, "output \"" + output.name() + "\" of the graph has shape " + shape(shape)
					+ ": a multiclass model of " + k + " classes " + output.classes() + " needs [rows, " + k + "]");
		}
		boolean fits = (shape.length == 1) ? output.column() == 0
				: shape.length == 2 && (shape[1] < 0 || output.column() < shape[1]);
		if (!fits) {
			throw mismatch(modelFile, "output \"" + output.name() + "\" of the graph has shape " + shape(shape)
					+ ": it has no column " + output.column() + " (expected [rows] or [rows, k] with column < k)");
		}
	}

	private ModelFileException mismatch(Path modelFile, String reason) {
		return new ModelFileException(modelFile, 0,
				"does not fit its ONNX file " + this.onnxFile.getFileName() + ": " + reason);
	}

	private static OnnxJavaType javaType(OnnxModel.ElementType type) {
		return switch (type) {
			case FLOAT -> OnnxJavaType.FLOAT;
			case DOUBLE -> OnnxJavaType.DOUBLE;
			case INT64 -> OnnxJavaType.INT64;
			case STRING -> OnnxJavaType.STRING;
		};
	}

	/**
	 * Inputs or outputs of a graph as messages show them:
	 * {@code input float [?, 34], label int64 [?]}.
	 */
	static String describe(Map<String, NodeInfo> nodes) {
		return String.join(", ", nodes.values().stream().map(OnnxGraph::describe).toList());
	}

	static String describe(NodeInfo node) {
		if (node.getInfo() instanceof TensorInfo tensor) {
			return node.getName() + " " + typeName(tensor.type) + " " + shape(tensor.getShape());
		}
		return node.getName() + " " + node.getInfo();
	}

	private static String shape(long[] shape) {
		return Arrays.toString(Arrays.stream(shape).mapToObj((d) -> (d < 0) ? "?" : Long.toString(d)).toArray());
	}

	private static String typeName(OnnxJavaType type) {
		return type.toString().toLowerCase(Locale.ROOT);
	}

}
