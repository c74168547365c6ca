package io.ratchet.model.importers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.ratchet.model.ModelFileException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * A value in a library's JSON model file together with where it is, so that every problem
 * names the file and the path to the value
 * ({@code learner.gradient_booster.model.trees[3].split_conditions}). Numbers are read as
 * exact decimals and rounded once, to float32 or float64 as the caller asks: reading a
 * float32 printed by XGBoost through a double could round twice. {@code Infinity} and
 * {@code NaN}, which Python's {@code json} writes, are read too.
 *
 * @param file the model file (for messages)
 * @param path where the value is, in readable form ({@code ""} for the top level)
 * @param node the value
 */
record JsonValue(Path file, String path, JsonNode node) {

	private static final ObjectMapper MAPPER = JsonMapper.builder()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		// Python's json writes Infinity and NaN
		.enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
		.build();

	/**
	 * Parses a whole file.
	 * @throws ModelFileException naming the file, the line, the column and the character
	 * offset of a syntax error (a truncated file says so)
	 */
	static JsonValue parse(Path file, byte[] bytes) {
		try {
			JsonNode node = MAPPER.readTree(bytes);
			if (node == null || node.isMissingNode()) {
				throw new ModelFileException(file, 0, "the file is empty");
			}
			return new JsonValue(file, "", node);
		}
		catch (JacksonException ex) {
			TokenStreamLocation at = ex.getLocation();
			int line = (at != null) ? Math.max(0, at.getLineNr()) : 0;
			String where = (at != null) ? " at column " + at.getColumnNr() + " (character " + at.getCharOffset() + ")"
					: "";
			String message = String.valueOf(ex.getOriginalMessage()).lines().findFirst().orElse("unreadable");
			String truncated = message.contains("end-of-input") ? " (the file ends early: is it truncated?)" : "";
			throw new ModelFileException(file, line, "not valid JSON" + where + ": " + message + truncated, ex);
		}
	}

	/** The member {@code key} of this object. */
	JsonValue get(String key) {
		return optional(key).orElseThrow(() -> error("has no \"" + key + "\""));
	}

	/** The member {@code key} of this object, if present and not {@code null}. */
	Optional<JsonValue> optional(String key) {
		if (!this.node.isObject()) {
			throw error("expected an object, found " + describe());
		}
		JsonNode member = this.node.get(key);
		if (member == null || member.isNull()) {
			return Optional.empty();
		}
		return Optional.of(new JsonValue(this.file, this.path.isEmpty() ? key : this.path + "." + key, member));
	}

	/** The items of this array. */
	List<JsonValue> items() {
		if (!this.node.isArray()) {
			throw error("expected an array, found " + describe());
		}
		List<JsonValue> items = new ArrayList<>(this.node.size());
		for (int i = 0; i < this.node.size(); i++) {
			items.add(new JsonValue(this.file, this.path + "[" + i + "]", this.node.get(i)));
		}
		return items;
	}

	/** Whether this value is JSON {@code null}. */
	boolean isNull() {
		return this.node.isNull();
	}

	String text() {
		if (!this.node.isString()) {
			throw error("expected a string, found " + describe());
		}
		return this.node.stringValue();
	}

	/** A number rounded once to the nearest double. */
	double number() {
		return nonFinite() ? this.node.doubleValue() : Double.parseDouble(decimal());
	}

	/** A number rounded once to the nearest float32. */
	float float32() {
		return nonFinite() ? (float) this.node.doubleValue() : Float.parseFloat(decimal());
	}

	private boolean nonFinite() {
		return this.node.isDouble() && !Double.isFinite(this.node.doubleValue());
	}

	int integer() {
		if (!this.node.isIntegralNumber() || !this.node.canConvertToInt()) {
			throw error("expected an integer, found " + describe());
		}
		return this.node.intValue();
	}

	long integer64() {
		if (!this.node.isIntegralNumber() || !this.node.canConvertToLong()) {
			throw error("expected an integer, found " + describe());
		}
		return this.node.longValue();
	}

	/**
	 * A boolean, also written as 0 or 1 (XGBoost writes {@code default_left} either way).
	 */
	boolean flag() {
		if (this.node.isBoolean()) {
			return this.node.booleanValue();
		}
		if (this.node.isIntegralNumber() && (this.node.intValue() == 0 || this.node.intValue() == 1)) {
			return this.node.intValue() == 1;
		}
		throw error("expected true/false or 0/1, found " + describe());
	}

	/** An error about this value: the file, the path, the cause. */
	ModelFileException error(String detail) {
		return new ModelFileException(this.file, 0, (this.path.isEmpty() ? "(top level)" : this.path) + ": " + detail);
	}

	private String decimal() {
		if (!this.node.isNumber()) {
			throw error("expected a number, found " + describe());
		}
		return this.node.decimalValue().toString();
	}

	private String describe() {
		if (this.node.isString()) {
			String text = this.node.stringValue();
			return "the string \"" + ((text.length() > 40) ? text.substring(0, 40) + "…" : text) + "\"";
		}
		return switch (this.node.getNodeType()) {
			case OBJECT -> "an object";
			case ARRAY -> "an array";
			case NUMBER -> "the number " + this.node.asString();
			case BOOLEAN -> "a boolean";
			case NULL -> "null";
			default -> "something else";
		};
	}

}
