package io.ratchet.model;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code kind: onnx} part of a model file: reading it strictly (through
 * {@link ModelFileReading}, which locates each problem in the file) and writing it.
 *
 * <pre>
 * "onnx": {"file": "rain-xgb-v1.onnx", "sha256": "…"},
 * "inputs": [{"name": "input", "type": "float", "columns": [
 *     {"feature": "MinTemp"},
 *     {"feature": "RainToday", "level": "Yes"},
 *     {"feature": "WindGustDir", "codes": ["E", "N"]}]}],
 * "output": {"name": "probabilities", "column": 1}
 * </pre> or, for a multiclass model, the classes of the output's columns: <pre>
 * "output": {"name": "probabilities", "classes": ["bronze", "silver", "gold"]}
 * </pre>
 */
final class OnnxModelJson {

	private OnnxModelJson() {
	}

	/** The ONNX file as written. */
	record FileJson(String file, String sha256) {
	}

	/** An input as written. */
	record InputJson(String name, String type, List<ColumnJson> columns) {
	}

	/**
	 * A column as written: {@code feature} alone, with {@code level} (indicator) or with
	 * {@code codes}.
	 */
	record ColumnJson(String feature, String level, List<String> codes) {
	}

	/** The output as written. */
	record OutputJson(String name, Integer column, List<String> classes) {
	}

	static OnnxModel read(ModelFiles.FileJson json, Link link, ModelFileReading reading) {
		String what = "an onnx model";
		LinearModelJson.notAllowed(json, what, reading);
		reading.notAllowed(json.base(), "/base", what);
		reading.notAllowed(json.trees(), "/trees", what);
		if (json.link() != null) {
			throw reading.error("/link", "field \"link\" does not belong in an onnx model: its graph computes the"
					+ " prediction itself (a probability for binary tasks, a value for regression)");
		}
		FileJson onnx = reading.required(json.onnx(), "/onnx");
		String file = reading.required(onnx.file(), "/onnx/file");
		String sha256 = reading.required(onnx.sha256(), "/onnx/sha256");
		List<InputJson> inputsJson = reading.required(json.inputs(), "/inputs");
		List<OnnxModel.Input> inputs = new ArrayList<>();
		for (int i = 0; i < inputsJson.size(); i++) {
			inputs.add(input(inputsJson.get(i), "/inputs/" + i, reading));
		}
		OutputJson outputJson = reading.required(json.output(), "/output");
		String outputName = reading.required(outputJson.name(), "/output/name");
		List<String> classes = (outputJson.classes() != null) ? outputJson.classes() : List.of();
		if (!classes.isEmpty()) {
			reading.notAllowed(outputJson.column(), "/output/column",
					"a multiclass model's output (its columns are the classes, in order)");
		}
		int column = classes.isEmpty() ? reading.required(outputJson.column(), "/output/column") : 0;
		OnnxModel.Output output = reading.build("/output", () -> new OnnxModel.Output(outputName, column, classes));
		return reading.build("", () -> new OnnxModel(link, file, sha256, inputs, output, json.training()));
	}

	private static OnnxModel.Input input(InputJson json, String at, ModelFileReading reading) {
		String name = reading.required(json.name(), at + "/name");
		String typeText = reading.required(json.type(), at + "/type");
		OnnxModel.ElementType type = reading.build(at, () -> OnnxModel.ElementType.fromKey(typeText, "/type"));
		List<ColumnJson> columnsJson = reading.required(json.columns(), at + "/columns");
		List<OnnxModel.Column> columns = new ArrayList<>();
		for (int c = 0; c < columnsJson.size(); c++) {
			ColumnJson column = columnsJson.get(c);
			String columnAt = at + "/columns/" + c;
			String feature = reading.required(column.feature(), columnAt + "/feature");
			if (column.level() != null && column.codes() != null) {
				throw reading.error(columnAt + "/codes",
						"a column is a one-hot indicator (\"level\") or a category" + " code (\"codes\"), not both");
			}
			if (column.level() != null) {
				columns.add(reading.build(columnAt, () -> new OnnxModel.Indicator(feature, column.level())));
			}
			else if (column.codes() != null) {
				columns.add(reading.build(columnAt, () -> new OnnxModel.Code(feature, column.codes())));
			}
			else {
				columns.add(new OnnxModel.Value(feature));
			}
		}
		return reading.build(at, () -> new OnnxModel.Input(name, type, columns));
	}

	/** Refuses the ONNX fields in a model of another kind. */
	static void notAllowed(ModelFiles.FileJson json, String what, ModelFileReading reading) {
		reading.notAllowed(json.onnx(), "/onnx", what);
		reading.notAllowed(json.inputs(), "/inputs", what);
		reading.notAllowed(json.output(), "/output", what);
	}

	/** Writes the ONNX fields of a model file. */
	static void write(OnnxModel model, ObjectNode root) {
		ObjectNode onnx = root.putObject("onnx");
		onnx.put("file", model.file());
		onnx.put("sha256", model.sha256());
		ArrayNode inputs = root.putArray("inputs");
		for (OnnxModel.Input input : model.inputs()) {
			ObjectNode node = inputs.addObject();
			node.put("name", input.name());
			node.put("type", input.type().key());
			ArrayNode columns = node.putArray("columns");
			for (OnnxModel.Column column : input.columns()) {
				ObjectNode item = columns.addObject();
				item.put("feature", column.feature());
				if (column instanceof OnnxModel.Indicator indicator) {
					item.put("level", indicator.level());
				}
				else if (column instanceof OnnxModel.Code code) {
					ArrayNode levels = item.putArray("codes");
					code.levels().forEach(levels::add);
				}
			}
		}
		ObjectNode output = root.putObject("output");
		output.put("name", model.output().name());
		if (model.classes().isEmpty()) {
			output.put("column", model.output().column());
		}
		else {
			ArrayNode classes = output.putArray("classes");
			model.classes().forEach(classes::add);
		}
	}

}
