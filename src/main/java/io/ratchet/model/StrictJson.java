package io.ratchet.model;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.MapperBuilder;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Strict Jackson readers for model files, oracle exports and the registry, and the translation of their errors into
 * {@link ModelFileException}s with the file, the line and a short cause. Strict means: unknown fields, duplicate keys,
 * trailing content, fractions for integers and any coercion between strings, numbers and booleans are all errors.
 * Explicit {@code null}s bind as absent and are reported by the callers' own checks.
 */
final class StrictJson {

	/** For model files and oracle exports. */
	static final ObjectMapper JSON = strict(JsonMapper.builder());

	/** For the registry. */
	static final ObjectMapper YAML = strict(YAMLMapper.builder());

	private StrictJson() {
	}

	private static <M extends ObjectMapper, B extends MapperBuilder<M, B>> M strict(B builder) {
		return builder.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
			.disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
			.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
			.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.withCoercionConfig(LogicalType.Textual,
					(config) -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
			.build();
	}

	/** Reads {@code bytes} as a {@code type}, turning any Jackson error into a {@link ModelFileException}. */
	static <T> T read(ObjectMapper mapper, byte[] bytes, Class<T> type, Path file) {
		if (new String(bytes, StandardCharsets.UTF_8).isBlank()) {
			throw new ModelFileException(file, 0, "the file is empty");
		}
		try {
			T value = mapper.readValue(bytes, type);
			if (value == null) {
				throw new ModelFileException(file, 1, "the file holds null, not an object");
			}
			return value;
		}
		catch (JacksonException ex) {
			throw translate(mapper, bytes, file, ex);
		}
	}

	private static ModelFileException translate(ObjectMapper mapper, byte[] bytes, Path file, JacksonException ex) {
		int line = (ex.getLocation() != null) ? Math.max(0, ex.getLocation().getLineNr()) : 0;
		String pointer = pointer(ex.getPath());
		String where = Pointers.readable(pointer);
		if (ex instanceof UnrecognizedPropertyException unknown) {
			// with records Jackson reports unknown properties once the whole object is read: find the name itself
			Found named = find(mapper, bytes, pointer);
			if (named != null) {
				line = named.line();
			}
			String parent = Pointers.readable(Pointers.parent(pointer));
			return new ModelFileException(file, line, "unknown field \"" + unknown.getPropertyName() + "\" in " + parent
					+ " (known: " + String.join(", ", unknown.getKnownPropertyIds().stream().map(String::valueOf).toList())
					+ ")", ex);
		}
		if (ex instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
			String found = describe(found(mapper, bytes, pointer));
			String expected = describe(mismatch.getTargetType());
			String reason = pointer.isEmpty() ? "the file must hold " + expected + ", not " + found
					: "wrong type for " + where + ": expected " + expected + ", found " + found;
			return new ModelFileException(file, line, reason, ex);
		}
		if (ex instanceof StreamReadException) {
			return new ModelFileException(file, line, "syntax error: " + firstLine(ex.getOriginalMessage()), ex);
		}
		return new ModelFileException(file, line,
				(pointer.isEmpty() ? "" : where + ": ") + firstLine(ex.getOriginalMessage()), ex);
	}

	/** The JSON pointer of a Jackson error path. */
	static String pointer(List<JacksonException.Reference> path) {
		StringBuilder pointer = new StringBuilder();
		for (JacksonException.Reference reference : path) {
			pointer.append('/');
			pointer.append((reference.getPropertyName() != null) ? Pointers.escape(reference.getPropertyName())
					: String.valueOf(reference.getIndex()));
		}
		return pointer.toString();
	}

	/**
	 * The line of the value at {@code pointer} (of its property name, for a member) or, when there is no such value,
	 * of the nearest enclosing one; 0 when the text cannot be read.
	 */
	static int line(ObjectMapper mapper, byte[] bytes, String pointer) {
		for (String at = pointer;; at = Pointers.parent(at)) {
			Found found = find(mapper, bytes, at);
			if (found != null) {
				return found.line();
			}
			if (at.isEmpty()) {
				return 0;
			}
		}
	}

	/** Whether a value (possibly {@code null}) is written at {@code pointer}. */
	static boolean present(ObjectMapper mapper, byte[] bytes, String pointer) {
		return find(mapper, bytes, pointer) != null;
	}

	private static JsonToken found(ObjectMapper mapper, byte[] bytes, String pointer) {
		Found found = find(mapper, bytes, pointer);
		return (found != null) ? found.token() : null;
	}

	private record Found(int line, JsonToken token) {
	}

	private static Found find(ObjectMapper mapper, byte[] bytes, String pointer) {
		try (JsonParser parser = mapper.createParser(bytes)) {
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
	 * The gist of a parser message: its unindented lines (YAML parsers add indented lines that quote the source and
	 * point at a column, which the line number already covers).
	 */
	private static String firstLine(String message) {
		if (message == null) {
			return "unreadable";
		}
		return String.join("; ", message.lines()
			.filter((line) -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)))
			.toList());
	}

}
