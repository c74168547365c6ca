package io.ratchet.model.importers;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.DatasetConfigs;
import io.ratchet.data.Feature;
import io.ratchet.data.FeatureType;
import io.ratchet.data.Row;
import io.ratchet.data.Task;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Assumptions;

/**
 * The model zoo ({@code ../shared/oracle/model-zoo/}): the tree models of weatherAUS and
 * bike-sharing in their native formats, with each library's golden predictions and
 * monthly metrics. Tests that use it skip with a message when it is absent (a user's
 * clone).
 */
public final class Zoo {

	/** The shared reference folder, beside the project. */
	public static final Path SHARED = Path.of("..", "shared").toAbsolutePath().normalize();

	/** The zoo itself. */
	public static final Path ZOO = SHARED.resolve("oracle/model-zoo");

	/** The two cases and their source data. */
	public static final Map<String, Path> SOURCES = Map.of("weather-aus",
			SHARED.resolve("data/weather-aus/weatherAUS.csv"), "bike-sharing",
			SHARED.resolve("data/bike-sharing/hour.csv"));

	/**
	 * The tree models of each case that Ratchet imports, with their file (the ONNX kind
	 * has its own tests).
	 */
	public static final List<String> MODELS = List.of("xgb-onehot", "xgb-nativecat", "lightgbm", "sklearn-gb",
			"sklearn-rf", "sklearn-hgb", "sklearn-hgb-nativecat");

	private static final Pattern ABSOLUTE = Pattern.compile("absolute ([0-9.eE+-]+)");

	private static final Pattern RELATIVE = Pattern.compile("relative ([0-9.eE+-]+)");

	private Zoo() {
	}

	/** Skips the calling test when the zoo or the data is absent. */
	public static void assumePresent() {
		Assumptions.assumeTrue(Files.isDirectory(ZOO) && Files.isDirectory(SHARED.resolve("data")),
				ZOO + " is absent (a user's clone): the comparison with XGBoost, LightGBM and scikit-learn is skipped");
	}

	/** The model's native file: model.json, model.txt or trees.json. */
	public static Path modelFile(String dataset, String model) {
		Path folder = ZOO.resolve(dataset).resolve(model);
		for (String name : List.of("model.json", "model.txt", "trees.json")) {
			if (Files.exists(folder.resolve(name))) {
				return folder.resolve(name);
			}
		}
		throw new IllegalStateException("no model file in " + folder);
	}

	/**
	 * The zoo's dataset configuration (the oracle's, a test resource), written under
	 * {@code config}.
	 */
	public static DatasetConfig dataset(String name, Path config) {
		try (InputStream in = Zoo.class.getResourceAsStream("/oracle/" + name + ".yml")) {
			Path datasets = Files.createDirectories(config.resolve("datasets"));
			Files.write(datasets.resolve(name + ".yml"), in.readAllBytes());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return DatasetConfigs.load(config, name);
	}

	/**
	 * The tolerance the model's README.json recommends for an independent scorer: 0 for
	 * "bit-exact", otherwise the absolute (binary) or relative (regression) bound it
	 * gives.
	 */
	public static Tolerance tolerance(String dataset, String model, Task task) {
		String text = readme(dataset, model);
		int at = text.indexOf("\"recommended\"", text.indexOf("\"expected_java_tolerance\""));
		String recommended = text.substring(at, text.indexOf('\n', at));
		if (recommended.contains("bit-exact")) {
			return new Tolerance(0, false, recommended);
		}
		Matcher matcher = ((task == Task.BINARY) ? ABSOLUTE : RELATIVE).matcher(recommended);
		if (!matcher.find()) {
			throw new IllegalStateException("no tolerance in " + recommended);
		}
		return new Tolerance(Double.parseDouble(matcher.group(1)), task == Task.REGRESSION, recommended);
	}

	/**
	 * A README's tolerance.
	 *
	 * @param bound 0 for bit-exact
	 * @param relative whether the bound scales with {@code max(1, |expected|)}
	 * @param text the README's words
	 */
	public record Tolerance(double bound, boolean relative, String text) {

		public boolean allows(double expected, double got) {
			if (this.bound == 0) {
				return Double.doubleToLongBits(expected) == Double.doubleToLongBits(got);
			}
			return Math.abs(got - expected) <= this.bound * (this.relative ? Math.max(1, Math.abs(expected)) : 1);
		}

		public String describe() {
			return (this.bound == 0) ? "bit-exact" : (this.relative ? "relative " : "absolute ") + this.bound;
		}

	}

	private static String readme(String dataset, String model) {
		try {
			return Files.readString(ZOO.resolve(dataset).resolve(model).resolve("README.json"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The golden rows of a model: inputs as the source's text, "NA" missing. */
	public static List<CSVRecord> golden(String dataset, String model) {
		return csv(ZOO.resolve(dataset).resolve(model).resolve("golden-predictions.csv"));
	}

	/** The zoo's monthly metrics of a model. */
	public static List<CSVRecord> monthlyMetrics(String dataset, String model) {
		return csv(ZOO.resolve(dataset).resolve(model).resolve("monthly-metrics.csv"));
	}

	/**
	 * A golden row as a dataset row: each feature the golden file has, "NA" (or absent)
	 * missing.
	 */
	public static Row row(DatasetConfig dataset, CSVRecord golden) {
		int size = dataset.features().size();
		double[] numbers = new double[size];
		String[] levels = new String[size];
		for (int f = 0; f < size; f++) {
			Feature feature = dataset.features().get(f);
			String cell = golden.isMapped(feature.name()) ? golden.get(feature.name()) : "NA";
			boolean missing = cell.equals("NA") || cell.isEmpty();
			numbers[f] = (feature.type() == FeatureType.NUMERIC && !missing) ? Double.parseDouble(cell) : Double.NaN;
			levels[f] = (feature.type() == FeatureType.CATEGORICAL && !missing) ? cell : null;
		}
		return new Row(golden.getRecordNumber() + 1, LocalDate.parse(golden.get("event_date")), Double.NaN, numbers,
				levels);
	}

	/** A CSV file with its header. */
	public static List<CSVRecord> csv(Path file) {
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
