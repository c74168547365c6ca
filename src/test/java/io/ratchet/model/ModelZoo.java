package io.ratchet.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.DatasetConfigs;
import io.ratchet.data.Feature;
import io.ratchet.data.FeatureType;
import io.ratchet.data.Row;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ONNX models of the model zoo ({@code ../shared/oracle/model-zoo/<case>/<model>/})
 * as tests read them: the file, the input mapping its README.json describes (as
 * {@code jobs/import-model --inputs/--codes} would be given), the tolerance it
 * recommends, and its golden rows. Tests skip when the zoo is absent.
 */
public final class ModelZoo {

	/** The zoo. */
	public static final Path ROOT = Path.of("..", "shared", "oracle", "model-zoo").toAbsolutePath().normalize();

	/** The source data of each case. */
	public static final Map<String, Path> DATA = Map.of("weather-aus",
			ROOT.resolve("../../data/weather-aus/weatherAUS.csv").normalize(), "bike-sharing",
			ROOT.resolve("../../data/bike-sharing/hour.csv").normalize());

	private static final Pattern ABSOLUTE = Pattern.compile("absolute ([0-9.eE+-]+)");

	private ModelZoo() {
	}

	/** Skips the calling test, saying why, when the zoo or its data is absent. */
	public static void assumePresent() {
		Assumptions.assumeTrue(Files.isDirectory(ROOT) && DATA.values().stream().allMatch(Files::isRegularFile),
				ROOT + " or its source data is absent (a user's clone): the comparison with the model zoo is skipped");
	}

	/** One ONNX file of the zoo and what its README.json says about it. */
	public record ZooOnnx(String zooCase, String model, Path file, JsonNode readme) {

		/** The name a test imports it under, e.g. {@code weather-aus-xgb-onehot}. */
		public String name() {
			return this.zooCase + "-" + this.model;
		}

		/** The columns of its single float input, as {@code --inputs} takes them. */
		public List<String> inputs() {
			List<String> columns = new ArrayList<>();
			this.readme.get("onnx").get("input_columns").forEach((column) -> columns.add(column.asString()));
			return columns;
		}

		/**
		 * The levels of each categorical input given as a code ({@code --codes}); empty
		 * for one-hot models.
		 */
		public Map<String, List<String>> codes() {
			Map<String, List<String>> codes = new LinkedHashMap<>();
			if (this.readme.get("onnx").get("categorical_columns").asString().startsWith("category code")) {
				this.readme.get("inputs").get("categorical").properties().forEach((entry) -> {
					List<String> levels = new ArrayList<>();
					entry.getValue().forEach((level) -> levels.add(level.asString()));
					codes.put(entry.getKey(), levels);
				});
			}
			return codes;
		}

		/**
		 * The import request of
		 * {@code jobs/import-model <case> <file> --name <name> --inputs ... --codes ...}.
		 */
		public OnnxImport.Request request() {
			return new OnnxImport.Request(this.file, name(), "1", inputs(), codes(), null);
		}

		/**
		 * The tolerance against the library's own predictions, from
		 * {@code onnx.recommended_tolerance}.
		 */
		public double tolerance() {
			String text = this.readme.get("onnx").get("recommended_tolerance").asString();
			Matcher matcher = ABSOLUTE.matcher(text);
			if (!matcher.find()) {
				throw new IllegalStateException(this.file + ": no absolute tolerance in \"" + text + "\"");
			}
			return Double.parseDouble(matcher.group(1));
		}

		/** The model's folder. */
		public Path folder() {
			return this.file.getParent();
		}

		@Override
		public String toString() {
			return name() + " (" + this.file + ")";
		}

	}

	/** Every ONNX file of the zoo, by case then model. */
	public static List<ZooOnnx> onnxModels() {
		List<ZooOnnx> models = new ArrayList<>();
		for (String zooCase : List.of("bike-sharing", "weather-aus")) {
			try (Stream<Path> folders = Files.list(ROOT.resolve(zooCase))) {
				for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
					JsonNode readme = JsonMapper.builder().build().readTree(folder.resolve("README.json").toFile());
					JsonNode onnx = readme.get("onnx");
					if (onnx != null && onnx.has("file")) {
						models.add(new ZooOnnx(zooCase, folder.getFileName().toString(),
								folder.resolve(onnx.get("file").asString()), readme));
					}
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return models;
	}

	/**
	 * The case's dataset as the oracle reads it, written to
	 * {@code <config>/datasets/<case>.yml}.
	 */
	public static DatasetConfig dataset(String zooCase, Path config) {
		try (InputStream in = ModelZoo.class.getResourceAsStream("/oracle/" + zooCase + ".yml")) {
			Path datasets = Files.createDirectories(config.resolve("datasets"));
			Files.write(datasets.resolve(zooCase + ".yml"), in.readAllBytes());
			return DatasetConfigs.load(config, zooCase);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A golden row: its key, the row as the dataset reads it, and the library's
	 * prediction.
	 */
	public record GoldenRow(String key, Row row, double prediction, double onnxPrediction) {
	}

	/**
	 * The golden rows of a model: inputs as text ({@code NA} missing), every dataset
	 * feature the file does not give missing.
	 */
	public static List<GoldenRow> golden(ZooOnnx model, DatasetConfig dataset) {
		List<GoldenRow> rows = new ArrayList<>();
		try (Reader reader = Files.newBufferedReader(model.folder().resolve("golden-predictions.csv"),
				StandardCharsets.UTF_8)) {
			for (CSVRecord record : CSVFormat.DEFAULT.builder()
				.setHeader()
				.setSkipHeaderRecord(true)
				.get()
				.parse(reader)) {
				int size = dataset.features().size();
				double[] numbers = new double[size];
				String[] levels = new String[size];
				for (int f = 0; f < size; f++) {
					Feature feature = dataset.features().get(f);
					String cell = record.isMapped(feature.name()) ? record.get(feature.name()) : null;
					boolean missing = cell == null || cell.equals("NA") || dataset.isMissing(cell);
					numbers[f] = (feature.type() == FeatureType.NUMERIC && !missing) ? Double.parseDouble(cell)
							: Double.NaN;
					levels[f] = (feature.type() == FeatureType.CATEGORICAL && !missing) ? cell : null;
				}
				Row row = new Row(record.getRecordNumber() + 1, LocalDate.parse(record.get("event_date")), Double.NaN,
						numbers, levels);
				rows.add(new GoldenRow(record.get("row_key"), row, Double.parseDouble(record.get("prediction")),
						Double.parseDouble(record.get("onnx_prediction"))));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return rows;
	}

}
