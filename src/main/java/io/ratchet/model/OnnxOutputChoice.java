package io.ratchet.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.TensorInfo;
import io.ratchet.data.Task;

/**
 * Which output of an imported ONNX graph is the score: the one named ({@code name} or
 * {@code name:column}), else the only float or double tensor output, read at column 1
 * when it has two columns and the task is binary (the positive class of {@code [rows, 2]}
 * probabilities) and column 0 otherwise.
 */
final class OnnxOutputChoice {

	private OnnxOutputChoice() {
	}

	/**
	 * The output that gives the score, as requested or inferred; for a multiclass task,
	 * the output of the class probabilities, its columns taken to be the dataset's
	 * {@code classes} in order (a column cannot be named).
	 */
	static OnnxModel.Output of(Path source, Task task, List<String> classes, Map<String, NodeInfo> outputs,
			String requested) {
		String name;
		Integer column = null;
		if (requested != null) {
			int colon = requested.lastIndexOf(':');
			name = (colon > 0) ? requested.substring(0, colon) : requested;
			if (colon > 0) {
				try {
					column = Integer.parseInt(requested.substring(colon + 1));
				}
				catch (NumberFormatException ex) {
					throw new ModelFileException(source, 0,
							"--output " + requested + ": the column after ':' must" + " be a whole number");
				}
			}
			if (!outputs.containsKey(name)) {
				throw new ModelFileException(source, 0, "--output " + requested + ": the graph has no output \"" + name
						+ "\" (its outputs: " + OnnxGraph.describe(outputs) + ")");
			}
		}
		else {
			List<String> tensors = outputs.values()
				.stream()
				.filter((node) -> node.getInfo() instanceof TensorInfo info
						&& (info.type == OnnxJavaType.FLOAT || info.type == OnnxJavaType.DOUBLE))
				.map(NodeInfo::getName)
				.toList();
			if (tensors.size() != 1) {
				throw new ModelFileException(source, 0,
						"cannot tell which output is the score: the graph has " + tensors.size()
								+ " float or double tensor outputs (its outputs: " + OnnxGraph.describe(outputs)
								+ "); name it with --output name[:column]");
			}
			name = tensors.get(0);
		}
		long[] shape = (outputs.get(name).getInfo() instanceof TensorInfo info) ? info.getShape() : new long[0];
		if (column == null) {
			// [rows, 2] probabilities of a binary classifier: the positive class
			column = (shape.length == 2 && shape[1] == 2 && task == Task.BINARY) ? 1 : 0;
		}
		if (shape.length == 2 && shape[1] >= 0 && column >= shape[1] || shape.length == 1 && column > 0) {
			throw new ModelFileException(source, 0, "output \"" + name + "\" has no column " + column + " (its shape: "
					+ OnnxGraph.describe(Map.of(name, outputs.get(name))) + ")");
		}
		if (task == Task.MULTICLASS) {
			if (column != 0 || shape.length != 2 || shape[1] >= 0 && shape[1] != classes.size()) {
				throw new ModelFileException(source, 0, "output \"" + name + "\" must give one probability per class,"
						+ " [rows, " + classes.size() + "] for the dataset's classes " + classes + " in that order,"
						+ " without a column (its shape: " + OnnxGraph.describe(Map.of(name, outputs.get(name))) + ")");
			}
			return new OnnxModel.Output(name, 0, classes);
		}
		try {
			return new OnnxModel.Output(name, column);
		}
		catch (InvalidModelException ex) {
			throw new ModelFileException(source, 0, "--output " + requested + ": " + ex.detail());
		}
	}

}
