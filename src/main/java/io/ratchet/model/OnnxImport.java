package io.ratchet.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxModelMetadata;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.ratchet.data.DatasetConfig;
import io.ratchet.data.Feature;
import io.ratchet.data.FeatureType;
import io.ratchet.data.Task;

/**
 * Imports an ONNX file as a model version of a dataset: {@code <models>/<name>-v<version>.onnx} (a copy),
 * {@code <name>-v<version>.json} (kind {@code onnx}: the copy's SHA-256, the input mapping, the output) and its
 * regression cases. Everything is made and checked in a folder beside {@code <models>} (the ONNX file loaded by ONNX
 * Runtime, the mapping bound to the graph, the cases scored), then moved in, the model file last: on any error nothing
 * appears under {@code <models>}.
 * <p>
 * The mapping from dataset columns to the graph's inputs is inferred when it can be:
 * <ul>
 * <li>every input of the graph is named after a dataset feature and takes one column ({@code [rows]} or
 * {@code [rows, 1]}), as a converted pipeline with one input per column has;</li>
 * <li>the graph has one float or double input of {@code [rows, k]} and the dataset has {@code k} features: they go in
 * the dataset's order.</li>
 * </ul>
 * Otherwise {@link Request#inputs()} lists the columns of the graph's single input in order: {@code feature} (a number,
 * a category code, or in a string input the level itself) or {@code feature=level} (a one-hot indicator). A
 * categorical feature given to a numeric input as a code needs its levels in code order ({@link Request#codes()}).
 * The output is the only float or double tensor output, read at column 1 when it has two columns and the task is
 * binary (the positive class of {@code [rows, 2]} probabilities) and column 0 otherwise, unless
 * {@link Request#output()} names it ({@code name} or {@code name:column}).
 */
public final class OnnxImport {

	/** The value of {@code jobs/import-model --format} for ONNX files. */
	public static final String FORMAT = "onnx";

	private OnnxImport() {
	}

	/**
	 * What to import.
	 * @param onnxFile the ONNX file
	 * @param name the model's name, or {@code null} for the file's name without {@code .onnx}
	 * @param version the version
	 * @param inputs the columns of the graph's single input in order, or {@code null} to infer the mapping
	 * @param codes per categorical feature given as a code, its levels in code order (may be empty)
	 * @param output {@code name} or {@code name:column} of the output that is the score, or {@code null} to infer it
	 */
	public record Request(Path onnxFile, String name, String version, List<String> inputs,
			Map<String, List<String>> codes, String output) {

		public Request {
			inputs = (inputs != null) ? List.copyOf(inputs) : null;
			codes = Map.copyOf(codes);
		}

		/** The model's name: as given, or the file's name without {@code .onnx}. */
		String modelName() {
			if (this.name != null) {
				return this.name;
			}
			String file = this.onnxFile.getFileName().toString();
			return file.endsWith(".onnx") ? file.substring(0, file.length() - 5) : file;
		}

	}

	/** What an import wrote. */
	public record Imported(ModelVersion version, Path modelFile, Path onnxFile, Path casesFile) {
	}

	/**
	 * Imports the ONNX file.
	 * @throws ModelFileException naming the ONNX file when it cannot be read or loaded, or the mapping when it cannot
	 * be inferred or does not fit the graph or the dataset, or the target when it exists already
	 */
	public static Imported importModel(Request request, DatasetConfig dataset, Path modelsDir) {
		Path source = request.onnxFile();
		String name = request.modelName();
		if (!ModelVersion.IDENTIFIER.matcher(name).matches() || !ModelVersion.IDENTIFIER.matcher(request.version())
			.matches()) {
			throw new ModelFileException(source, 0, "\"" + name + "@" + request.version() + "\" is not a valid model"
					+ " name and version (letters, digits, '.', '_' and '-'); give another with --name or --version");
		}
		String stem = name + "-v" + request.version();
		Path modelFile = modelsDir.resolve(stem + ".json");
		Path onnxFile = modelsDir.resolve(stem + ".onnx");
		for (Path target : List.of(modelFile, onnxFile)) {
			if (Files.exists(target)) {
				throw new ModelFileException(target, 0, "already exists; give the model a new --version");
			}
		}
		byte[] bytes;
		try {
			bytes = Files.readAllBytes(source);
		}
		catch (IOException ex) {
			throw new ModelFileException(source, 0, "cannot read the ONNX file: " + ex, ex);
		}
		String sha256 = ModelFiles.sha256(bytes);
		String json;
		try (OnnxSessions.Lease lease = OnnxSessions.SHARED.lease(source, sha256, source)) {
			OrtSession session = lease.session();
			Map<String, NodeInfo> graphInputs = session.getInputInfo();
			Map<String, NodeInfo> graphOutputs = session.getOutputInfo();
			List<OnnxModel.Input> inputs = new Mapping(source, dataset, request.codes()).inputs(graphInputs,
					request.inputs());
			OnnxModel.Output output = output(source, dataset.task(), graphOutputs, request.output());
			Link link = (dataset.task() == Task.BINARY) ? Link.LOGISTIC : Link.IDENTITY;
			OnnxModel model;
			try {
				model = new OnnxModel(link, onnxFile.getFileName().toString(), sha256, inputs, output,
						training(source, session.getMetadata()));
			}
			catch (InvalidModelException ex) {
				throw new ModelFileException(source, 0, "the mapping is not valid: " + ex.getMessage(), ex);
			}
			json = ModelFiles.toJson(name, request.version(), dataset.name(), dataset.task(), model);
		}
		catch (OrtException ex) {
			throw new ModelFileException(source, 0, "ONNX Runtime cannot describe its inputs and outputs: "
					+ ex.getMessage(), ex);
		}
		return write(source, bytes, json, dataset, modelsDir, modelFile, onnxFile);
	}

