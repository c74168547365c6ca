package io.ratchet.metrics;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.DatasetConfigs;
import io.ratchet.data.MonthFileReader;
import io.ratchet.data.ValueMatrix;
import io.ratchet.model.ModelFiles;
import io.ratchet.model.Scorer;
import io.ratchet.model.SklearnExport;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Proof against scikit-learn: both weatherAUS models, scored as the back-test scores
 * them, at threshold 0.35 with the value matrix {tp: 10, fp: -5, fn: -20, tn: 0}, give
 * every figure of {@code ../shared/oracle/weather-aus/business-metrics.csv} per month and
 * for the whole period: counts exactly, the rest within 1e-9. Each month goes through its
 * stored state ({@code toBytes}/{@code fromBytes}) and the whole period is the merge of
 * those states, as a back-test computes it. Skipped where {@code ../shared} is absent.
 */
class BusinessMetricsOracleTests {

	static final Path SHARED = Path.of("..", "shared").toAbsolutePath().normalize();

	static final Path ORACLE = SHARED.resolve("oracle/weather-aus");

	static final double THRESHOLD = 0.35;

	static final List<String> COUNTS = List.of("n", "tp", "fp", "tn", "fn");

	/** Columns that are not metrics of ours (rows_top5pct is the size of the top). */
	static final List<String> NOT_METRICS = List.of("model", "month", "threshold", "rows_top5pct", "rows_top10pct");

	@TempDir
	Path dir;

	@BeforeEach
	void needsShared() {
		assumeTrue(
				Files.isRegularFile(ORACLE.resolve("business-metrics.csv"))
						&& Files.isRegularFile(SHARED.resolve("data/weather-aus/weatherAUS.csv")),
				SHARED + " is absent (a user's clone): the comparison with scikit-learn's business figures is skipped");
	}

	@Test
	void everyBusinessFigureMatchesScikitLearn() throws IOException {
		// given: the oracle's dataset with the oracle's value matrix, read from YAML
		DatasetConfig dataset = dataset();
		assertThat(dataset.valueMatrix()).isEqualTo(ValueMatrix.binary(10, -5, 0, -20));
		Map<String, Map<String, MetricValues>> figures = new TreeMap<>();

		// when
		for (String model : List.of("rain-full", "rain-small")) {
			figures.put(model, figures(dataset, model));
		}

		// then
		int compared = 0;
		int rows = 0;
		for (CSVRecord expected : oracle()) {
			MetricValues actual = figures.get(expected.get("model")).get(expected.get("month"));
			assertThat(actual).as("%s %s", expected.get("model"), expected.get("month")).isNotNull();
			assertThat(Double.parseDouble(expected.get("threshold"))).isEqualTo(THRESHOLD);
			for (String column : expected.getParser().getHeaderNames()) {
				if (NOT_METRICS.contains(column)) {
					continue;
				}
				String at = expected.get("model") + " " + expected.get("month") + " " + column;
				Metric metric = Metric.fromKey(column);
				String text = expected.get(column);
				if (text.isEmpty()) {
					assertThat(actual.get(metric)).as(at).isEmpty();
					continue;
				}
				double want = Double.parseDouble(text);
				assertThat(actual.get(metric)).as(at).isPresent();
				double got = actual.get(metric).getAsDouble();
				if (COUNTS.contains(column)) {
					assertThat(got).as(at).isEqualTo(want);
				}
				else {
					assertThat(Math.abs(got - want)).as("%s: got %s expected %s", at, got, want)
						.isLessThanOrEqualTo(1e-9 * Math.max(1, Math.abs(want)));
				}
				compared++;
			}
			rows++;
		}
		assertThat(rows).isEqualTo(228);
		assertThat(compared).isGreaterThan(228 * 15);
		assertThat(figures.get("rain-full")).hasSize(rows / 2);
	}

	/**
	 * A model's figures per month (through each month's stored state) and for {@code ALL}
	 * (the merge of the states).
	 */
	private Map<String, MetricValues> figures(DatasetConfig dataset, String model) throws IOException {
		Path file = Files.createDirectories(this.dir.resolve("models")).resolve(model + "-v1.json");
		Files.writeString(file,
				SklearnExport.toRatchetJson(ORACLE.resolve("model-" + model + ".json"), dataset.name(), "1"));
		Scorer scorer = ModelFiles.load(file).bind(dataset);
		Map<YearMonth, MetricAccumulator> months = new TreeMap<>();
		new MonthFileReader(dataset).read(SHARED.resolve("data/weather-aus/weatherAUS.csv"), null, (row) -> {
			if (row.labelled()) {
				months.computeIfAbsent(YearMonth.from(row.date()), (month) -> Accumulators.create(dataset, THRESHOLD))
					.add(scorer.score(row), row.label());
			}
		}, (rejection) -> {
			throw new AssertionError("rejected: " + rejection);
		});
		Map<String, MetricValues> figures = new TreeMap<>();
		MetricAccumulator whole = Accumulators.create(dataset, THRESHOLD);
		months.forEach((month, accumulator) -> {
			MetricAccumulator stored = Accumulators.fromBytes(dataset.task(), THRESHOLD, dataset.valueMatrix(),
					accumulator.toBytes());
			figures.put(month.toString(), stored.result());
			whole.merge(stored);
		});
		figures.put("ALL", whole.result());
		return figures;
	}

	private DatasetConfig dataset() throws IOException {
		Path datasets = Files.createDirectories(this.dir.resolve("datasets"));
		try (var in = getClass().getResourceAsStream("/oracle/weather-aus.yml")) {
			Files.write(datasets.resolve("weather-aus.yml"), in.readAllBytes());
		}
		Files.writeString(datasets.resolve("weather-aus.yml"), "value: {tp: 10, fp: -5, fn: -20, tn: 0}\n",
				java.nio.file.StandardOpenOption.APPEND);
		return DatasetConfigs.load(this.dir, "weather-aus");
	}

	private static List<CSVRecord> oracle() throws IOException {
		try (Reader in = Files.newBufferedReader(ORACLE.resolve("business-metrics.csv"), StandardCharsets.UTF_8)) {
			return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
		}
	}

}
