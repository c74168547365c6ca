package io.ratchet.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A dataset as described by {@code config/datasets/<name>.yml}: which column holds the
 * event date and in which format, which holds the label and what it means, which tokens
 * stand for a missing value, and the feature columns.
 *
 * @param name the dataset's name (also its folder under {@code historical-data/})
 * @param source the YAML file it was read from (for messages), or {@code null} when built
 * in code
 * @param dateColumn the column with the event date that decides the month partition
 * @param dateFormat a {@link java.time.format.DateTimeFormatter} pattern, e.g.
 * {@code yyyy-MM-dd}
 * @param labelColumn the column with the label
 * @param task binary or regression
 * @param positiveLabel for binary: the value that means class 1
 * @param negativeLabel for binary: the value that means class 0, or {@code null} for "any
 * other value"
 * @param missingTokens cell values that mean "missing" (the empty cell is always missing)
 * @param features feature columns in order; a row's {@link Row#numbers()} and
 * {@link Row#levels()} follow this order
 * @param idColumns columns that identify a record within its month (a row imported again
 * is recognised by them, and may then bring its label); empty means rows have no identity
 * and identical rows are distinct events
 * @param scoreColumns columns holding the score a model gave each row in production, for
 * models Ratchet cannot re-score (model kind {@code logged}); read as numbers into
 * {@link Row#scores()}, never as features
 * @param importSettings encoding, longest record and plausible dates of the files read
 * @param valueMatrix what decisions are worth ({@code value:}), or {@code null} when the
 * dataset has none (then {@code business_value} is absent)
 * @param metricDefinitions the metrics the dataset defines beyond the built-in ones
 * ({@code top-k:} and {@code metrics:}); never {@code null}
 * @param segments the columns whose levels get figures of their own ({@code segments:});
 * never {@code null}
 * @param estimateWithoutLabels whether the now-test estimates the performance of rows
 * still awaiting labels from the scores alone ({@code estimate: cbpe}, binary only)
 * @param classes for multiclass: the label's values, in the order of the model's
 * probabilities ({@code classes: [a, b, c]}); empty for the other tasks
 * @param quality the data-quality rules ({@code quality:}); never {@code null}
 */
public record DatasetConfig(String name, Path source, String dateColumn, String dateFormat, String labelColumn,
		Task task, String positiveLabel, String negativeLabel, Set<String> missingTokens, List<Feature> features,
		List<String> idColumns, List<String> scoreColumns, ImportSettings importSettings, ValueMatrix valueMatrix,
		MetricDefinitions metricDefinitions, Segments segments, boolean estimateWithoutLabels, List<String> classes,
		QualityRules quality) {

	/** The date pattern of a dataset that names none ({@code date.format}). */
	public static final String DEFAULT_DATE_FORMAT = "yyyy-MM-dd";

	public DatasetConfig {
		classes = (classes == null) ? List.of() : List.copyOf(classes);
		if ((task == Task.MULTICLASS) != (classes.size() >= 2)) {
			throw new IllegalArgumentException("a multiclass dataset, and only one, has at least 2 classes");
		}
		missingTokens = Set.copyOf(missingTokens);
		features = List.copyOf(features);
		idColumns = List.copyOf(idColumns);
		scoreColumns = List.copyOf(scoreColumns);
		if (importSettings == null) {
			importSettings = ImportSettings.DEFAULTS;
		}
		if (valueMatrix != null && valueMatrix.task() != task) {
			throw new IllegalArgumentException(
					"a " + valueMatrix.task().key() + " value matrix on a " + task.key() + " dataset");
		}
		if (metricDefinitions == null) {
			metricDefinitions = MetricDefinitions.NONE;
		}
		if (segments == null) {
			segments = Segments.NONE;
		}
		if (quality == null) {
			quality = QualityRules.NONE;
		}
	}

	/** A dataset that is not multiclass, without data-quality rules. */
	public DatasetConfig(String name, Path source, String dateColumn, String dateFormat, String labelColumn, Task task,
			String positiveLabel, String negativeLabel, Set<String> missingTokens, List<Feature> features,
			List<String> idColumns, List<String> scoreColumns, ImportSettings importSettings, ValueMatrix valueMatrix,
			MetricDefinitions metricDefinitions, Segments segments, boolean estimateWithoutLabels) {
		this(name, source, dateColumn, dateFormat, labelColumn, task, positiveLabel, negativeLabel, missingTokens,
				features, idColumns, scoreColumns, importSettings, valueMatrix, metricDefinitions, segments,
				estimateWithoutLabels, List.of(), QualityRules.NONE);
	}

	/** A dataset without segments that does not ask for estimates without labels. */
	public DatasetConfig(String name, Path source, String dateColumn, String dateFormat, String labelColumn, Task task,
			String positiveLabel, String negativeLabel, Set<String> missingTokens, List<Feature> features,
			List<String> idColumns, List<String> scoreColumns, ImportSettings importSettings, ValueMatrix valueMatrix,
			MetricDefinitions metricDefinitions) {
		this(name, source, dateColumn, dateFormat, labelColumn, task, positiveLabel, negativeLabel, missingTokens,
				features, idColumns, scoreColumns, importSettings, valueMatrix, metricDefinitions, Segments.NONE,
				false);
	}

	/** A dataset that defines no metric of its own. */
	public DatasetConfig(String name, Path source, String dateColumn, String dateFormat, String labelColumn, Task task,
			String positiveLabel, String negativeLabel, Set<String> missingTokens, List<Feature> features,
			List<String> idColumns, List<String> scoreColumns, ImportSettings importSettings, ValueMatrix valueMatrix) {
		this(name, source, dateColumn, dateFormat, labelColumn, task, positiveLabel, negativeLabel, missingTokens,
				features, idColumns, scoreColumns, importSettings, valueMatrix, MetricDefinitions.NONE);
	}

	/** A dataset without a value matrix. */
	public DatasetConfig(String name, Path source, String dateColumn, String dateFormat, String labelColumn, Task task,
			String positiveLabel, String negativeLabel, Set<String> missingTokens, List<Feature> features,
			List<String> idColumns, List<String> scoreColumns, ImportSettings importSettings) {
		this(name, source, dateColumn, dateFormat, labelColumn, task, positiveLabel, negativeLabel, missingTokens,
				features, idColumns, scoreColumns, importSettings, null);
	}

	/**
	 * A dataset without logged score columns, with the default {@link ImportSettings}.
	 */
	public DatasetConfig(String name, Path source, String dateColumn, String dateFormat, String labelColumn, Task task,
			String positiveLabel, String negativeLabel, Set<String> missingTokens, List<Feature> features,
			List<String> idColumns) {
		this(name, source, dateColumn, dateFormat, labelColumn, task, positiveLabel, negativeLabel, missingTokens,
				features, idColumns, List.of(), ImportSettings.DEFAULTS);
	}

	/** A dataset with logged score columns, with the default {@link ImportSettings}. */
	public DatasetConfig(String name, Path source, String dateColumn, String dateFormat, String labelColumn, Task task,
			String positiveLabel, String negativeLabel, Set<String> missingTokens, List<Feature> features,
			List<String> idColumns, List<String> scoreColumns) {
		this(name, source, dateColumn, dateFormat, labelColumn, task, positiveLabel, negativeLabel, missingTokens,
				features, idColumns, scoreColumns, ImportSettings.DEFAULTS);
	}

	/** The same dataset with other import settings. */
	public DatasetConfig withImportSettings(ImportSettings settings) {
		return new DatasetConfig(this.name, this.source, this.dateColumn, this.dateFormat, this.labelColumn, this.task,
				this.positiveLabel, this.negativeLabel, this.missingTokens, this.features, this.idColumns,
				this.scoreColumns, settings, this.valueMatrix, this.metricDefinitions, this.segments,
				this.estimateWithoutLabels, this.classes, this.quality);
	}

	/** The same dataset with another value matrix ({@code null} for none). */
	public DatasetConfig withValueMatrix(ValueMatrix matrix) {
		return new DatasetConfig(this.name, this.source, this.dateColumn, this.dateFormat, this.labelColumn, this.task,
				this.positiveLabel, this.negativeLabel, this.missingTokens, this.features, this.idColumns,
				this.scoreColumns, this.importSettings, matrix, this.metricDefinitions, this.segments,
				this.estimateWithoutLabels, this.classes, this.quality);
	}

	/** The same dataset with other metric definitions. */
	public DatasetConfig withMetricDefinitions(MetricDefinitions definitions) {
		return new DatasetConfig(this.name, this.source, this.dateColumn, this.dateFormat, this.labelColumn, this.task,
				this.positiveLabel, this.negativeLabel, this.missingTokens, this.features, this.idColumns,
				this.scoreColumns, this.importSettings, this.valueMatrix, definitions, this.segments,
				this.estimateWithoutLabels, this.classes, this.quality);
	}

	/** The same dataset with other segments. */
	public DatasetConfig withSegments(Segments other) {
		return new DatasetConfig(this.name, this.source, this.dateColumn, this.dateFormat, this.labelColumn, this.task,
				this.positiveLabel, this.negativeLabel, this.missingTokens, this.features, this.idColumns,
				this.scoreColumns, this.importSettings, this.valueMatrix, this.metricDefinitions, other,
				this.estimateWithoutLabels, this.classes, this.quality);
	}

	/**
	 * The index of a multiclass label's value in {@link #classes()}, or -1 when it is not
	 * one of them.
	 */
	public int classIndex(String label) {
		return this.classes.indexOf(label);
	}

	/**
	 * The segment columns that are not features: read into {@link Row#extras()} in this
	 * order (a feature's cell is in the row already).
	 */
	public List<String> extraColumns() {
		return this.segments.columns()
			.stream()
			.map(SegmentColumn::name)
			.filter((column) -> featureIndex(column) < 0)
			.toList();
	}

	/**
	 * The position of a feature in {@link #features()}, or -1 when the dataset has no
	 * such feature.
	 */
	public int featureIndex(String featureName) {
		for (int i = 0; i < this.features.size(); i++) {
			if (this.features.get(i).name().equals(featureName)) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * The position of a logged score column in {@link #scoreColumns()}, or -1 when the
	 * dataset has no such column.
	 */
	public int scoreIndex(String column) {
		return this.scoreColumns.indexOf(column);
	}

	/**
	 * Every column a data file must have: date, label, id columns, features, score
	 * columns and segment columns, without repeats.
	 */
	public List<String> requiredColumns() {
		List<String> columns = new ArrayList<>();
		addOnce(columns, this.dateColumn);
		addOnce(columns, this.labelColumn);
		this.idColumns.forEach((column) -> addOnce(columns, column));
		this.features.forEach((feature) -> addOnce(columns, feature.name()));
		this.scoreColumns.forEach((column) -> addOnce(columns, column));
		extraColumns().forEach((column) -> addOnce(columns, column));
		return columns;
	}

	/** Whether a cell value stands for a missing value. */
	public boolean isMissing(String value) {
		return value == null || value.isEmpty() || this.missingTokens.contains(value);
	}

	private static void addOnce(List<String> columns, String column) {
		if (!columns.contains(column)) {
			columns.add(column);
		}
	}

}
