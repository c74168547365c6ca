package io.ratchet.requirement;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.ratchet.config.ConfigException;
import io.ratchet.config.ConfigFormat;
import io.ratchet.config.ConfigNode;
import io.ratchet.config.ConfigNode.Field;
import io.ratchet.config.ConfigNode.Mapping;
import io.ratchet.config.ConfigTree;

/**
 * Reads and validates {@code config/requirements.yml} with {@link ConfigTree}. Every
 * error names the file and the line, e.g.
 * {@code config/requirements.yml line 4: unknown metric 'roc_aucc' (known: [...])}. The
 * bounds are read by {@link BoundsSection}, the {@code drift:} section by
 * {@link DriftSection}.
 */
final class RequirementsReader {

	private RequirementsReader() {
	}

	/**
	 * Reads the file into requirements by dataset, with the line of every dataset key and
	 * the datasets marked {@code unmonitored: true}; an empty file (or one of comments)
	 * has none.
	 */
	static Requirements read(Path file) {
		try {
			Map<String, DatasetRequirements> datasets = new LinkedHashMap<>();
			Map<String, Integer> lines = new LinkedHashMap<>();
			Set<String> unmonitored = new LinkedHashSet<>();
			ConfigNode root = ConfigTree.read(file, ConfigFormat.YAML).orElse(null);
			if (root != null) {
				for (Field field : root.mapping("a mapping of dataset names to their requirements").fields().values()) {
					datasets.put(field.key(), dataset(field));
					lines.put(field.key(), field.line());
					if (isUnmonitored(field)) {
						unmonitored.add(field.key());
					}
				}
			}
			return new Requirements(file, datasets, lines, unmonitored);
		}
		catch (ConfigException ex) {
			throw new RequirementsException(ex.getMessage(), ex);
		}
	}

	/**
	 * One dataset: min-rows, monthly, period, models, drift, unmonitored; each optional.
	 */
	private static DatasetRequirements dataset(Field dataset) {
		if (dataset.isEmpty()) {
			return DatasetRequirements.none(dataset.key());
		}
		Mapping spec = dataset.value().mapping("a mapping of a dataset's requirements");
		spec.allowOnly("", "min-rows", "monthly", "period", "models", "drift", "segments", "unmonitored");
		Field minRows = spec.get("min-rows");
		Map<String, ModelRequirements> models = new LinkedHashMap<>();
		Field modelsField = spec.get("models");
		if (modelsField != null && !modelsField.isEmpty()) {
			for (Field model : modelsField.value()
				.mapping("a mapping of model names to their requirements")
				.fields()
				.values()) {
				models.put(model.key(), model(model));
			}
		}
		Field drift = spec.get("drift");
		DatasetRequirements requirements = new DatasetRequirements(dataset.key(),
				(minRows != null && !minRows.isEmpty()) ? minRows.scalar("min-rows").wholeNumber("min-rows", 0) : 0,
				BoundsSection.read(spec.get("monthly")), BoundsSection.read(spec.get("period")), models,
				(drift != null && !drift.isEmpty()) ? DriftSection.read(drift.value()) : DriftRequirements.NONE,
				segments(spec.get("segments")));
		if (isUnmonitored(dataset) && requirements.hasBounds()) {
			throw dataset.error("dataset \"" + dataset.key() + "\" is marked unmonitored: true and has bounds; keep the"
					+ " bounds, or mark it unmonitored without any");
		}
		return requirements;
	}

	/**
	 * {@code segments:}: bounds by segment column ({@code region}) or level
	 * ({@code region=north}).
	 */
	private static List<SegmentBounds> segments(Field section) {
		List<SegmentBounds> segments = new ArrayList<>();
		if (section == null || section.isEmpty()) {
			return segments;
		}
		for (Field field : section.value()
			.mapping("a mapping of segment columns (or column=level) to bounds by metric")
			.fields()
			.values()) {
			String key = field.key();
			int equals = key.indexOf('=');
			String column = (equals < 0) ? key : key.substring(0, equals);
			String level = (equals < 0) ? null : key.substring(equals + 1);
			if (column.isEmpty() || (level != null && level.isEmpty())) {
				throw field.error("segments: \"" + key + "\" is neither a column nor column=level");
			}
			try {
				segments.add(new SegmentBounds(column, level, BoundsSection.read(field), field.line()));
			}
			catch (IllegalArgumentException ex) {
				throw field.error("segments." + key + ": " + ex.getMessage());
			}
		}
		return segments;
	}

	/** One model's overrides: {@code monthly}, {@code period}. */
	private static ModelRequirements model(Field model) {
		if (model.isEmpty()) {
			return new ModelRequirements(List.of(), List.of());
		}
		Mapping spec = model.value().mapping("a mapping of a model's requirements");
		spec.allowOnly("", "monthly", "period");
		return new ModelRequirements(BoundsSection.read(spec.get("monthly")), BoundsSection.read(spec.get("period")));
	}

	private static boolean isUnmonitored(Field dataset) {
		if (!(dataset.value() instanceof Mapping spec) || spec.get("unmonitored") == null) {
			return false;
		}
		Field unmonitored = spec.get("unmonitored");
		return unmonitored.value() instanceof ConfigNode.Scalar scalar && scalar.bool("unmonitored");
	}

}
