package io.ratchet.data;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.ratchet.config.ConfigException;
import io.ratchet.config.ConfigFormat;
import io.ratchet.config.ConfigNode;
import io.ratchet.config.ConfigNode.Field;
import io.ratchet.config.ConfigNode.Mapping;
import io.ratchet.config.ConfigNode.Scalar;
import io.ratchet.config.ConfigNode.Sequence;
import io.ratchet.config.ConfigTree;
import io.ratchet.metrics.DatasetMetric;

/**
 * Reads dataset configurations, {@code config/datasets/<name>.yml}.
 * <p>
 * The YAML is read by {@link ConfigTree} into a tree that remembers the line of every key
 * and value, and bound by hand: that way every error (unknown or missing field, bad
 * value, duplicate feature) names the file and the line it is on, which data binding
 * alone cannot do for checks made after binding.
 */
public final class DatasetConfigs {

	/**
	 * Dataset names: no separators, no leading dot, so a name can never reach outside its
	 * folder.
	 */
	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

	/** The top-k shares every binary dataset has (the built-in metrics). */
	private static final Map<String, Double> BUILT_IN_TOP_K = Map.of("top5pct", 0.05, "top10pct", 0.10);

	private static final String DEFAULT_DATE_FORMAT = "yyyy-MM-dd";

	/** The most classes a multiclass label may have. */
	public static final int MAX_CLASSES = 100;

	private DatasetConfigs() {
	}

	/**
	 * Loads {@code <configDir>/datasets/<name>.yml}.
	 * @throws DatasetConfigException for a name that is not
	 * {@code [A-Za-z0-9][A-Za-z0-9._-]*}, or a bad file
	 * @throws UnknownDatasetException when there is no such file (the message lists the
	 * known datasets)
	 */
	public static DatasetConfig load(Path configDir, String name) {
		return load(fileOf(configDir, name));
	}

	/**
	 * The YAML file of a dataset, {@code <configDir>/datasets/<name>.yml}, after checking
	 * that the name is a plain name (no path traversal) and that the file exists.
	 */
	public static Path fileOf(Path configDir, String name) {
		if (name == null || !NAME.matcher(name).matches()) {
			throw new DatasetConfigException(null, 0, "invalid dataset name '" + name
					+ "': use letters, digits, '.', '_' and '-', starting with a letter or digit");
		}
		Path folder = configDir.resolve("datasets");
		Path file = folder.resolve(name + ".yml");
		if (!Files.isRegularFile(file)) {
			throw new UnknownDatasetException(folder, name, known(folder));
		}
		return file;
	}

	/**
	 * Loads one dataset file; its {@code name:} must equal the file's name without
	 * {@code .yml}.
	 * @throws DatasetConfigException naming the file and line of the first problem found
	 */
	public static DatasetConfig load(Path ymlFile) {
		try {
			ConfigNode root = ConfigTree.read(ymlFile, ConfigFormat.YAML)
				.orElseThrow(() -> new ConfigException(ymlFile, 0, "empty file"));
			return new Binder(ymlFile).dataset(root);
		}
		catch (ConfigException ex) {
			throw new DatasetConfigException(ex.file(), ex.line(), ex.reason(), ex);
		}
	}

	/**
	 * The names of the datasets configured in {@code <configDir>/datasets/} (its
	 * {@code *.yml} files), sorted.
	 */
	public static List<String> names(Path configDir) {
		return known(configDir.resolve("datasets"));
	}

	private static List<String> known(Path folder) {
		if (!Files.isDirectory(folder)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(folder)) {
			return files.map((file) -> file.getFileName().toString())
				.filter((file) -> file.endsWith(".yml"))
				.map((file) -> file.substring(0, file.length() - 4))
				.filter((name) -> NAME.matcher(name).matches())
				.sorted()
				.collect(Collectors.toList());
		}
		catch (IOException ex) {
			return List.of();
		}
	}

	/** Binds the tree to a {@link DatasetConfig}, checking every field. */
	private static final class Binder {

		private final Path file;

		Binder(Path file) {
			this.file = file;
		}