	/** Makes and checks the files aside, then moves them in (the model file last). */
	private static Imported write(Path source, byte[] bytes, String json, DatasetConfig dataset, Path modelsDir,
			Path modelFile, Path onnxFile) {
		Path aside = null;
		List<Path> moved = new ArrayList<>();
		try {
			Files.createDirectories(modelsDir);
			aside = Files.createTempDirectory(modelsDir.toAbsolutePath().getParent(), ".import-");
			Path asideOnnx = Files.write(aside.resolve(onnxFile.getFileName()), bytes);
			Path asideModel = Files.writeString(aside.resolve(modelFile.getFileName()), json);
			ModelVersion checked = ModelFiles.load(asideModel);
			Path asideCases;
			try {
				checked.bind(dataset).close();
				asideCases = ModelCases.write(checked, dataset, true);
			}
			catch (ModelFileException ex) {
				// about the files made aside: name the file the user gave
				throw new ModelFileException(source, 0, ex.reason(), ex);
			}
			Path cases = modelsDir.resolve(asideCases.getFileName());
			for (Path[] move : List.of(new Path[] { asideCases, cases }, new Path[] { asideOnnx, onnxFile },
					new Path[] { asideModel, modelFile })) {
				Files.move(move[0], move[1], StandardCopyOption.ATOMIC_MOVE);
				moved.add(move[1]);
			}
			ModelVersion version = new ModelVersion(checked.name(), checked.version(), checked.dataset(),
					checked.task(), checked.kind(), checked.sha256(), modelFile, checked.definition());
			return new Imported(version, modelFile, onnxFile, cases);
		}
		catch (IOException | RuntimeException ex) {
			for (Path file : moved) {
				try {
					Files.deleteIfExists(file);
				}
				catch (IOException ignored) {
					// best effort: the error below is what matters
				}
			}
			if (ex instanceof IOException io) {
				throw new UncheckedIOException("cannot write the imported model under " + modelsDir + ": " + io, io);
			}
			throw (RuntimeException) ex;
		}
		finally {
			deleteAside(aside);
		}
	}

	private static void deleteAside(Path aside) {
		if (aside == null) {
			return;
		}
		try (var files = Files.list(aside)) {
			for (Path file : files.toList()) {
				Files.deleteIfExists(file);
			}
			Files.deleteIfExists(aside);
		}
		catch (IOException ex) {
			// a leftover folder starting with '.' beside the models folder: harmless
		}
	}

	private static Map<String, Object> training(Path source, OnnxModelMetadata metadata) throws OrtException {
		Map<String, Object> training = new LinkedHashMap<>();
		training.put("imported_from", source.getFileName().toString());
		String producer = (metadata.getProducerName() != null) ? metadata.getProducerName().strip() : "";
		if (!producer.isEmpty()) {
			training.put("onnx_producer", producer);
		}
		return training;
	}

	/** The output that gives the score, as requested or inferred. */
	static OnnxModel.Output output(Path source, Task task, Map<String, NodeInfo> outputs, String requested) {
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
					throw new ModelFileException(source, 0, "--output " + requested + ": the column after ':' must"
							+ " be a whole number");
				}
			}
			if (!outputs.containsKey(name)) {
				throw new ModelFileException(source, 0, "--output " + requested + ": the graph has no output \"" + name
						+ "\" (its outputs: " + OnnxGraph.describe(outputs) + ")");
			}
		}
		else {
			List<String> tensors = outputs.values().stream()
				.filter((node) -> node.getInfo() instanceof TensorInfo info
						&& (info.type == OnnxJavaType.FLOAT || info.type == OnnxJavaType.DOUBLE))
				.map(NodeInfo::getName)
				.toList();
			if (tensors.size() != 1) {
				throw new ModelFileException(source, 0, "cannot tell which output is the score: the graph has "
						+ tensors.size() + " float or double tensor outputs (its outputs: "
						+ OnnxGraph.describe(outputs)
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
		try {
			return new OnnxModel.Output(name, column);
		}
		catch (InvalidModelException ex) {
			throw new ModelFileException(source, 0, "--output " + requested + ": " + ex.detail());
		}
	}

	/** Builds the inputs of the model file from the graph, the dataset and what the user said. */
	private static final class Mapping {

		private final Path source;

		private final DatasetConfig dataset;

		private final Map<String, List<String>> codes;

		private final Set<String> codesUsed = new LinkedHashSet<>();

		Mapping(Path source, DatasetConfig dataset, Map<String, List<String>> codes) {
			this.source = source;
			this.dataset = dataset;
			this.codes = codes;
		}

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
						+ " mapping"
						+ " in the model file (see src/main/java/io/ratchet/model/README.md)");
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
			boolean perColumn = graph.values().stream()
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
				throw error("\"" + name + "\" is not a feature of dataset \"" + this.dataset.name()
						+ "\" (its features: "
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

		/** The number of columns an input takes: 1 for {@code [rows]}, k for {@code [rows, k]}, -1 when free. */
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

}
