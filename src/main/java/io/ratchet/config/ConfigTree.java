package io.ratchet.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;

import io.ratchet.config.ConfigNode.Field;
import io.ratchet.config.ConfigNode.Kind;
import io.ratchet.config.ConfigNode.Location;
import io.ratchet.config.ConfigNode.Mapping;
import io.ratchet.config.ConfigNode.Scalar;
import io.ratchet.config.ConfigNode.Sequence;

/**
 * Reads a YAML or JSON configuration file into a tree of {@link ConfigNode}s that
 * remember the file and line of every key and value, with Jackson's streaming parser (so
 * a check made after reading still names its line, which data binding alone cannot do). A
 * syntax error and a key written twice are {@link ConfigException}s naming the line.
 */
public final class ConfigTree {

	/**
	 * A mark in a YAML scanner message: {@code  in reader, line 2, column 1:}, followed
	 * by the text and a caret.
	 */
	private static final Pattern YAML_MARK = Pattern.compile("\\s*in .*, line (\\d+), column \\d+:\\s*");

	private ConfigTree() {
	}

	/**
	 * Reads a file; empty when it has no document (empty, or only comments).
	 * @throws ConfigException when the file cannot be read, has a syntax error or a key
	 * written twice
	 */
	public static Optional<ConfigNode> read(Path file, ConfigFormat format) {
		String text;
		try {
			text = Files.readString(file);
		}
		catch (NoSuchFileException ex) {
			throw new ConfigException(file, 0, "file not found", ex);
		}
		catch (IOException ex) {
			throw new ConfigException(file, 0, "cannot read: " + ex.getMessage(), ex);
		}
		return parse(file, text, format);
	}

	/**
	 * Reads text attributed to {@code file} (for messages); empty when it has no
	 * document.
	 */
	public static Optional<ConfigNode> parse(Path file, String text, ConfigFormat format) {
		// duplicates are told by the tree itself, in the same words for YAML and JSON
		try (JsonParser parser = format.mapper()
			.reader()
			.without(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.createParser(text)) {
			if (parser.nextToken() == null) {
				return Optional.empty();
			}
			ConfigNode root = new Reading(file, parser).node();
			if (parser.nextToken() != null) {
				throw new ConfigException(file, parser.currentTokenLocation().getLineNr(),
						"syntax error: content after the end of the document");
			}
			return Optional.of(root);
		}
		catch (JacksonException ex) {
			throw syntaxError(file, ex);
		}
	}

	/**
	 * A parser's error as {@code syntax error: <its sentences>}, without the parser's own
	 * location marks. A YAML scanner's message carries marks
	 * ({@code in reader, line 2, column 1:} then the text and a caret) more precise than
	 * the location Jackson attaches: the error is placed at the last mark (where the
	 * problem was found), and an earlier mark (where the unfinished construct began, e.g.
	 * an open quote or bracket) is named in the text as {@code (line n)}.
	 */
	public static ConfigException syntaxError(Path file, JacksonException ex) {
		TokenStreamLocation location = ex.getLocation();
		int line = (location != null) ? Math.max(0, location.getLineNr()) : 0;
		String message = (ex.getOriginalMessage() != null) ? ex.getOriginalMessage() : ex.getClass().getSimpleName();
		String[] lines = message.split("\\R");
		List<String> kept = new ArrayList<>();
		int markedLine = 0;
		for (int i = 0; i < lines.length; i++) {
			Matcher mark = YAML_MARK.matcher(lines[i]);
			if (mark.matches()) {
				if (markedLine > 0 && kept.size() >= 2) {
					kept.set(kept.size() - 2, kept.get(kept.size() - 2) + " (line " + markedLine + ")");
				}
				markedLine = Integer.parseInt(mark.group(1));
				line = markedLine;
				i += 2;
			}
			else if (!lines[i].isBlank() && !Character.isWhitespace(lines[i].charAt(0))) {
				kept.add(lines[i].strip());
			}
		}
		return new ConfigException(file, line, "syntax error: " + String.join("; ", kept), ex);
	}

	/** One pass over the parser's tokens. */
	private record Reading(Path file, JsonParser parser) {

		ConfigNode node() {
			Location location = here();
			JsonToken token = this.parser.currentToken();
			if (token == JsonToken.START_OBJECT) {
				Map<String, Field> fields = new LinkedHashMap<>();
				while (this.parser.nextToken() == JsonToken.PROPERTY_NAME) {
					String key = this.parser.currentName();
					Location keyLocation = here();
					if (fields.containsKey(key)) {
						throw keyLocation.error("duplicate key \"" + key + "\"");
					}
					this.parser.nextToken();
					fields.put(key, new Field(key, keyLocation, node()));
				}
				return new Mapping(fields, location);
			}
			if (token == JsonToken.START_ARRAY) {
				List<ConfigNode> items = new ArrayList<>();
				while (this.parser.nextToken() != JsonToken.END_ARRAY) {
					items.add(node());
				}
				return new Sequence(items, location);
			}
			return switch (token) {
				case VALUE_NULL -> new Scalar(Kind.NULL, null, null, location);
				case VALUE_NUMBER_INT ->
					new Scalar(Kind.INTEGER, this.parser.getString(), this.parser.getNumberValue(), location);
				case VALUE_NUMBER_FLOAT ->
					new Scalar(Kind.FLOAT, this.parser.getString(), this.parser.getDoubleValue(), location);
				case VALUE_TRUE, VALUE_FALSE -> new Scalar(Kind.BOOLEAN, this.parser.getString(), null, location);
				default -> new Scalar(Kind.STRING, this.parser.getString(), null, location);
			};
		}

		private Location here() {
			return new Location(this.file, this.parser.currentTokenLocation().getLineNr());
		}

	}

}
