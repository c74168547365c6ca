package io.ratchet.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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

	/**
	 * The record's one constructor. Every default is here: {@code null} stands for the
	 * default of a part (the {@link #DEFAULT_DATE_FORMAT}, no missing tokens beyond the
	 * empty cell, no id or score columns, {@link ImportSettings#DEFAULTS}, no value
	 * matrix, {@link MetricDefinitions#NONE}, {@link Segments#NONE}, no classes,
	 * {@link QualityRules#NONE}). In code, build one with {@link #builder(String, Path)}.
	 */
	public DatasetConfig {
		Objects.requireNonNull(name, "a dataset needs a name");
		Objects.requireNonNull(dateColumn, () -> "dataset " + name + " needs a date column");
		Objects.requireNonNull(labelColumn, () -> "dataset " + name + " needs a label column");
		Objects.requireNonNull(task, () -> "dataset " + name + " needs a task");
		dateFormat = (dateFormat == null) ? DEFAULT_DATE_FORMAT : dateFormat;
		classes = (classes == null) ? List.of() : List.copyOf(classes);
		if ((task == Task.MULTICLASS) != (classes.size() >= 2)) {
			throw new IllegalArgumentException("a multiclass dataset, and only one, has at least 2 classes");
		}
		missingTokens = (missingTokens == null) ? Set.of() : Set.copyOf(missingTokens);
		features = (features == null) ? List.of() : List.copyOf(features);
		idColumns = (idColumns == null) ? List.of() : List.copyOf(idColumns);
		scoreColumns = (scoreColumns == null) ? List.of() : List.copyOf(scoreColumns);
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

	/**
	 * A builder of a dataset: set what the dataset has (at least its date column, its
	 * label and its features), leave the rest to the defaults of the record's
	 * constructor.
	 * @param name the dataset's name
	 * @param source the YAML file it comes from, or {@code null} when built in code
	 */
	public static Builder builder(String name, Path source) {
		return new Builder(name, source);
	}

	/** A builder holding every part of this dataset, to change some of them. */
	public Builder toBuilder() {
		return new Builder(this.name, this.source).date(this.dateColumn, this.dateFormat)
			.label(this.labelColumn, this.task)
			.labels(this.positiveLabel, this.negativeLabel)
			.classes(this.classes)
			.missingTokens(this.missingTokens)
			.features(this.features)
			.idColumns(this.idColumns)
			.scoreColumns(this.scoreColumns)
			.importSettings(this.importSettings)
			.valueMatrix(this.valueMatrix)
			.metricDefinitions(this.metricDefinitions)
			.segments(this.segments)
			.estimateWithoutLabels(this.estimateWithoutLabels)
			.quality(this.quality);
	}

	/** The same dataset with other import settings. */
	public DatasetConfig withImportSettings(ImportSettings settings) {
		return toBuilder().importSettings(settings).build();
	}

	/** The same dataset with another value matrix ({@code null} for none). */
	public DatasetConfig withValueMatrix(ValueMatrix matrix) {
		return toBuilder().valueMatrix(matrix).build();
	}

	/** The same dataset with other metric definitions. */
	public DatasetConfig withMetricDefinitions(MetricDefinitions definitions) {
		return toBuilder().metricDefinitions(definitions).build();
	}

	/** The same dataset with other segments. */
	public DatasetConfig withSegments(Segments other) {
		return toBuilder().segments(other).build();
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

	/**
	 * Builds a {@link DatasetConfig} part by part, in place of a constructor of 19
	 * arguments. What is not set is {@code null} (or {@code false}) and takes the record
	 * constructor's default; {@link #build()} checks the whole.
	 */
	public static final class Builder {

		private final String name;

		private final Path source;

		private String dateColumn;

		private String dateFormat;

		private String labelColumn;

		private Task task;

		private String positiveLabel;

		private String negativeLabel;

		private List<String> classes;

		private Set<String> missingTokens;

		private List<Feature> features;

		private List<String> idColumns;

		private List<String> scoreColumns;

		private ImportSettings importSettings;

		private ValueMatrix valueMatrix;

		private MetricDefinitions metricDefinitions;

		private Segments segments;

		private boolean estimateWithoutLabels;

		private QualityRules quality;

		private Builder(String name, Path source) {
			this.name = name;
			this.source = source;
		}

		/** The date column, in the {@link #DEFAULT_DATE_FORMAT}. */
		public Builder date(String column) {
			return date(column, null);
		}

		/**
		 * The date column and its {@link java.time.format.DateTimeFormatter} pattern
		 * ({@code null} for the default).
		 */
		public Builder date(String column, String format) {
			this.dateColumn = column;
			this.dateFormat = format;
			return this;
		}

		/**
		 * The label column and its task; a binary label also needs {@link #labels}, a
		 * multiclass one {@link #classes}.
		 */
		public Builder label(String column, Task task) {
			this.labelColumn = column;
			this.task = task;
			return this;
		}

		/**
		 * A binary label: its column, the value meaning class 1 and the one meaning class
		 * 0 ({@code null} for "any other value").
		 */
		public Builder binaryLabel(String column, String positive, String negative) {
			return label(column, Task.BINARY).labels(positive, negative);
		}

		/**
		 * The values of a binary label meaning class 1 and class 0 ({@code null} for "any
		 * other value").
		 */
		public Builder labels(String positive, String negative) {
			this.positiveLabel = positive;
			this.negativeLabel = negative;
			return this;
		}

		/** A multiclass label's values, in the order of the model's probabilities. */
		public Builder classes(List<String> classes) {
			this.classes = classes;
			return this;
		}

		/** The cell values meaning "missing" (the empty cell always does). */
		public Builder missingTokens(Set<String> tokens) {
			this.missingTokens = tokens;
			return this;
		}

		/** The feature columns, in the order of a row's values. */
		public Builder features(List<Feature> features) {
			this.features = features;
			return this;
		}

		/** The columns that identify a row within its month. */
		public Builder idColumns(List<String> columns) {
			this.idColumns = columns;
			return this;
		}

		/** The columns holding scores logged in production. */
		public Builder scoreColumns(List<String> columns) {
			this.scoreColumns = columns;
			return this;
		}

		/** Encoding, longest record and plausible dates of the files read. */
		public Builder importSettings(ImportSettings settings) {
			this.importSettings = settings;
			return this;
		}

		/** What decisions are worth ({@code null} for none). */
		public Builder valueMatrix(ValueMatrix matrix) {
			this.valueMatrix = matrix;
			return this;
		}

		/** The metrics the dataset defines beyond the built-in ones. */
		public Builder metricDefinitions(MetricDefinitions definitions) {
			this.metricDefinitions = definitions;
			return this;
		}

		/** The columns whose levels get figures of their own. */
		public Builder segments(Segments segments) {
			this.segments = segments;
			return this;
		}

		/** Whether the now-test estimates the performance of rows awaiting labels. */
		public Builder estimateWithoutLabels(boolean estimate) {
			this.estimateWithoutLabels = estimate;
			return this;
		}

		/** The data-quality rules. */
		public Builder quality(QualityRules rules) {
			this.quality = rules;
			return this;
		}

		/**
		 * The dataset.
		 * @throws NullPointerException without a date column, a label column or a task
		 * @throws IllegalArgumentException for classes on a task that is not multiclass
		 * (or none on one that is), or a value matrix of another task
		 */
		public DatasetConfig build() {
			return new DatasetConfig(this.name, this.source, this.dateColumn, this.dateFormat, this.labelColumn,
					this.task, this.positiveLabel, this.negativeLabel, this.missingTokens, this.features,
					this.idColumns, this.scoreColumns, this.importSettings, this.valueMatrix, this.metricDefinitions,
					this.segments, this.estimateWithoutLabels, this.classes, this.quality);
		}

	}

}
