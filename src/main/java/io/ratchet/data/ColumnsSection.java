package io.ratchet.data;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.ratchet.config.ConfigNode;
import io.ratchet.config.ConfigNode.Field;
import io.ratchet.config.ConfigNode.Mapping;
import io.ratchet.config.ConfigNode.Sequence;

/**
 * Reads the column lists of a dataset file: {@code missing:} (tokens meaning a missing
 * value), {@code id:} (columns identifying a row within its month), {@code features:}
 * ({@code {name, type}}, at least one, the label never one) and {@code scores:} (columns
 * of scores logged in production, none of them another kind of column). Every error names
 * the file and the line.
 */
final class ColumnsSection {

	private ColumnsSection() {
	}

	/**
	 * {@code missing:}: the tokens that mean a missing value, after the empty cell
	 * (always missing).
	 * @param field the {@code missing:} field, or {@code null}
	 */
	static Set<String> missingTokens(Field field) {
		Set<String> missing = new LinkedHashSet<>(List.of(""));
		if (field != null) {
			missing.addAll(field.texts("missing"));
		}
		return missing;
	}

	/**
	 * {@code id:}: the id columns, each once.
	 * @param field the {@code id:} field, or {@code null}
	 */
	static List<String> ids(Field field) {
		List<String> ids = new ArrayList<>();
		if (field != null) {
			for (String id : field.texts("id")) {
				if (ids.contains(id)) {
					throw field.error("id column '" + id + "' is listed twice");
				}
				ids.add(id);
			}
		}
		return ids;
	}

	/**
	 * {@code features:}: a list of {@code {name, type}}, names distinct and none the
	 * label column, types numeric or categorical.
	 * @param field the {@code features:} field (required, so never {@code null})
	 */
	static List<Feature> features(Field field, String labelColumn) {
		if (!(field.value() instanceof Sequence sequence)) {
			throw field.error("features: expected a list of {name, type}");
		}
		if (sequence.items().isEmpty()) {
			throw field.error("features: the list is empty; a dataset needs at least one feature");
		}
		List<Feature> features = new ArrayList<>();
		Set<String> names = new LinkedHashSet<>();
		for (ConfigNode item : sequence.items()) {
			Mapping mapping = item.mapping("a mapping of feature fields (name, type)");
			mapping.allowOnly("features", "name", "type");
			Field nameField = mapping.required("features", "name");
			String name = nameField.text("features.name");
			if (!names.add(name)) {
				throw nameField.error("duplicate feature '" + name + "'");
			}
			if (name.equals(labelColumn)) {
				throw nameField.error("feature '" + name + "' is the label column");
			}
			Field typeField = mapping.required("features", "type");
			String type = typeField.text("features.type");
			FeatureType featureType = switch (type.toLowerCase(Locale.ROOT)) {
				case "numeric" -> FeatureType.NUMERIC;
				case "categorical" -> FeatureType.CATEGORICAL;
				default ->
					throw typeField.error("unknown feature type '" + type + "' (expected numeric or categorical)");
			};
			features.add(new Feature(name, featureType));
		}
		return features;
	}

	/**
	 * {@code scores:}, the columns holding scores logged in production by models Ratchet
	 * cannot re-score: plain column names, none of them the date, the label, an id column
	 * or a feature.
	 * @param field the {@code scores:} field, or {@code null}
	 */
	static List<String> scores(Field field, String dateColumn, String labelColumn, List<String> ids,
			List<Feature> features) {
		List<String> scores = new ArrayList<>();
		if (field == null) {
			return scores;
		}
		for (String column : field.texts("scores")) {
			String clash = null;
			if (column.equals(dateColumn)) {
				clash = "the date column";
			}
			else if (column.equals(labelColumn)) {
				clash = "the label column";
			}
			else if (ids.contains(column)) {
				clash = "an id column";
			}
			else if (features.stream().anyMatch((feature) -> feature.name().equals(column))) {
				clash = "a feature (a logged score is read apart from the features: list it under scores only)";
			}
			else if (scores.contains(column)) {
				clash = "listed twice";
			}
			if (clash != null) {
				throw field.error("scores: column '" + column + "' is " + clash);
			}
			scores.add(column);
		}
		return scores;
	}

}
