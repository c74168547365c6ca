package io.ratchet.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.ratchet.data.DatasetConfig;
import io.ratchet.model.OnnxImport;

/**
 * The ONNX branch of {@code jobs/import-model}: {@code --format onnx} (or a file ending
 * in {@code .onnx}) with {@code --name N}, {@code --inputs col1,col2,...},
 * {@code --codes 'feature=a,b;feature2=c,d'} and {@code --output name[:column]}; the work
 * is {@link OnnxImport}'s.
 */
final class OnnxModelImport {

	private OnnxModelImport() {
	}

	/** Whether the command line asks for an ONNX import. */
	static boolean wanted(String format, Path file) {
		String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
		return OnnxImport.FORMAT.equals(format) || (format == null && name.endsWith(".onnx"));
	}

	/** Refuses the ONNX options on another import. */
	static void refuseOptions(ImportModelCommand.Arguments arguments) {
		refuse("inputs", arguments.inputs());
		refuse("codes", arguments.codes());
		refuse("output", arguments.output());
	}

	private static void refuse(String option, String value) {
		if (value != null) {
			throw new UsageException("--" + option + " applies to ONNX models only (--format onnx)");
		}
	}

	/** Imports the ONNX model and says what it wrote; registering it is the command's. */
	static OnnxImport.Imported run(ImportModelCommand.Arguments arguments, DatasetConfig dataset, Path file,
			String version, Double threshold, Path modelsDir, PrintStream out) {
		String name = (arguments.name() != null) ? Names.model(arguments.name()) : null;
		List<String> inputs = (arguments.inputs() != null) ? list("inputs", arguments.inputs()) : null;
		OnnxImport.Imported imported = OnnxImport.importModel(new OnnxImport.Request(file, name, version, inputs,
				codes(arguments.codes()), arguments.output(), threshold), dataset, modelsDir);
		out.println("Wrote " + imported.modelFile() + " (" + imported.version().key() + ", sha256 "
				+ imported.version().sha256() + ImportModelCommand.describeThreshold(imported.version()) + "), "
				+ imported.onnxFile().getFileName() + " and its regression cases "
				+ imported.casesFile().getFileName());
		return imported;
	}

	/** {@code feature=a,b;feature2=c} as a map of each feature's levels in code order. */
	static Map<String, List<String>> codes(String text) {
		Map<String, List<String>> codes = new LinkedHashMap<>();
		if (text == null) {
			return codes;
		}
		for (String part : text.split(";")) {
			int equals = part.indexOf('=');
			if (equals <= 0) {
				throw new UsageException(
						"--codes '" + part + "': give feature=level0,level1,... (features separated" + " by ';')");
			}
			String feature = part.substring(0, equals).strip();
			if (codes.put(feature, list("codes " + feature, part.substring(equals + 1))) != null) {
				throw new UsageException("--codes gives feature " + feature + " twice");
			}
		}
		return codes;
	}

	private static List<String> list(String option, String text) {
		List<String> items = Arrays.asList(text.split(",", -1));
		if (items.stream().anyMatch(String::isEmpty)) {
			throw new UsageException("--" + option + " '" + text + "' has an empty item");
		}
		return items;
	}

}
