package io.ratchet.config;

import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.MapperBuilder;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The two syntaxes of configuration files, each with one strict Jackson mapper. Strict
 * means: unknown fields, duplicate keys, trailing content, fractions for integers and any
 * coercion between strings, numbers and booleans are all errors; explicit {@code null}s
 * bind as absent and are left to the readers' own checks.
 */
public enum ConfigFormat {

	/** YAML: dataset configurations, search spaces, requirements, the model registry. */
	YAML(strict(YAMLMapper.builder())),

	/** JSON: model files and oracle exports. */
	JSON(strict(JsonMapper.builder()));

	private final ObjectMapper mapper;

	ConfigFormat(ObjectMapper mapper) {
		this.mapper = mapper;
	}

	/**
	 * The strict mapper of this syntax (also for writing, and for reading a file's tokens
	 * again).
	 */
	public ObjectMapper mapper() {
		return this.mapper;
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

}
