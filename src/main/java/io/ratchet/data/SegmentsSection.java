package io.ratchet.data;

import java.util.ArrayList;
import java.util.List;

import io.ratchet.config.ConfigNode;
import io.ratchet.config.ConfigNode.Field;
import io.ratchet.config.ConfigNode.Mapping;
import io.ratchet.config.ConfigNode.Scalar;
import io.ratchet.config.ConfigNode.Sequence;

/**
 * Reads {@code segments:} of a dataset file: a list of columns ({@code segments: [region,
 * {name: tenure_months, edges: [12, 24]}]}), or a mapping with the list under
 * {@code columns:} beside {@code min-rows:} and {@code max-levels:}. Every error names
 * the file and the line.
 */
final class SegmentsSection {

	private SegmentsSection() {
	}

	/**
	 * @param field the {@code segments:} field, or {@code null}
	 * @param dateColumn the date column (no segment)
	 * @param labelColumn the label column (no segment)
	 * @param features the dataset's features: a numeric one needs edges, a categorical
	 * one may have none
	 */
	static Segments read(Field field, String dateColumn, String labelColumn, List<Feature> features) {
		if (field == null || field.isEmpty()) {
			return Segments.NONE;
		}
		Field list = field;
		long minRows = Segments.DEFAULT_MIN_ROWS;
		int maxLevels = Segments.DEFAULT_MAX_LEVELS;
		if (field.value() instanceof Mapping spec) {
			spec.allowOnly("segments", "columns", "min-rows", "max-levels");
			list = spec.required("segments", "columns");
			Field min = spec.get("min-rows");
			if (min != null) {
				minRows = min.scalar("segments.min-rows").wholeNumber("segments.min-rows", 1);
			}
			Field max = spec.get("max-levels");
			if (max != null) {
				maxLevels = (int) Math.min(max.scalar("segments.max-levels").wholeNumber("segments.max-levels", 2),
						1_000_000);
			}
		}
		if (!(list.value() instanceof Sequence sequence) || sequence.items().isEmpty()) {
			throw list.error("segments: expected a list of columns (a name, or {name: ..., edges: [...]})");
		}
		List<SegmentColumn> columns = new ArrayList<>();
		for (ConfigNode item : sequence.items()) {
			SegmentColumn column = column(item);
			if (columns.stream().anyMatch((other) -> other.name().equals(column.name()))) {
				throw item.error("segments: column '" + column.name() + "' is listed twice");
			}
			if (column.name().equals(dateColumn) || column.name().equals(labelColumn)) {
				throw item.error("segments: column '" + column.name() + "' is the "
						+ (column.name().equals(dateColumn) ? "date" : "label") + " column");
			}
			Feature feature = features.stream().filter((f) -> f.name().equals(column.name())).findFirst().orElse(null);
			if (feature != null && feature.type() == FeatureType.NUMERIC && !column.numeric()) {
				throw item.error("segments: feature '" + column.name()
						+ "' is numeric: give it bucket edges, e.g. {name: " + column.name() + ", edges: [12, 24]}");
			}
			if (feature != null && feature.type() != FeatureType.NUMERIC && column.numeric()) {
				throw item.error("segments: feature '" + column.name() + "' is categorical: edges are for numbers");
			}
			columns.add(column);
		}
		return new Segments(columns, minRows, maxLevels);
	}

	private static SegmentColumn column(ConfigNode item) {
		if (item instanceof Scalar scalar && !scalar.isNull()) {
			return SegmentColumn.categorical(scalar.text());
		}
		Mapping spec = item.mapping("a column name or {name: ..., edges: [...]}");
		spec.allowOnly("segments", "name", "edges");
		String name = spec.required("segments", "name").text("segments.name");
		Field edgesField = spec.get("edges");
		if (edgesField == null) {
			return SegmentColumn.categorical(name);
		}
		List<Scalar> items = edgesField.scalars("segments." + name + ".edges");
		if (items.isEmpty()) {
			throw edgesField.error("segments." + name + ".edges: give at least one edge");
		}
		double[] edges = new double[items.size()];
		for (int i = 0; i < edges.length; i++) {
			edges[i] = items.get(i).number("segments." + name + ".edges");
			if (!Double.isFinite(edges[i])) {
				throw items.get(i).error("segments." + name + ".edges: " + items.get(i).text() + " is not finite");
			}
			if (i > 0 && !(edges[i] > edges[i - 1])) {
				throw items.get(i)
					.error("segments." + name + ".edges must increase: " + items.get(i).text() + " follows "
							+ items.get(i - 1).text());
			}
		}
		return new SegmentColumn(name, edges);
	}

}