		DatasetConfig dataset(ConfigNode root) {
			Mapping top = root.mapping("a mapping of fields");
			top.allowOnly("", "name", "date", "label", "missing", "id", "features", "scores", "encoding",
					"max-record-length", "value", "top-k", "metrics", "segments", "estimate", "quality");
			Field nameField = top.required("", "name");
			String name = nameField.text("name");
			String fileName = this.file.getFileName().toString();
			String expected = fileName.endsWith(".yml") ? fileName.substring(0, fileName.length() - 4) : fileName;
			if (!name.equals(expected)) {
				throw error(nameField.line(), "name '" + name + "' does not match the file name '" + fileName + "'");
			}

			Mapping date = top.required("", "date").value().mapping("a mapping of date fields");
			date.allowOnly("date", "column", "format", "earliest", "latest");
			String dateColumn = date.required("date", "column").text("date.column");
			String dateFormat = DEFAULT_DATE_FORMAT;
			Field format = date.get("format");
			if (format != null) {
				dateFormat = format.text("date.format");
				String problem = RowParser.DateParser.check(dateFormat);
				if (problem != null) {
					throw error(format.line(), "date.format: " + problem);
				}
			}
			LocalDate earliest = isoDate(date.get("earliest"), "date.earliest", ImportSettings.DEFAULT_EARLIEST_DATE);
			Field latestField = date.get("latest");
			LocalDate latest = isoDate(latestField, "date.latest", null);
			if (latest != null && latest.isBefore(earliest)) {
				throw error(latestField.line(), "date.latest " + latest + " is before date.earliest " + earliest);
			}

			Mapping label = top.required("", "label").value().mapping("a mapping of label fields");
			label.allowOnly("label", "column", "task", "positive", "negative", "classes");
			String labelColumn = label.required("label", "column").text("label.column");
			Field taskField = label.required("label", "task");
			Task task;
			try {
				task = Task.parse(taskField.text("label.task"));
			}
			catch (IllegalArgumentException ex) {
				throw error(taskField.line(), "label.task: " + ex.getMessage());
			}
			Field positiveField = label.get("positive");
			Field negativeField = label.get("negative");
			String positive = null;
			String negative = null;
			if (task == Task.BINARY) {
				if (positiveField == null) {
					throw error(label.line(), "label.positive is required for a binary label");
				}
				positive = positiveField.text("label.positive");
				if (negativeField != null) {
					negative = negativeField.text("label.negative");
					if (negative.equals(positive)) {
						throw error(negativeField.line(), "label.negative equals label.positive '" + positive + "'");
					}
				}
			}
			else {
				Field binaryOnly = (positiveField != null) ? positiveField : negativeField;
				if (binaryOnly != null) {
					throw error(binaryOnly.line(), "label." + binaryOnly.key() + " is for binary labels only");
				}
			}
			List<String> classes = classes(label, task);

			Set<String> missing = new LinkedHashSet<>(List.of(""));
			Field missingField = top.get("missing");
			if (missingField != null) {
				missing.addAll(missingField.texts("missing"));
			}
			List<String> ids = new ArrayList<>();
			Field idField = top.get("id");
			if (idField != null) {
				for (String id : idField.texts("id")) {
					if (ids.contains(id)) {
						throw error(idField.line(), "id column '" + id + "' is listed twice");
					}
					ids.add(id);
				}
			}
			List<Feature> features = features(top.required("", "features"), labelColumn);
			List<String> scores = scores(top.get("scores"), dateColumn, labelColumn, ids, features);
			ImportSettings settings = new ImportSettings(encoding(top.get("encoding")),
					maxRecordLength(top.get("max-record-length")), earliest, latest);
			if (task == Task.MULTICLASS) {
				refuseForMulticlass(top, "value", "top-k", "metrics", "segments", "scores");
			}
			ValueMatrix value = valueMatrix(top.get("value"), task);
			MetricDefinitions definitions = new MetricDefinitions(topK(top.get("top-k"), task),
					formulas(top.get("metrics"), task, value != null));
			return new DatasetConfig(name, this.file, dateColumn, dateFormat, labelColumn, task, positive, negative,
					missing, features, ids, scores, settings, value, definitions,
					SegmentsSection.read(top.get("segments"), dateColumn, labelColumn, features),
					estimateWithoutLabels(top.get("estimate"), name, task), classes,
					QualitySection.read(top.get("quality"), features));
		}

		/**
		 * {@code label.classes}: a multiclass label's values, at least 2, distinct, in
		 * the order of the model's probabilities; only for a multiclass label.
		 */
		private List<String> classes(Mapping label, Task task) {
			Field field = label.get("classes");
			if (task != Task.MULTICLASS) {
				if (field != null) {
					throw error(field.line(), "label.classes is for multiclass labels only");
				}
				return List.of();
			}
			if (field == null) {
				throw error(label.line(), "label.classes is required for a multiclass label, e.g. classes: [a, b, c]");
			}
			List<String> classes = new ArrayList<>();
			for (Scalar item : field.scalars("label.classes")) {
				String value = item.text();
				if (value == null || value.isBlank()) {
					throw error(item.line(), "label.classes has an empty class");
				}
				if (classes.contains(value)) {
					throw error(item.line(), "label.classes lists '" + value + "' twice");
				}
				classes.add(value);
			}
			if (classes.size() < 2 || classes.size() > MAX_CLASSES) {
				throw error(field.line(),
						"label.classes has " + classes.size() + " classes; a multiclass label has 2 to " + MAX_CLASSES);
			}
			return classes;
		}

