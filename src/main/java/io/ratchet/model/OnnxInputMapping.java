package io.ratchet.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.TensorInfo;
import io.ratchet.data.DatasetConfig;
import io.ratchet.data.Feature;
import io.ratchet.data.FeatureType;

/**
 * Builds the inputs of an imported ONNX model's file from the graph, the dataset and what
 * the user said ({@link OnnxImport.Request#inputs()},
 * {@link OnnxImport.Request#codes()}). The mapping is inferred when every input of the
 * graph is named after a dataset feature and takes one column, or when the graph has one
 * float or double input with as many columns as the dataset has features (in the
 * dataset's order); otherwise the user lists the columns of the graph's single input.
 * Every refusal names the ONNX file and says what to give instead.
 */
final class OnnxInputMapping {

	private final Path source;

	private final DatasetConfig dataset;

	private final Map<String, List<String>> codes;

	private final Set<String> codesUsed = new LinkedHashSet<>();

	OnnxInputMapping(Path source, DatasetConfig dataset, Map<String, List<String>> codes) {
		this.source = source;
		this.dataset = dataset;
		this.codes = codes;
	}

	/**
	 * The inputs of the model file: the columns {@code requested} (of the graph's single
	 * input), or inferred when {@code null}.
	 */
	List<OnnxModel.Input> inputs(Map<String, NodeInfo> graph, List<String> requested) {
		List<OnnxModel.Input> inputs = (requested != null) ? given(graph, requested) : inferred(graph);
		Set<String> unused = new LinkedHashSet<>(this.codes.keySet());
		unused.removeAll(this.codesUsed);
		if (!unused.isEmpty()) {
			throw error("--codes names " + String.join(", ", unused) + ", which no column of the graph's inputs"
					+ " takes as a category code");
		}
		return inputs;
	}

	private List<OnnxModel.Input> given(Map<String, NodeInfo> graph, List<String> requested) {
		if (graph.size() != 1) {
			throw error("--inputs lists the columns of one input, but the graph has " + graph.size() + " ("
					+ OnnxGraph.describe(graph) + "); name each input after a dataset column instead, or write the"
					+ " mapping" + " in the model file (see src/main/java/io/ratchet/model/README.md)");
		}
		NodeInfo node = graph.values().iterator().next();
		OnnxModel.ElementType type = type(node);
		long width = width(node);
		if (width >= 0 && width != requested.size()) {
			throw error("input \"" + node.getName() + "\" of the graph takes " + width + " columns but --inputs"
					+ " gives " + requested.size());
		}
		List<OnnxModel.Column> columns = new ArrayList<>();
		for (String item : requested) {
			int equals = item.indexOf('=');
			if (equals > 0) {
				String feature = item.substring(0, equals);
				if (feature(feature).type() != FeatureType.CATEGORICAL) {
					throw error("--inputs " + item + ": \"" + feature + "\" is a numeric feature of dataset \""
							+ this.dataset.name() + "\"; feature=level is a one-hot column of a categorical one");
				}
				if (type == OnnxModel.ElementType.STRING) {
					throw error("--inputs " + item + ": input \"" + node.getName() + "\" holds strings, so it"
							+ " takes the level itself: give \"" + feature + "\"");
				}
				columns.add(new OnnxModel.Indicator(feature, item.substring(equals + 1)));
			}
			else {
				columns.add(column(item, type, node.getName()));
			}
		}
		return List.of(input(node.getName(), type, columns));
	}

