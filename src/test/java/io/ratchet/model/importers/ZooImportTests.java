package io.ratchet.model.importers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.MonthFileReader;
import io.ratchet.metrics.Accumulators;
import io.ratchet.metrics.Metric;
import io.ratchet.metrics.MetricAccumulator;
import io.ratchet.metrics.MetricValues;
import io.ratchet.model.ModelFiles;
import io.ratchet.model.ModelVersion;
import io.ratchet.model.Scorer;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every tree model of the model zoo, imported from its native file, gives its library's
 * golden predictions within the tolerance of its README.json (XGBoost to the bit), and
 * the monthly metrics computed from Ratchet's scores of the whole source file (Ratchet's
 * own metric accumulators, months as the back-test makes them) match the zoo's
 * {@code monthly-metrics.csv} within 1e-9. Writes the table of the comparison to
 * {@code target/zoo-import-table.md}. Skipped when the zoo is absent.
 */
class ZooImportTests {

	private static final Path TABLE = Path.of("target", "zoo-import-table.md");

	private static final Map<String, String> LINES = new LinkedHashMap<>();

	@TempDir
	Path dir;

	@Test
	void weatherAusModelsMatchTheirLibraries() {
		compare("weather-aus");
	}

	@Test
	void bikeSharingModelsMatchTheirLibraries() {
		compare("bike-sharing");
	}

	private void compare(String name) {
		// given
		Zoo.assumePresent();
		DatasetConfig dataset = Zoo.dataset(name, this.dir.resolve("config"));
		Map<String, Scorer> scorers = new LinkedHashMap<>();
		Map<String, ModelFormat> formats = new HashMap<>();
		for (String model : Zoo.MODELS) {
			ModelImport.Result imported = ModelImport.convert(Zoo.modelFile(name, model), null, dataset, model, "1");
			Path file = this.dir.resolve(model + ".json");
			write(file, imported.json());
			ModelVersion version = ModelFiles.load(file);
			scorers.put(model, version.bind(dataset));
			formats.put(model, imported.format());
		}

		// when
		Map<String, Map<YearMonth, MetricAccumulator>> months = monthlyMetrics(dataset, scorers);

		// then
		for (String model : Zoo.MODELS) {
			Zoo.Tolerance tolerance = Zoo.tolerance(name, model, dataset.task());
			double maxDiff = 0;
			int rows = 0;
			int bitsEqual = 0;
			for (CSVRecord golden : Zoo.golden(name, model)) {
				double expected = Double.parseDouble(golden.get("prediction"));
				double got = scorers.get(model).score(Zoo.row(dataset, golden));
				assertThat(tolerance.allows(expected, got))
					.as("%s %s %s: got %s, %s gives %s (%s)", name, model, golden.get("row_key"), got, model, expected,
							tolerance.describe())
					.isTrue();
				maxDiff = Math.max(maxDiff, Math.abs(got - expected));
				bitsEqual += (Double.compare(got, expected) == 0) ? 1 : 0;
				rows++;
			}
			assertThat(rows).isEqualTo(1250);
			double metricsDiff = compareMetrics(name, model, months.get(model));
			LINES.put(name + " " + model,
					String.format(Locale.ROOT, "| %s | %s | %s | %d | %d | %.3g | %s | %.3g |", name, model,
							formats.get(model).key(), rows, bitsEqual, maxDiff, tolerance.describe(), metricsDiff));
		}
	}

	/**
	 * Every labelled row of the source, scored by every model, in one accumulator per
	 * model and month.
	 */
	private static Map<String, Map<YearMonth, MetricAccumulator>> monthlyMetrics(DatasetConfig dataset,
			Map<String, Scorer> scorers) {
		Map<String, Map<YearMonth, MetricAccumulator>> months = new HashMap<>();
		scorers.keySet().forEach((model) -> months.put(model, new HashMap<>()));
		new MonthFileReader(dataset).read(Zoo.SOURCES.get(dataset.name()), null, (row) -> {
			YearMonth month = YearMonth.from(row.date());
			scorers.forEach(
					(model, scorer) -> accumulator(months, model, month, dataset).add(scorer.score(row), row.label()));
		}, (rejection) -> {
			throw new AssertionError("rejected: " + rejection);
		});
		return months;
	}

	private static MetricAccumulator accumulator(Map<String, Map<YearMonth, MetricAccumulator>> months, String model,
			YearMonth month, DatasetConfig dataset) {
		return months.get(model)
			.computeIfAbsent(month, (key) -> Accumulators.create(dataset.task(), Accumulators.DEFAULT_THRESHOLD));
	}

	/**
	 * Compares each of the zoo's figures with Ratchet's (1e-9 relative); returns the
	 * largest relative difference.
	 */
	private static double compareMetrics(String name, String model, Map<YearMonth, MetricAccumulator> ours) {
		List<CSVRecord> records = Zoo.monthlyMetrics(name, model);
		List<String> header = records.get(0).getParser().getHeaderNames();
		TreeSet<YearMonth> zooMonths = new TreeSet<>();
		double worst = 0;
		for (CSVRecord record : records) {
			assertThat(record.get("model")).isEqualTo(model);
			YearMonth month = YearMonth.parse(record.get("month"));
			zooMonths.add(month);
			assertThat(ours).as("%s %s month %s", name, model, month).containsKey(month);
			MetricValues values = ours.get(month).result();
			for (String column : header.subList(2, header.size())) {
				String text = record.get(column);
				var ratchet = values.get(Metric.fromKey(column));
				String key = name + " " + model + " " + month + " " + column;
				if (text.isEmpty()) {
					assertThat(ratchet).as("%s should be absent", key).isEmpty();
					continue;
				}
				double expected = Double.parseDouble(text);
				assertThat(ratchet).as("%s missing", key).isPresent();
				double relative = Math.abs(ratchet.getAsDouble() - expected) / Math.max(1.0, Math.abs(expected));
				assertThat(relative).as("%s: Ratchet %s, zoo %s", key, ratchet.getAsDouble(), expected)
					.isLessThanOrEqualTo(1e-9);
				worst = Math.max(worst, relative);
			}
		}
		List<YearMonth> labelled = new ArrayList<>();
		ours.forEach((month, accumulator) -> {
			if (accumulator.labelled() > 0) {
				labelled.add(month);
			}
		});
		assertThat(new TreeSet<>(labelled)).as("months with labelled rows").isEqualTo(zooMonths);
		return worst;
	}

	@AfterAll
	static void writeTable() throws IOException {
		if (LINES.isEmpty()) {
			return;
		}
		StringBuilder table = new StringBuilder("| dataset | model | format | golden rows | rows equal to the bit |"
				+ " max abs diff | README tolerance | monthly metrics max rel diff |\n|---|---|---|---|---|---|---|---|\n");
		LINES.values().forEach((line) -> table.append(line).append('\n'));
		Files.createDirectories(TABLE.getParent());
		Files.writeString(TABLE, table);
	}

	private static void write(Path file, String text) {
		try {
			Files.writeString(file, text);
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
