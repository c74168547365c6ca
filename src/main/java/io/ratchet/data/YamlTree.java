package io.ratchet.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A YAML document read into a small tree that remembers the line of every key and value, so that the strict readers
 * of configuration files (datasets, search spaces) name the line of each problem. Read with Jackson's YAML parser;
 * a duplicate key is refused.
 */
public final class YamlTree {

	private static final YAMLMapper YAML = YAMLMapper.builder().build();

	private YamlTree() {
	}

	/** Makes the reader's own exception for a problem at a line (0: the whole file). */
	@FunctionalInterface
	public interface Problem {

		RuntimeException at(int line, String message, Throwable cause);

	}

	/** A node of the tree and its line. */
	public sealed interface Node permits Scalar, Mapping, Sequence {

		int line();

	}

	/** A scalar; {@code text} is {@code null} for a YAML null. */
	public record Scalar(String text, int line) implements Node {
	}

	/** A key of a mapping, its line and its value. */
	public record Field(String key, int line, Node value) {
	}

	/** A mapping, its keys in file order. */
	public record Mapping(Map<String, Field> fields, int line) implements Node {
	}

	/** A sequence. */
	public record Sequence(List<Node> items, int line) implements Node {
	}

	/**
	 * Parses a document.
	 * @param empty the message for an empty document
	 * @param problem makes the exception thrown for an empty document, a syntax error or a duplicate key
	 */
	public static Node parse(String text, String empty, Problem problem) {
		try (JsonParser parser = YAML.createParser(text)) {
			if (parser.nextToken() == null) {
				throw problem.at(0, empty, null);
			}
			return read(parser, problem);
		}
		catch (JacksonException ex) {
			TokenStreamLocation location = ex.getLocation();
			throw problem.at((location != null) ? location.getLineNr() : 0,
					"YAML syntax error: " + condense(ex.getOriginalMessage()), ex);
		}
	}

	/** SnakeYAML messages quote the source with a caret on separate, indented lines; keep the sentences. */
	private static String condense(String message) {
		return message.lines()
			.filter((line) -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)))
			.collect(Collectors.joining("; "));
	}

	private static Node read(JsonParser parser, Problem problem) {
		int line = parser.currentTokenLocation().getLineNr();
		JsonToken token = parser.currentToken();
		if (token == JsonToken.START_OBJECT) {
			Map<String, Field> fields = new LinkedHashMap<>();
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String key = parser.currentName();
				int keyLine = parser.currentTokenLocation().getLineNr();
				if (fields.containsKey(key)) {
					throw problem.at(keyLine, "duplicate key \"" + key + "\"", null);
				}
				parser.nextToken();
				fields.put(key, new Field(key, keyLine, read(parser, problem)));
			}
			return new Mapping(fields, line);
		}
		if (token == JsonToken.START_ARRAY) {
			List<Node> items = new ArrayList<>();
			while (parser.nextToken() != JsonToken.END_ARRAY) {
				items.add(read(parser, problem));
			}
			return new Sequence(items, line);
		}
		return new Scalar((token == JsonToken.VALUE_NULL) ? null : parser.getString(), line);
	}

}