		/**
		 * What multiclass datasets do not have yet: figures of their own, a value matrix,
		 * segments and logged scores are built on one score per row.
		 */
		private void refuseForMulticlass(Mapping top, String... keys) {
			for (String key : keys) {
				Field field = top.get(key);
				if (field != null) {
					throw error(field.line(), key + " is not available for a multiclass dataset yet"
							+ " (its model gives one probability per class)");
				}
			}
		}

		/**
		 * {@code estimate: cbpe}: the now-test estimates the performance of rows still
		 * awaiting labels from the scores alone, which needs a binary model's
		 * probabilities.
		 */
		private boolean estimateWithoutLabels(Field field, String name, Task task) {
			if (field == null) {
				return false;
			}
			String method = field.text("estimate");
			if (!method.equals("cbpe")) {
				throw error(field.line(), "estimate: unknown method '" + method + "' (expected cbpe)");
			}
			if (task != Task.BINARY) {
				throw error(field.line(),
						"estimate: cbpe estimates a binary model's performance from its" + " probabilities; dataset "
								+ name + " is " + task.key() + ", so it cannot be estimated" + " without labels");
			}
			return true;
		}

		/**
		 * {@code top-k:}, a list of shares in (0, 1) beyond the built-in 5% and 10%
		 * (which may be listed too); two shares giving one name are an error.
		 */
		private List<TopK> topK(Field field, Task task) {
			if (field == null) {
				return List.of();
			}
			if (task != Task.BINARY) {
				throw error(field.line(), "top-k is for binary datasets (precision among the top k% by score)");
			}
			Map<String, TopK> listed = new LinkedHashMap<>();
			for (Scalar item : field.scalars("top-k")) {
				double share = item.number("top-k share");
				TopK topK;
				try {
					topK = new TopK(share);
				}
				catch (IllegalArgumentException ex) {
					throw error(item.line(), "top-k: " + ex.getMessage());
				}
				Double builtIn = BUILT_IN_TOP_K.get(topK.suffix());
				TopK earlier = listed.get(topK.suffix());
				if ((builtIn != null && builtIn != share) || earlier != null) {
					throw error(item.line(),
							"top-k: " + share + " and " + ((builtIn != null) ? builtIn : earlier.share())
									+ " both give the name " + topK.suffix() + " (round(100 k)); keep one");
				}
				if (builtIn == null) {
					listed.put(topK.suffix(), topK);
				}
			}
			return List.copyOf(listed.values());
		}

		/**
		 * {@code metrics:}, formulas by name: {@code name: "formula"} or {@code name:
		 * {formula: "...", better: higher|lower}} (higher by default).
		 */
		private List<CountFormula> formulas(Field field, Task task, boolean valued) {
			if (field == null || field.isEmpty()) {
				return List.of();
			}
			List<String> names = new ArrayList<>(
					(task == Task.BINARY) ? CountFormula.BINARY_NAMES : CountFormula.REGRESSION_NAMES);
			if (!valued) {
				names.remove("business_value");
			}
			List<CountFormula> formulas = new ArrayList<>();
			for (Field metric : field.value().mapping("a mapping of formulas by metric name").fields().values()) {
				String metricName = metric.key();
				String problem = DatasetMetric.isTopKName(metricName) ? "it is the name of a top-k metric"
						: DatasetMetric.nameProblem(metricName);
				if (problem != null) {
					throw error(metric.line(), "metrics: \"" + metricName + "\" cannot name a metric: " + problem);
				}
				Field text = metric;
				boolean higher = true;
				if (metric.value() instanceof Mapping spec) {
					spec.allowOnly("metrics." + metricName, "formula", "better");
					text = spec.required("metrics." + metricName, "formula");
					Field better = spec.get("better");
					if (better != null) {
						String side = better.text("metrics." + metricName + ".better");
						if (!side.equals("higher") && !side.equals("lower")) {
							throw error(better.line(),
									"metrics." + metricName + ".better must be higher or lower, not \"" + side + "\"");
						}
						higher = side.equals("higher");
					}
				}
				String formula = text.text("metrics." + metricName);
				try {
					formulas.add(CountFormula.parse(metricName, formula, higher, names));
				}
				catch (IllegalArgumentException ex) {
					throw error(text.line(), "metrics." + metricName + ": " + ex.getMessage()
							+ (!valued && formula.contains("business_value") ? " (business_value needs value:)" : ""));
				}
			}
			return formulas;
		}

