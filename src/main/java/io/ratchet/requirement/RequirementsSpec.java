package io.ratchet.requirement;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

import io.ratchet.metrics.Metric;

/**
 * The shape of {@code config/requirements.yml} as Jackson binds it, before validation. Each record has a small
 * deserializer of its own: it refuses an unknown key on the key's own line (Jackson's creator-based binding of records
 * reports it only once the whole mapping is read, often lines later) and the bounds remember the line of every metric,
 * so that a bad bound found later is reported where it is written.
 */
final class RequirementsSpec {

	private RequirementsSpec() {
	}

	/**
	 * One dataset: {@code min-rows}, {@code monthly}, {@code period}, {@code models}, {@code drift}, and the opt-out
	 * {@code unmonitored}; each optional.
	 */
	@JsonDeserialize(using = DatasetDeserializer.class)
	record DatasetSpec(Long minRows, BoundsSpec monthly, BoundsSpec period, Map<String, ModelSpec> models,
			DriftSpec drift, boolean unmonitored) {

	}

	/** The {@code drift:} section, validated while it is read (so errors carry the line of the bad value). */
	@JsonDeserialize(using = DriftDeserializer.class)
	record DriftSpec(DriftRequirements requirements) {

	}

	/** One model's overrides: {@code monthly}, {@code period}; each optional. */
	@JsonDeserialize(using = ModelDeserializer.class)
	record ModelSpec(BoundsSpec monthly, BoundsSpec period) {

	}

	/** The two sides of one bound, each optional. */
	@JsonDeserialize(using = BoundDeserializer.class)
	record BoundSpec(Double min, Double max) {

	}

	/** Bounds by metric, in file order. */
	@JsonDeserialize(using = BoundsDeserializer.class)
	record BoundsSpec(List<MetricBound> bounds) {

	}

	/**
	 * A bound as written.
	 * @param metric the metric of the key
	 * @param line the key's line
	 * @param bound the sides, or {@code null} when the key has no value
	 */
	record MetricBound(Metric metric, int line, BoundSpec bound) {

	}

	static final class DatasetDeserializer extends ValueDeserializer<DatasetSpec> {

		@Override
		public DatasetSpec deserialize(JsonParser p, DeserializationContext ctxt) {
			expectMapping(p, ctxt, DatasetSpec.class, "a dataset's requirements");
			Long minRows = null;
			BoundsSpec monthly = null;
			BoundsSpec period = null;
			Map<String, ModelSpec> models = null;
			DriftSpec drift = null;
			boolean unmonitored = false;
			for (JsonToken token = p.nextToken(); token == JsonToken.PROPERTY_NAME; token = p.nextToken()) {
				String name = p.currentName();
				switch (name) {
					case "min-rows" -> minRows = readMinRows(p, ctxt);
					case "monthly" -> monthly = readNullable(p, ctxt, ctxt.constructType(BoundsSpec.class));
					case "period" -> period = readNullable(p, ctxt, ctxt.constructType(BoundsSpec.class));
					case "models" -> models = readNullable(p, ctxt,
							ctxt.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, ModelSpec.class));
					case "drift" -> drift = readNullable(p, ctxt, ctxt.constructType(DriftSpec.class));
					case "unmonitored" -> unmonitored = readUnmonitored(p, ctxt);
					default -> unknownField(ctxt, DatasetSpec.class, name,
							"min-rows, monthly, period, models, drift, unmonitored");
				}
			}
			return new DatasetSpec(minRows, monthly, period, models, drift, unmonitored);
		}

		private static boolean readUnmonitored(JsonParser p, DeserializationContext ctxt) {
			JsonToken token = p.nextToken();
			if (token != JsonToken.VALUE_TRUE && token != JsonToken.VALUE_FALSE) {
				return ctxt.reportInputMismatch(DatasetSpec.class, "%s",
						"unmonitored must be true or false, not " + describe(p));
			}
			return token == JsonToken.VALUE_TRUE;
		}

