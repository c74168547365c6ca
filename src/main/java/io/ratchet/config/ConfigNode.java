package io.ratchet.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A node of a configuration file read by {@link ConfigTree}: a scalar, a mapping or a
 * sequence, each knowing its file and line, so that every check names where the problem
 * is written. The checks every reader repeats (unknown field, missing field, wrong type,
 * value out of range) are methods here and throw {@link ConfigException}s of one form.
 */
public sealed interface ConfigNode permits ConfigNode.Scalar, ConfigNode.Mapping, ConfigNode.Sequence {

	/** Where the node is written. */
	Location location();

	/** The node's line (1-based). */
	default int line() {
		return location().line();
	}

	/** An error at this node's line. */
	default ConfigException error(String reason) {
		return location().error(reason);
	}

	/**
	 * How the node is named in an error: {@code a mapping}, {@code a list}, a quoted
	 * string or the value as written.
	 */
	String describe();

	/**
	 * This node as a mapping.
	 * @param expected what was expected, e.g. {@code "a mapping of min and max"}: the
	 * error reads {@code expected <expected>, not <what was found>}
	 */
	default Mapping mapping(String expected) {
		if (this instanceof Mapping mapping) {
			return mapping;
		}
		throw error("expected " + expected + ", not " + describe());
	}

	/** A file and a line in it. */
	record Location(Path file, int line) {

		/** An error at this location. */
		public ConfigException error(String reason) {
			return new ConfigException(this.file, this.line, reason);
		}

	}

	/** The kinds of scalar values. */
	enum Kind {

		STRING, INTEGER, FLOAT, BOOLEAN, NULL

	}

	/**
	 * A scalar value.
	 *
	 * @param kind its kind, as the parser saw it ({@code "5"} is a string, {@code 5} an
	 * integer)
	 * @param text its text as written; {@code null} for a null (an empty value in YAML)
	 * @param number its value for {@link Kind#INTEGER} and {@link Kind#FLOAT}
	 * ({@code .nan} included), else {@code null}
	 */
	record Scalar(Kind kind, String text, Number number, Location location) implements ConfigNode {

		/** Whether the value is null (in YAML, also an empty value). */
		public boolean isNull() {
			return this.kind == Kind.NULL;
		}

		@Override
		public String describe() {
			return switch (this.kind) {
				case STRING -> "\"" + this.text + "\"";
				case NULL -> "null";
				default -> this.text;
			};
		}

		/** The value as a number written as one (not in quotes). */
		public double number(String what) {
			if (this.number == null) {
				throw error(what + " must be a number, not " + describe());
			}
			return this.number.doubleValue();
		}

		/** The value as a whole number written as one, at least {@code min}. */
		public long wholeNumber(String what, long min) {
			if (this.kind != Kind.INTEGER) {
				throw error(what + " must be a whole number, not " + describe());
			}
			long value = this.number.longValue();
			if (value < min) {
				throw error(
						what + ((min == 0) ? " must not be negative" : " must be at least " + min) + ", not " + value);
			}
			return value;
		}

		/** The value as {@code true} or {@code false}. */
		public boolean bool(String what) {
			if (this.kind != Kind.BOOLEAN) {
				throw error(what + " must be true or false, not " + describe());
			}
			return Boolean.parseBoolean(this.text);
		}

	}

	/** A key of a mapping, where it is written and its value. */
	record Field(String key, Location location, ConfigNode value) {

		/** The key's line. */
		public int line() {
			return this.location.line();
		}

		/** An error at the key's line. */
		public ConfigException error(String reason) {
			return this.location.error(reason);
		}

		/** Whether the value is null or empty. */
		public boolean isEmpty() {
			return this.value instanceof Scalar scalar && scalar.isNull();
		}

		/**
		 * The value as a single non-null value; otherwise
		 * {@code <what>: expected a single value}.
		 */
		public Scalar scalar(String what) {
			if (this.value instanceof Scalar scalar && !scalar.isNull()) {
				return scalar;
			}
			throw error(what + ": expected a single value");
		}

		/** The value's text, as {@link #scalar(String)}. */
		public String text(String what) {
			return scalar(what).text();
		}

		/**
		 * The value as a list of non-null single values; otherwise
		 * {@code <what>: expected a list of values}.
		 */
		public List<Scalar> scalars(String what) {
			if (!(this.value instanceof Sequence sequence)) {
				throw error(what + ": expected a list of values");
			}
			for (ConfigNode item : sequence.items()) {
				if (!(item instanceof Scalar scalar) || scalar.isNull()) {
					throw item.error(what + ": expected a list of values");
				}
			}
			return sequence.items().stream().map(Scalar.class::cast).toList();
		}

		/** The texts of {@link #scalars(String)}. */
		public List<String> texts(String what) {
			return scalars(what).stream().map(Scalar::text).toList();
		}

	}

	/**
	 * A mapping, its keys in file order (a key written twice is refused by the parser).
	 */
	record Mapping(Map<String, Field> fields, Location location) implements ConfigNode {

		@Override
		public String describe() {
			return "a mapping";
		}

		/** The field of a key, or {@code null} when the key is not written. */
		public Field get(String key) {
			return this.fields.get(key);
		}

		/**
		 * Refuses keys that are not known:
		 * {@code unknown field "<section>.<key>" (known: a, b, c)} at the key's line.
		 * @param section the qualifier of the key in the message ({@code ""} for none)
		 */
		public void allowOnly(String section, String... known) {
			List<String> names = List.of(known);
			for (Field field : this.fields.values()) {
				if (!names.contains(field.key())) {
					throw field.error("unknown field \"" + qualified(section, field.key()) + "\" (known: "
							+ String.join(", ", names) + ")");
				}
			}
		}

		/**
		 * The field of a key that must be written with a value:
		 * {@code missing required field "<section>.<key>"} at the mapping's line (or the
		 * key's, when it has no value).
		 */
		public Field required(String section, String key) {
			Field field = this.fields.get(key);
			if (field == null || field.isEmpty()) {
				throw ((field != null) ? field.location() : location())
					.error("missing required field \"" + qualified(section, key) + "\"");
			}
			return field;
		}

		private static String qualified(String section, String key) {
			return section.isEmpty() ? key : section + "." + key;
		}

	}

	/** A sequence. */
	record Sequence(List<ConfigNode> items, Location location) implements ConfigNode {

		@Override
		public String describe() {
			return "a list";
		}

	}

}
