package io.ratchet.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Imports the real datasets of {@code ../shared/data} and reads every month file back.
 */
class RealDataImportTests {

	private static final Path SHARED = Path.of("..", "shared");

	@TempDir
	Path work;

	@Test
	void importsBikeSharingHours() {
		// given
		Path source = shared("data/bike-sharing/hour.csv");
		List<Feature> features = new ArrayList<>();
		for (String name : List.of("season", "yr", "mnth", "hr", "holiday", "weekday", "workingday", "temp", "atemp",
				"hum", "windspeed")) {
			features.add(new Feature(name, FeatureType.NUMERIC));
		}
		features.add(new Feature("weathersit", FeatureType.CATEGORICAL));
		DatasetConfig bikes = DatasetConfig.builder("bike-sharing", null)
			.date("dteday")
			.label("cnt", Task.REGRESSION)
			.features(features)
			.idColumns(List.of("instant"))
			.build();
		Path datasetDir = this.work.resolve("bike-sharing");

		// when
		ImportResult result = new DatasetImporter(bikes, datasetDir).importFile(source);

		// then
		assertThat(result.rows()).isEqualTo(17379);
		assertThat(result.accepted()).isEqualTo(17379);
		assertThat(result.rejected()).isZero();
		assertThat(result.quarantineFile()).isNull();
		assertThat(result.acceptedByMonth()).hasSize(24);
		assertThat(result.acceptedByMonth().firstKey()).isEqualTo(YearMonth.of(2011, 1));
		assertThat(result.acceptedByMonth().lastKey()).isEqualTo(YearMonth.of(2012, 12));
		ReadStats total = readBack(bikes, datasetDir);
		assertThat(total).isEqualTo(new ReadStats(17379, 17379, 0, 0));
		assertThat(new DatasetImporter(bikes, datasetDir).importFile(source).duplicates()).isEqualTo(17379);
	}

	@Test
	void importsWeatherAus() {
		// given
		Path source = shared("data/weather-aus/weatherAUS.csv");
		List<Feature> features = new ArrayList<>();
		for (String name : List.of("Location", "WindGustDir", "WindDir9am", "WindDir3pm", "RainToday")) {
			features.add(new Feature(name, FeatureType.CATEGORICAL));
		}
		for (String name : List.of("MinTemp", "MaxTemp", "Rainfall", "Evaporation", "Sunshine", "WindGustSpeed",
				"WindSpeed9am", "WindSpeed3pm", "Humidity9am", "Humidity3pm", "Pressure9am", "Pressure3pm", "Cloud9am",
				"Cloud3pm", "Temp9am", "Temp3pm")) {
			features.add(new Feature(name, FeatureType.NUMERIC));
		}
		DatasetConfig weather = DatasetConfig.builder("weather-aus", null)
			.date("Date")
			.binaryLabel("RainTomorrow", "Yes", "No")
			.missingTokens(Set.of("NA"))
			.features(features)
			.idColumns(List.of("Date", "Location"))
			.build();
		Path datasetDir = this.work.resolve("weather-aus");

		// when
		long start = System.nanoTime();
		ImportResult result = new DatasetImporter(weather, datasetDir).importFile(source);
		long millis = (System.nanoTime() - start) / 1_000_000;

		// then
		assertThat(result.rows()).isEqualTo(145460);
		assertThat(result.accepted()).isEqualTo(145460);
		assertThat(result.rejected()).isZero();
		assertThat(result.acceptedByMonth()).hasSize(113)
			.doesNotContainKeys(YearMonth.of(2011, 4), YearMonth.of(2012, 12), YearMonth.of(2013, 2));
		SortedMap<YearMonth, Path> months = MonthFiles.list(datasetDir);
		assertThat(months).hasSize(113);
		assertThat(months.firstKey()).isEqualTo(YearMonth.of(2007, 11));
		assertThat(months.lastKey()).isEqualTo(YearMonth.of(2017, 6));
		ReadStats total = readBack(weather, datasetDir);
		assertThat(total).isEqualTo(new ReadStats(145460, 145460, 0, 3267));
		ImportResult again = new DatasetImporter(weather, datasetDir).importFile(source);
		assertThat(again.duplicates()).isEqualTo(145460);
		assertThat(again.accepted() + again.updated() + again.rejected()).isZero();
		// (how long it took is printed, not asserted: a test must not fail because the
		// machine is busy)
		System.out.printf("weather-aus import: %d rows in %d ms%n", result.rows(), millis);
	}

	private static ReadStats readBack(DatasetConfig dataset, Path datasetDir) {
		MonthFileReader reader = new MonthFileReader(dataset);
		long rows = 0;
		long accepted = 0;
		long rejected = 0;
		long unlabelled = 0;
		for (Map.Entry<YearMonth, Path> month : MonthFiles.list(datasetDir).entrySet()) {
			ReadStats stats = reader.read(month.getValue(), month.getKey(), (row) -> {
			}, (rejection) -> {
				throw new AssertionError(rejection.describe());
			});
			rows += stats.rows();
			accepted += stats.accepted();
			rejected += stats.rejected();
			unlabelled += stats.unlabelled();
		}
		return new ReadStats(rows, accepted, rejected, unlabelled);
	}

	private static Path shared(String file) {
		Path path = SHARED.resolve(file);
		Assumptions.assumeTrue(Files.exists(path), "../shared absent: real-data import skipped");
		return path;
	}

}
