package io.ratchet.model;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.Feature;
import io.ratchet.data.FeatureType;
import io.ratchet.data.Row;
import io.ratchet.data.Task;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The oracle's scikit-learn models, converted with {@link SklearnExport}, must reproduce
 * the oracle's predictions for the first 500 rows of each source file to a relative 1e-12
 * (absolute near zero). Skipped when {@code ../shared} is absent.
 */
class GoldenPredictionsTests {

	private static final Path SHARED = Path.of("..", "shared");

	private static final int ROWS = 500;

	@TempDir
	Path dir;

	@Test
	void weatherAusModelsMatchTheOracle() throws IOException {
		// given
		assumeShared();
		List<String> categorical = List.of("Location", "WindGustDir", "WindDir9am", "WindDir3pm", "RainToday");
		List<Feature> features = new ArrayList<>();
		for (String column : header(SHARED.resolve("data/weather-aus/weatherAUS.csv"))) {
			if (!column.equals("Date") && !column.equals("RainTomorrow")) {
				features.add(new Feature(column,
						categorical.contains(column) ? FeatureType.CATEGORICAL : FeatureType.NUMERIC));
			}
		}
		DatasetConfig dataset = DatasetConfig.builder("weather-aus", null)
			.date("Date")
			.binaryLabel("RainTomorrow", "Yes", "No")
			.missingTokens(Set.of("NA"))
			.features(features)
			.build();
		// when / then
		compare("weather-aus", dataset, List.of("rain-full", "rain-small"),
				SHARED.resolve("data/weather-aus/weatherAUS.csv"));
	}

	@Test
	void bikeSharingModelsMatchTheOracle() {
		// given
		assumeShared();
		List<Feature> features = new ArrayList<>();
		for (String column : List.of("temp", "atemp", "hum", "windspeed", "holiday", "workingday")) {
			features.add(new Feature(column, FeatureType.NUMERIC));
		}
		for (String column : List.of("season", "hr", "weekday", "weathersit")) {
			features.add(new Feature(column, FeatureType.CATEGORICAL));
		}
		DatasetConfig dataset = DatasetConfig.builder("bike-sharing", null)
			.date("dteday")
			.label("cnt", Task.REGRESSION)
			.features(features)
			.build();
		// when / then
		compare("bike-sharing", dataset, List.of("bike-ridge", "bike-weather"),
				SHARED.resolve("data/bike-sharing/hour.csv"));
	}

	private void compare(String oracleCase, DatasetConfig dataset, List<String> models, Path data) {
		Path oracle = SHARED.resolve("oracle").resolve(oracleCase);
		Map<String, Scorer> scorers = new LinkedHashMap<>();
		for (String model : models) {
			String text = SklearnExport.toRatchetJson(oracle.resolve("model-" + model + ".json"), dataset.name(), "1");
			ModelVersion version = ModelFiles.load(Fixtures.write(this.dir, model + ".json", text));
			assertThat(version.key()).isEqualTo(model + "@1");
			scorers.put(model, version.bind(dataset));
		}
		List<Row> rows = rows(data, dataset);
		List<CSVRecord> golden = records(oracle.resolve("golden-predictions.csv"));
		assertThat(rows).hasSize(ROWS);
		assertThat(golden).hasSize(ROWS);
		int compared = 0;
		for (int i = 0; i < ROWS; i++) {
			CSVRecord expected = golden.get(i);
			assertThat(expected.get("row")).isEqualTo(String.valueOf(i + 1));
			assertThat(rows.get(i).date()).isEqualTo(LocalDate.parse(expected.get("event_date")));
			for (Map.Entry<String, Scorer> model : scorers.entrySet()) {
				double want = Double.parseDouble(expected.get(model.getKey()));
				double got = model.getValue().score(rows.get(i));
				double tolerance = 1e-12 * Math.max(1.0, Math.abs(want));
				assertThat(Math.abs(got - want)).as("%s row %d: got %s, oracle %s", model.getKey(), i + 1, got, want)
					.isLessThanOrEqualTo(tolerance);
				compared++;
			}
		}
		assertThat(compared).isEqualTo(ROWS * models.size());
	}

	/** The first {@value #ROWS} data rows as the data package would build them. */
	private static List<Row> rows(Path data, DatasetConfig dataset) {
		List<Row> rows = new ArrayList<>();
		List<CSVRecord> records = records(data);
		for (int r = 0; r < ROWS; r++) {
			CSVRecord record = records.get(r);
			int size = dataset.features().size();
			double[] numbers = new double[size];
			String[] levels = new String[size];
			for (int f = 0; f < size; f++) {
				Feature feature = dataset.features().get(f);
				String cell = record.get(feature.name());
				boolean missing = dataset.isMissing(cell);
				numbers[f] = Double.NaN;
				if (feature.type() == FeatureType.NUMERIC) {
					numbers[f] = missing ? Double.NaN : Double.parseDouble(cell);
				}
				else {
					levels[f] = missing ? null : cell;
				}
			}
			String labelCell = record.get(dataset.labelColumn());
			double label;
			if (dataset.isMissing(labelCell)) {
				label = Double.NaN;
			}
			else if (dataset.task() == Task.BINARY) {
				label = labelCell.equals(dataset.positiveLabel()) ? 1 : 0;
			}
			else {
				label = Double.parseDouble(labelCell);
			}
			rows.add(new Row(record.getRecordNumber() + 1, LocalDate.parse(record.get(dataset.dateColumn())), label,
					numbers, levels));
		}
		return rows;
	}

	/** The first {@value #ROWS} records of a CSV file with a header (LF or CRLF). */
	private static List<CSVRecord> records(Path file) {
		CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
		try (Reader reader = Files.newBufferedReader(file); CSVParser parser = CSVParser.parse(reader, format)) {
			return parser.stream().limit(ROWS).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static List<String> header(Path file) throws IOException {
		CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
		try (Reader reader = Files.newBufferedReader(file); CSVParser parser = CSVParser.parse(reader, format)) {
			return parser.getHeaderNames();
		}
	}

	private static void assumeShared() {
		Assumptions.assumeTrue(Files.exists(SHARED.resolve("oracle")) && Files.exists(SHARED.resolve("data")),
				SHARED.toAbsolutePath().normalize() + " absent: oracle comparison skipped");
	}

}
