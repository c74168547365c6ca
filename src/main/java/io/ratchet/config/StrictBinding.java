package io.ratchet.config;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Binds a whole JSON or YAML file to a record with the strict mapper of its
 * {@link ConfigFormat}, for the files whose shape records describe well (model files,
 * oracle exports, the registry), and finds the line of any JSON pointer so that checks
 * made after binding still name their line. Every Jackson error becomes a
 * {@link ConfigException} with the file, the line and a short cause (unknown field, wrong
 * type, syntax error).
 */
public final class StrictBinding {

	private StrictBinding() {
	}

	/**
	 * Reads {@code bytes} as a {@code type}, turning any Jackson error into a
	 * {@link ConfigException}.
	 */
	public static <T> T read(ConfigFormat format, byte[] bytes, Class<T> type, Path file) {
		if (new String(bytes, StandardCharsets.UTF_8).isBlank()) {
			throw new ConfigException(file, 0, "the file is empty");
		}
		try {
			T value = format.mapper().readValue(bytes, type);
			if (value == null) {
				throw new ConfigException(file, 1, "the file holds null, not an object");
			}
			return value;
		}
		catch (JacksonException ex) {
			throw translate(format, bytes, file, ex);
		}
	}

	private static ConfigException translate(ConfigFormat format, byte[] bytes, Path file, JacksonException ex) {
		int line = (ex.getLocation() != null) ? Math.max(0, ex.getLocation().getLineNr()) : 0;
		String pointer = pointer(ex.getPath());
		String where = Pointers.readable(pointer);
		if (ex instanceof UnrecognizedPropertyException unknown) {
			// with records Jackson reports unknown properties once the whole object is
			// read: find the name itself
			Found named = find(format, bytes, pointer);
			if (named != null) {
				line = named.line();
			}
			String parent = Pointers.readable(Pointers.parent(pointer));
			return new ConfigException(file, line,
					"unknown field \"" + unknown.getPropertyName() + "\" in " + parent + " (known: "
							+ String.join(", ", unknown.getKnownPropertyIds().stream().map(String::valueOf).toList())
							+ ")",
					ex);
		}
		if (ex instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
			String found = describe(found(format, bytes, pointer));
			String expected = describe(mismatch.getTargetType());
			String reason = pointer.isEmpty() ? "the file must hold " + expected + ", not " + found
					: "wrong type for " + where + ": expected " + expected + ", found " + found;
			return new ConfigException(file, line, reason, ex);
		}
		if (ex instanceof StreamReadException) {
			return ConfigTree.syntaxError(file, ex);
		}
		return new ConfigException(file, line,
				(pointer.isEmpty() ? "" : where + ": ") + firstLine(ex.getOriginalMessage()), ex);
	}

	/** The JSON pointer of a Jackson error path. */
	private static String pointer(List<JacksonException.Reference> path) {
		StringBuilder pointer = new StringBuilder();
		for (JacksonException.Reference reference : path) {
			pointer.append('/');
			pointer.append((reference.getPropertyName() != null) ? Pointers.escape(reference.getPropertyName())
					: String.valueOf(reference.getIndex()));
		}
		return pointer.toString();
	}

	/**
	 * The line of the value at {@code pointer} (of its property name, for a member) or,
	 * when there is no such value, of the nearest enclosing one; 0 when the text cannot
	 * be read.
	 */
	public static int line(ConfigFormat format, byte[] bytes, String pointer) {
		for (String at = pointer;; at = Pointers.parent(at)) {
			Found found = find(format, bytes, at);
			if (found != null) {
				return found.line();
			}
			if (at.isEmpty()) {
				return 0;
			}
		}
	}

	private static JsonToken found(ConfigFormat format, byte[] bytes, String pointer) {
		Found found = find(format, bytes, pointer);
		return (found != null) ? found.token() : null;
	}

	private record Found(int line, JsonToken token) {
	}

	private static Found find(ConfigFormat format, byte[] bytes, String pointer) {
		try (JsonParser parser = format.mapper().createParser(bytes)) {
			JsonToken token;
			while ((token = parser.nextToken()) != null) {
				if (parser.streamReadContext().pathAsPointer().toString().equals(pointer)) {
					int line = parser.currentTokenLocation().getLineNr();
					return new Found(line, (token == JsonToken.PROPERTY_NAME) ? parser.nextToken() : token);
				}
			}
			return null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static String describe(JsonToken token) {
		if (token == null) {
			return "something else";
		}
		return switch (token) {
			case START_OBJECT -> "an object";
			case START_ARRAY -> "an array";
			case VALUE_STRING -> "a string";
			case VALUE_NUMBER_INT -> "an integer";
			case VALUE_NUMBER_FLOAT -> "a number with a fraction";
			case VALUE_TRUE, VALUE_FALSE -> "a boolean";
			case VALUE_NULL -> "null";
			default -> "something else";
		};
	}

	private static String describe(Class<?> type) {
		if (type == Double.class || type == double.class) {
			return "a number";
		}
		if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
			return "an integer";
		}
		if (type == String.class) {
			return "a string";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "a boolean";
		}
		if (Collection.class.isAssignableFrom(type) || type.isArray()) {
			return "an array";
		}
		return "an object";
	}

	/**
	 * The gist of a parser message: its unindented lines (YAML parsers add indented lines
	 * that quote the source and point at a column, which the line number already covers).
	 */
	private static String firstLine(String message) {
		if (message == null) {
			return "unreadable";
		}
		return String.join("; ",
				message.lines().filter((line) -> !line.isBlank() && !Character.isWhitespace(line.charAt(0))).toList());
	}

}
