package io.ratchet.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.ratchet.config.ConfigException;
import io.ratchet.config.ConfigFormat;
import io.ratchet.config.ConfigNode;
import io.ratchet.config.ConfigNode.Field;
import io.ratchet.config.ConfigNode.Mapping;
import io.ratchet.config.ConfigTree;

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
			return dataset(ymlFile, root);
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

	/**
	 * Binds the tree to a {@link DatasetConfig}: the keys and the name here, each section
	 * by its reader ({@link DateSection}, {@link LabelSection}, {@link ColumnsSection},
	 * {@link ImportSection}, {@link ValueSection}, {@link MetricsSection},
	 * {@link SegmentsSection}, {@link EstimateSection}, {@link QualitySection}), in the
	 * order of the checks, so that the first problem of the file is the one reported.
	 */
	private static DatasetConfig dataset(Path file, ConfigNode root) {
		Mapping top = root.mapping("a mapping of fields");
		top.allowOnly("", "name", "date", "label", "missing", "id", "features", "scores", "encoding",
				"max-record-length", "value", "top-k", "metrics", "segments", "estimate", "quality");
		String name = name(file, top.required("", "name"));
		DateSection date = DateSection.read(top.required("", "date"));
		LabelSection label = LabelSection.read(top.required("", "label"));
		Set<String> missing = ColumnsSection.missingTokens(top.get("missing"));
		List<String> ids = ColumnsSection.ids(top.get("id"));
		List<Feature> features = ColumnsSection.features(top.required("", "features"), label.column());
		List<String> scores = ColumnsSection.scores(top.get("scores"), date.column(), label.column(), ids, features);
		ImportSettings settings = ImportSection.read(top.get("encoding"), top.get("max-record-length"), date);
		if (label.task() == Task.MULTICLASS) {
			refuseForMulticlass(top, "value", "top-k", "metrics", "segments", "scores");
		}
		ValueMatrix value = ValueSection.read(top.get("value"), label.task());
		return DatasetConfig.builder(name, file)
			.date(date.column(), date.format())
			.label(label.column(), label.task())
			.labels(label.positive(), label.negative())
			.classes(label.classes())
			.missingTokens(missing)
			.features(features)
			.idColumns(ids)
			.scoreColumns(scores)
			.importSettings(settings)
			.valueMatrix(value)
			.metricDefinitions(MetricsSection.read(top.get("top-k"), top.get("metrics"), label.task(), value != null))
			.segments(SegmentsSection.read(top.get("segments"), date.column(), label.column(), features))
			.estimateWithoutLabels(EstimateSection.read(top.get("estimate"), name, label.task()))
			.quality(QualitySection.read(top.get("quality"), features))
			.build();
	}

	/** {@code name:}, which must equal the file's name without {@code .yml}. */
	private static String name(Path file, Field field) {
		String name = field.text("name");
		String fileName = file.getFileName().toString();
		String expected = fileName.endsWith(".yml") ? fileName.substring(0, fileName.length() - 4) : fileName;
		if (!name.equals(expected)) {
			throw field.error("name '" + name + "' does not match the file name '" + fileName + "'");
		}
		return name;
	}

	/**
	 * What multiclass datasets do not have yet: figures of their own, a value matrix,
	 * segments and logged scores are built on one score per row.
	 */
	private static void refuseForMulticlass(Mapping top, String... keys) {
		for (String key : keys) {
			Field field = top.get(key);
			if (field != null) {
				throw field.error(key + " is not available for a multiclass dataset yet"
						+ " (its model gives one probability per class)");
			}
		}
	}

}
