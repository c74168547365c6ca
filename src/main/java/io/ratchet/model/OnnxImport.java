package io.ratchet.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxModelMetadata;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.ratchet.data.DatasetConfig;
import io.ratchet.data.Task;

/**
 * Imports an ONNX file as a model version of a dataset:
 * {@code <models>/<name>-v<version>.onnx} (a copy), {@code <name>-v<version>.json} (kind
 * {@code onnx}: the copy's SHA-256, the input mapping, the output) and its regression
 * cases. Everything is made and checked in a folder beside {@code <models>} (the ONNX
 * file loaded by ONNX Runtime, the mapping bound to the graph, the cases scored), then
 * moved in, the model file last: on any error nothing appears under {@code <models>}
 * ({@link OnnxImportFiles}).
 * <p>
 * The mapping from dataset columns to the graph's inputs ({@link OnnxInputMapping}) is
 * inferred when it can be:
 * <ul>
 * <li>every input of the graph is named after a dataset feature and takes one column
 * ({@code [rows]} or {@code [rows, 1]}), as a converted pipeline with one input per
 * column has;</li>
 * <li>the graph has one float or double input of {@code [rows, k]} and the dataset has
 * {@code k} features: they go in the dataset's order.</li>
 * </ul>
 * Otherwise {@link Request#inputs()} lists the columns of the graph's single input in
 * order: {@code feature} (a number, a category code, or in a string input the level
 * itself) or {@code feature=level} (a one-hot indicator). A categorical feature given to
 * a numeric input as a code needs its levels in code order ({@link Request#codes()}). The
 * output ({@link OnnxOutputChoice}) is the only float or double tensor output, read at
 * column 1 when it has two columns and the task is binary (the positive class of
 * {@code [rows, 2]} probabilities) and column 0 otherwise, unless
 * {@link Request#output()} names it ({@code name} or {@code name:column}).
 */
public final class OnnxImport {

	/** The value of {@code jobs/import-model --format} for ONNX files. */
	public static final String FORMAT = "onnx";

	private OnnxImport() {
	}

	/**
	 * What to import.
	 *
	 * @param onnxFile the ONNX file
	 * @param name the model's name, or {@code null} for the file's name without
	 * {@code .onnx}
	 * @param version the version
	 * @param inputs the columns of the graph's single input in order, or {@code null} to
	 * infer the mapping
	 * @param codes per categorical feature given as a code, its levels in code order (may
	 * be empty)
	 * @param output {@code name} or {@code name:column} of the output that is the score,
	 * or {@code null} to infer it
	 * @param threshold the version's decision threshold, or {@code null} for none (the
	 * configured default applies)
	 */
	public record Request(Path onnxFile, String name, String version, List<String> inputs,
			Map<String, List<String>> codes, String output, Double threshold) {

		public Request {
			inputs = (inputs != null) ? List.copyOf(inputs) : null;
			codes = Map.copyOf(codes);
		}

		/** A request without a decision threshold. */
		public Request(Path onnxFile, String name, String version, List<String> inputs, Map<String, List<String>> codes,
				String output) {
			this(onnxFile, name, version, inputs, codes, output, null);
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
	 * @throws ModelFileException naming the ONNX file when it cannot be read or loaded,
	 * or the mapping when it cannot be inferred or does not fit the graph or the dataset,
	 * or the target when it exists already
	 */
	public static Imported importModel(Request request, DatasetConfig dataset, Path modelsDir) {
		Path source = request.onnxFile();
		String name = request.modelName();
		if (!ModelVersion.IDENTIFIER.matcher(name).matches()
				|| !ModelVersion.IDENTIFIER.matcher(request.version()).matches()) {
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
			List<OnnxModel.Input> inputs = new OnnxInputMapping(source, dataset, request.codes()).inputs(graphInputs,
					request.inputs());
			OnnxModel.Output output = OnnxOutputChoice.of(source, dataset.task(), dataset.classes(), graphOutputs,
					request.output());
			Link link = (dataset.task() == Task.BINARY) ? Link.LOGISTIC : Link.IDENTITY;
			OnnxModel model;
			try {
				model = new OnnxModel(link, onnxFile.getFileName().toString(), sha256, inputs, output,
						training(source, session.getMetadata()));
			}
			catch (InvalidModelException ex) {
				throw new ModelFileException(source, 0, "the mapping is not valid: " + ex.getMessage(), ex);
			}
			json = ModelFiles.toJson(name, request.version(), dataset.name(), dataset.task(), model,
					request.threshold());
		}
		catch (OrtException ex) {
			throw new ModelFileException(source, 0,
					"ONNX Runtime cannot describe its inputs and outputs: " + ex.getMessage(), ex);
		}
		return OnnxImportFiles.write(source, bytes, json, dataset, modelsDir, modelFile, onnxFile);
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

}