		private static Long readMinRows(JsonParser p, DeserializationContext ctxt) {
			JsonToken token = p.nextToken();
			if (token == JsonToken.VALUE_NULL) {
				return null;
			}
			if (token != JsonToken.VALUE_NUMBER_INT) {
				return ctxt.reportInputMismatch(DatasetSpec.class, "%s",
						"min-rows must be a whole number, not " + describe(p));
			}
			long minRows = p.getLongValue();
			if (minRows < 0) {
				return ctxt.reportInputMismatch(DatasetSpec.class, "%s", "min-rows must not be negative, not " + minRows);
			}
			return minRows;
		}

	}

	static final class DriftDeserializer extends ValueDeserializer<DriftSpec> {

		private static final String KNOWN = "psi, ks, missing_rate, missing_rate_change, score_psi, features";

		@Override
		public DriftSpec deserialize(JsonParser p, DeserializationContext ctxt) {
			expectMapping(p, ctxt, DriftSpec.class, "drift bounds");
			Map<DriftStatistic, Double> features = new EnumMap<>(DriftStatistic.class);
			Map<String, Map<DriftStatistic, Double>> overrides = new LinkedHashMap<>();
			Double scorePsi = null;
			for (JsonToken token = p.nextToken(); token == JsonToken.PROPERTY_NAME; token = p.nextToken()) {
				String name = p.currentName();
				if (name.equals("score_psi")) {
					scorePsi = readMax(p, ctxt, "score_psi");
				}
				else if (name.equals("features")) {
					readOverrides(p, ctxt, overrides);
				}
				else {
					features.put(statistic(p, ctxt, name, KNOWN), readMax(p, ctxt, name));
				}
			}
			return new DriftSpec(new DriftRequirements(features, overrides, scorePsi));
		}

		private static void readOverrides(JsonParser p, DeserializationContext ctxt,
				Map<String, Map<DriftStatistic, Double>> overrides) {
			if (p.nextToken() == JsonToken.VALUE_NULL) {
				return;
			}
			expectMapping(p, ctxt, DriftSpec.class, "feature names to drift bounds");
			for (JsonToken token = p.nextToken(); token == JsonToken.PROPERTY_NAME; token = p.nextToken()) {
				String feature = p.currentName();
				Map<DriftStatistic, Double> bounds = new EnumMap<>(DriftStatistic.class);
				if (p.nextToken() != JsonToken.VALUE_NULL) {
					expectMapping(p, ctxt, DriftSpec.class, "drift bounds of feature " + feature);
					for (JsonToken inner = p.nextToken(); inner == JsonToken.PROPERTY_NAME; inner = p.nextToken()) {
						String key = p.currentName();
						bounds.put(statistic(p, ctxt, key, "psi, ks, missing_rate, missing_rate_change"),
								readMax(p, ctxt, key + " of feature " + feature));
					}
				}
				overrides.put(feature, bounds);
			}
		}

		private static DriftStatistic statistic(JsonParser p, DeserializationContext ctxt, String key, String known) {
			try {
				return DriftStatistic.fromKey(key);
			}
			catch (IllegalArgumentException ex) {
				return ctxt.reportInputMismatch(DriftSpec.class, "%s",
						"unknown drift bound \"" + key + "\" (known: " + known + ")");
			}
		}

		/** Reads {@code {max: x}}: drift is bounded from above only. */
		private static Double readMax(JsonParser p, DeserializationContext ctxt, String what) {
			if (p.nextToken() != JsonToken.START_OBJECT) {
				return ctxt.reportInputMismatch(DriftSpec.class, "%s",
						"the drift bound on " + what + " must be a mapping such as {max: 0.2}, not " + describe(p));
			}
			Double max = null;
			for (JsonToken token = p.nextToken(); token == JsonToken.PROPERTY_NAME; token = p.nextToken()) {
				String name = p.currentName();
				if (!name.equals("max")) {
					unknownField(ctxt, DriftSpec.class, name, "max; drift is bounded from above only");
				}
				JsonToken value = p.nextToken();
				if (!value.isNumeric()) {
					return ctxt.reportInputMismatch(DriftSpec.class, "%s",
							"max of " + what + " must be a number, not " + describe(p));
				}
				max = p.getDoubleValue();
				String problem = DriftRequirements.problem(max, what);
				if (problem != null) {
					return ctxt.reportInputMismatch(DriftSpec.class, "%s", problem);
				}
			}
			if (max == null) {
				return ctxt.reportInputMismatch(DriftSpec.class, "%s", "the drift bound on " + what + " has no max");
			}
			return max;
		}

	}

	static final class ModelDeserializer extends ValueDeserializer<ModelSpec> {

		@Override
		public ModelSpec deserialize(JsonParser p, DeserializationContext ctxt) {
			expectMapping(p, ctxt, ModelSpec.class, "a model's requirements");
			BoundsSpec monthly = null;
			BoundsSpec period = null;
			for (JsonToken token = p.nextToken(); token == JsonToken.PROPERTY_NAME; token = p.nextToken()) {
				String name = p.currentName();
				switch (name) {
					case "monthly" -> monthly = readNullable(p, ctxt, ctxt.constructType(BoundsSpec.class));
					case "period" -> period = readNullable(p, ctxt, ctxt.constructType(BoundsSpec.class));
					default -> unknownField(ctxt, ModelSpec.class, name, "monthly, period");
				}
			}
			return new ModelSpec(monthly, period);
		}

	}

	static final class BoundsDeserializer extends ValueDeserializer<BoundsSpec> {

		@Override
		public BoundsSpec deserialize(JsonParser p, DeserializationContext ctxt) {
			expectMapping(p, ctxt, BoundsSpec.class, "bounds by metric");
			List<MetricBound> bounds = new ArrayList<>();
			for (JsonToken token = p.nextToken(); token == JsonToken.PROPERTY_NAME; token = p.nextToken()) {
				String key = p.currentName();
				int line = p.currentTokenLocation().getLineNr();
				Metric metric;
				try {
					metric = Metric.fromKey(key);
				}
				catch (IllegalArgumentException ex) {
					return ctxt.reportInputMismatch(BoundsSpec.class, "%s", ex.getMessage());
				}
				JsonToken value = p.nextToken();
				if (value != JsonToken.START_OBJECT && value != JsonToken.VALUE_NULL) {
					return ctxt.reportInputMismatch(BoundsSpec.class, "%s", "the bound on " + key
							+ " must be a mapping such as {min: 0.75} or {max: 0.5}, not " + describe(p));
				}
				BoundSpec bound = (value == JsonToken.VALUE_NULL) ? null : ctxt.readValue(p, BoundSpec.class);
				bounds.add(new MetricBound(metric, line, bound));
			}
			return new BoundsSpec(bounds);
		}

	}

	static final class BoundDeserializer extends ValueDeserializer<BoundSpec> {

		@Override
		public BoundSpec deserialize(JsonParser p, DeserializationContext ctxt) {
			expectMapping(p, ctxt, BoundSpec.class, "min and max");
			Double min = null;
			Double max = null;
			for (JsonToken token = p.nextToken(); token == JsonToken.PROPERTY_NAME; token = p.nextToken()) {
				String name = p.currentName();
				switch (name) {
					case "min" -> min = readNumber(p, ctxt, name);
					case "max" -> max = readNumber(p, ctxt, name);
					default -> unknownField(ctxt, BoundSpec.class, name, "min, max");
				}
			}
			return new BoundSpec(min, max);
		}

		private static Double readNumber(JsonParser p, DeserializationContext ctxt, String name) {
			JsonToken token = p.nextToken();
			if (token == JsonToken.VALUE_NULL) {
				return null;
			}
			if (!token.isNumeric()) {
				return ctxt.reportInputMismatch(BoundSpec.class, "%s", name + " must be a number, not " + describe(p));
			}
			return p.getDoubleValue();
		}

	}

	private static void expectMapping(JsonParser p, DeserializationContext ctxt, Class<?> type, String what) {
		if (!p.isExpectedStartObjectToken()) {
			ctxt.reportInputMismatch(type, "%s", "expected a mapping of " + what + ", not " + describe(p));
		}
	}

	/** Moves to the value and reads it; {@code null} for an empty value. */
	private static <T> T readNullable(JsonParser p, DeserializationContext ctxt, JavaType type) {
		JsonToken token = p.nextToken();
		return (token == JsonToken.VALUE_NULL) ? null : ctxt.readValue(p, type);
	}

	private static void unknownField(DeserializationContext ctxt, Class<?> type, String name, String known) {
		ctxt.reportInputMismatch(type, "%s", "unknown field \"" + name + "\" (known: " + known + ")");
	}

	private static String describe(JsonParser p) {
		JsonToken token = p.currentToken();
		if (token == null) {
			return "the end of the file";
		}
		return switch (token) {
			case START_ARRAY -> "a list";
			case START_OBJECT -> "a mapping";
			case VALUE_STRING -> "\"" + p.getString() + "\"";
			default -> (token.isScalarValue()) ? p.getString() : token.toString();
		};
	}

}
