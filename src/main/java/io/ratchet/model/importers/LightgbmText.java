package io.ratchet.model.importers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.ratchet.model.ModelFileException;

/**
 * A LightGBM text model ({@code Booster.save_model("m.txt")}) split into its sections,
 * each line kept with its line number for messages: the header ({@code key=value} lines
 * before the first tree), one map per {@code Tree=} block, then, after
 * {@code end of trees}, the training parameters ({@code [key: value]}) and the
 * {@code pandas_categorical} line. Its helpers read a value as a number or a whole
 * number, or fail naming the file and the line.
 */
final class LightgbmText {

	/** A {@code key=value} line of the file. */
	record Field(String value, int line) {
	}

	private final Path file;

	private final int lineCount;

	private final Map<String, Field> header = new LinkedHashMap<>();

	private final List<Map<String, Field>> trees = new ArrayList<>();

	private final List<Integer> treeLines = new ArrayList<>();

	private final Map<String, Field> parameters = new LinkedHashMap<>();

	private Field pandas;

	private LightgbmText(Path file, int lineCount) {
		this.file = file;
		this.lineCount = lineCount;
	}

	/**
	 * Splits the text of a model file into its sections.
	 * @throws ModelFileException naming the file when it is not a LightGBM text model or
	 * ends before {@code end of trees}
	 */
	static LightgbmText parse(Path file, String text) {
		List<String> lines = text.lines().toList();
		LightgbmText parsed = new LightgbmText(file, lines.size());
		if (lines.isEmpty() || !lines.get(0).strip().equals("tree")) {
			throw new ModelFileException(file, 1, "not a LightGBM text model (its first line is \"tree\")");
		}
		int i = 1;
		for (; i < lines.size() && !lines.get(i).startsWith("Tree="); i++) {
			put(parsed.header, lines.get(i), i + 1);
		}
		boolean ended = false;
		for (; i < lines.size(); i++) {
			String line = lines.get(i);
			if (line.startsWith("Tree=")) {
				parsed.trees.add(new LinkedHashMap<>());
				parsed.treeLines.add(i + 1);
			}
			else if (line.strip().equals("end of trees")) {
				ended = true;
				break;
			}
			else if (!line.isBlank()) {
				put(parsed.trees.get(parsed.trees.size() - 1), line, i + 1);
			}
		}
		if (!ended) {
			throw new ModelFileException(file, lines.size(),
					"the file ends before \"end of trees\" (is it" + " truncated?)");
		}
		for (i++; i < lines.size(); i++) {
			String line = lines.get(i).strip();
			if (line.startsWith("[") && line.endsWith("]") && line.contains(": ")) {
				int colon = line.indexOf(": ");
				parsed.parameters.put(line.substring(1, colon),
						new Field(line.substring(colon + 2, line.length() - 1), i + 1));
			}
			else if (line.startsWith("pandas_categorical:")) {
				parsed.pandas = new Field(line.substring("pandas_categorical:".length()), i + 1);
			}
		}
		return parsed;
	}

	private static void put(Map<String, Field> fields, String line, int number) {
		int equals = line.indexOf('=');
		if (equals < 0) {
			// a flag such as average_output
			fields.put(line.strip(), new Field("", number));
		}
		else {
			fields.put(line.substring(0, equals), new Field(line.substring(equals + 1), number));
		}
	}

	Path file() {
		return this.file;
	}

	/** The number of lines of the file. */
	int lineCount() {
		return this.lineCount;
	}

	/** The {@code key=value} lines before the first tree. */
	Map<String, Field> header() {
		return this.header;
	}

	/** The lines of each {@code Tree=} block, in order. */
	List<Map<String, Field>> trees() {
		return this.trees;
	}

	/** The line of the {@code Tree=} line of tree {@code t}. */
	int treeLine(int t) {
		return this.treeLines.get(t);
	}

	/** The training parameters after {@code end of trees}. */
	Map<String, Field> parameters() {
		return this.parameters;
	}

	/** The {@code pandas_categorical} line, or {@code null}. */
	Field pandas() {
		return this.pandas;
	}

	Field required(Map<String, Field> fields, String key, int line) {
		Field field = fields.get(key);
		if (field == null) {
			throw error(line, "no \"" + key + "=\" line");
		}
		return field;
	}

	long integer(Field field, String what) {
		try {
			return Long.parseLong(field.value().strip());
		}
		catch (NumberFormatException ex) {
			throw error(field.line(), what + ": \"" + field.value() + "\" is not a whole number");
		}
	}

	double number(Field field, String what) {
		try {
			return Double.parseDouble(field.value().strip());
		}
		catch (NumberFormatException ex) {
			throw error(field.line(), what + ": \"" + field.value() + "\" is not a number");
		}
	}

	ModelFileException error(int line, String reason) {
		return new ModelFileException(this.file, line, reason);
	}

}