		/**
		 * {@code value:}, the value matrix: every cell of the task's, each a number
		 * ({@code {tp, fp, tn, fn}} for binary, {@code {under, over}} for regression).
		 */
		private ValueMatrix valueMatrix(Field field, Task task) {
			if (field == null) {
				return null;
			}
			List<String> cells = (task == Task.BINARY) ? List.of("tp", "fp", "tn", "fn") : List.of("under", "over");
			List<String> others = (task == Task.BINARY) ? List.of("under", "over") : List.of("tp", "fp", "tn", "fn");
			if (!(field.value() instanceof Mapping matrix)) {
				throw error(field.line(), "value: expected a mapping of " + String.join(", ", cells) + " (a value per "
						+ ((task == Task.BINARY) ? "row" : "unit") + "), e.g. "
						+ ((task == Task.BINARY) ? "{tp: 10, fp: -5, fn: -20, tn: 0}" : "{under: -2, over: -1}"));
			}
			for (Field cell : matrix.fields().values()) {
				if (others.contains(cell.key())) {
					throw error(cell.line(),
							"value." + cell.key() + " is for " + ((task == Task.BINARY) ? "regression" : "binary")
									+ " datasets; a " + task.key() + " value matrix has " + String.join(", ", cells));
				}
			}
			matrix.allowOnly("value", cells.toArray(String[]::new));
			double[] values = new double[cells.size()];
			for (int i = 0; i < values.length; i++) {
				Field cell = matrix.required("value", cells.get(i));
				double number = cell.scalar("value." + cell.key()).number("value." + cell.key());
				if (!Double.isFinite(number)) {
					throw error(cell.line(), "value." + cell.key() + " must be a finite number, not " + number);
				}
				values[i] = number;
			}
			return (task == Task.BINARY) ? ValueMatrix.binary(values[0], values[1], values[2], values[3])
					: ValueMatrix.regression(values[0], values[1]);
		}

		private Charset encoding(Field field) {
			if (field == null) {
				return StandardCharsets.UTF_8;
			}
			String name = field.text("encoding");
			try {
				return Charset.forName(name);
			}
			catch (IllegalArgumentException ex) {
				throw error(field.line(), "encoding: unknown character set '" + name
						+ "' (for example UTF-8, ISO-8859-1, windows-1252, UTF-16)");
			}
		}

		private int maxRecordLength(Field field) {
			if (field == null) {
				return ImportSettings.DEFAULT_MAX_RECORD_LENGTH;
			}
			String text = field.text("max-record-length");
			try {
				int length = Integer.parseInt(text);
				if (length > 0) {
					return length;
				}
			}
			catch (NumberFormatException ex) {
				// told below
			}
			throw error(field.line(),
					"max-record-length: expected a positive number of characters, found '" + text + "'");
		}

		private LocalDate isoDate(Field field, String what, LocalDate absent) {
			if (field == null) {
				return absent;
			}
			String text = field.text(what);
			try {
				return LocalDate.parse(text);
			}
			catch (DateTimeParseException ex) {
				throw error(field.line(), what + ": expected a date yyyy-MM-dd, found '" + text + "'");
			}
		}

		/**
		 * {@code scores:}, the columns holding scores logged in production by models
		 * Ratchet cannot re-score: plain column names, none of them the date, the label,
		 * an id column or a feature.
		 */
		private List<String> scores(Field field, String dateColumn, String labelColumn, List<String> ids,
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
					throw error(field.line(), "scores: column '" + column + "' is " + clash);
				}
				scores.add(column);
			}
			return scores;
		}

		private List<Feature> features(Field field, String labelColumn) {
			if (!(field.value() instanceof Sequence sequence)) {
				throw error(field.line(), "features: expected a list of {name, type}");
			}
			if (sequence.items().isEmpty()) {
				throw error(field.line(), "features: the list is empty; a dataset needs at least one feature");
			}
			List<Feature> features = new ArrayList<>();
			Set<String> names = new LinkedHashSet<>();
			for (ConfigNode item : sequence.items()) {
				Mapping mapping = item.mapping("a mapping of feature fields (name, type)");
				mapping.allowOnly("features", "name", "type");
				Field nameField = mapping.required("features", "name");
				String name = nameField.text("features.name");
				if (!names.add(name)) {
					throw error(nameField.line(), "duplicate feature '" + name + "'");
				}
				if (name.equals(labelColumn)) {
					throw error(nameField.line(), "feature '" + name + "' is the label column");
				}
				Field typeField = mapping.required("features", "type");
				String type = typeField.text("features.type");
				FeatureType featureType = switch (type.toLowerCase(Locale.ROOT)) {
					case "numeric" -> FeatureType.NUMERIC;
					case "categorical" -> FeatureType.CATEGORICAL;
					default -> throw error(typeField.line(),
							"unknown feature type '" + type + "' (expected numeric or categorical)");
				};
				features.add(new Feature(name, featureType));
			}
			return features;
		}

		private ConfigException error(int line, String message) {
			return new ConfigException(this.file, line, message);
		}

	}

}