	private List<OnnxModel.Input> inferred(Map<String, NodeInfo> graph) {
		boolean perColumn = graph.values()
			.stream()
			.allMatch((node) -> this.dataset.featureIndex(node.getName()) >= 0 && width(node) == 1);
		if (perColumn) {
			List<OnnxModel.Input> inputs = new ArrayList<>();
			for (NodeInfo node : graph.values()) {
				OnnxModel.ElementType type = type(node);
				inputs.add(input(node.getName(), type, List.of(column(node.getName(), type, node.getName()))));
			}
			return inputs;
		}
		List<Feature> features = this.dataset.features();
		if (graph.size() == 1) {
			NodeInfo node = graph.values().iterator().next();
			OnnxModel.ElementType type = type(node);
			if (width(node) == features.size()
					&& (type == OnnxModel.ElementType.FLOAT || type == OnnxModel.ElementType.DOUBLE)) {
				List<OnnxModel.Column> columns = new ArrayList<>();
				features.forEach((feature) -> columns.add(column(feature.name(), type, node.getName())));
				return List.of(input(node.getName(), type, columns));
			}
		}
		throw error("cannot tell which dataset columns go into the graph's inputs (" + OnnxGraph.describe(graph)
				+ "; dataset \"" + this.dataset.name() + "\" has " + features.size() + " features): give the"
				+ " columns of the input in order with --inputs col1,col2,... (feature=level for a one-hot"
				+ " column, and --codes 'feature=a,b,c' for a categorical feature given as a code)");
	}

	/** The column of a feature given by name alone, in an input of that type. */
	private OnnxModel.Column column(String name, OnnxModel.ElementType type, String input) {
		Feature feature = feature(name);
		if (feature.type() == FeatureType.NUMERIC) {
			if (type == OnnxModel.ElementType.STRING || type == OnnxModel.ElementType.INT64) {
				throw error("numeric feature \"" + name + "\" cannot go into input \"" + input + "\", which holds "
						+ type.key() + " (a number goes into a float or double input)");
			}
			return new OnnxModel.Value(name);
		}
		if (type == OnnxModel.ElementType.STRING) {
			return new OnnxModel.Value(name);
		}
		List<String> levels = this.codes.get(name);
		if (levels == null) {
			throw error("categorical feature \"" + name + "\" goes into " + type.key() + " input \"" + input
					+ "\" as a category code: give its levels in code order with --codes '" + name
					+ "=level0,level1,...' (or one-hot columns with --inputs ..." + name + "=level...)");
		}
		this.codesUsed.add(name);
		try {
			return new OnnxModel.Code(name, levels);
		}
		catch (InvalidModelException ex) {
			throw error("--codes " + name + ": " + ex.detail());
		}
	}

	private Feature feature(String name) {
		int index = this.dataset.featureIndex(name);
		if (index < 0) {
			throw error("\"" + name + "\" is not a feature of dataset \"" + this.dataset.name() + "\" (its features: "
					+ String.join(", ", this.dataset.features().stream().map(Feature::name).toList()) + ")");
		}
		return this.dataset.features().get(index);
	}

	private OnnxModel.Input input(String name, OnnxModel.ElementType type, List<OnnxModel.Column> columns) {
		try {
			return new OnnxModel.Input(name, type, columns);
		}
		catch (InvalidModelException ex) {
			throw error("input \"" + name + "\": " + ex.detail());
		}
	}

	private OnnxModel.ElementType type(NodeInfo node) {
		if (node.getInfo() instanceof TensorInfo info) {
			switch (info.type) {
				case FLOAT:
					return OnnxModel.ElementType.FLOAT;
				case DOUBLE:
					return OnnxModel.ElementType.DOUBLE;
				case INT64:
					return OnnxModel.ElementType.INT64;
				case STRING:
					return OnnxModel.ElementType.STRING;
				default:
					break;
			}
		}
		throw error("input \"" + node.getName() + "\" of the graph is " + node.getInfo() + ": Ratchet fills float,"
				+ " double, int64 and string tensors only");
	}

	/**
	 * The number of columns an input takes: 1 for {@code [rows]}, k for
	 * {@code [rows, k]}, -1 when free.
	 */
	private static long width(NodeInfo node) {
		if (node.getInfo() instanceof TensorInfo info) {
			long[] shape = info.getShape();
			if (shape.length == 1) {
				return 1;
			}
			if (shape.length == 2) {
				return shape[1];
			}
		}
		return -2;
	}

	private ModelFileException error(String reason) {
		return new ModelFileException(this.source, 0, reason);
	}

}
