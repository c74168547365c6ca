package io.ratchet.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.MonthFileReader;
import io.ratchet.model.ModelFiles;
import io.ratchet.model.Scorer;
import io.ratchet.model.SklearnExport;
import io.ratchet.model.importers.ModelImport;
import io.ratchet.model.importers.Zoo;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proof against the zoo's CBPE reference
 * ({@code ../shared/oracle/model-zoo/weather-aus/cbpe-monthly.csv}, formulas in its
 * {@code cbpe-README.json}): the oracle's logistic regression (rain-full) and the zoo's
 * two XGBoost models, imported as Ratchet imports them, scored on every labelled
 * weatherAUS row; per model and month, the expected confusion matrix and the estimated
 * ROC AUC, accuracy, precision, recall and F1 agree within 1e-9. Skipped where
 * {@code ../shared} is absent.
 */
class CbpeOracleTests {

	static final Path REFERENCE = Zoo.ZOO.resolve("weather-aus/cbpe-monthly.csv");

	static final Map<String, Metric> ESTIMATED = Map.of("estimated_roc_auc", Metric.ROC_AUC, "estimated_accuracy",
			Metric.ACCURACY, "estimated_precision", Metric.PRECISION, "estimated_recall", Metric.RECALL, "estimated_f1",
			Metric.F1);

	@TempDir
	Path dir;

	@Test
	void everyMonthsEstimateMatchesTheReference() throws IOException {
		// given
		Zoo.assumePresent();
		DatasetConfig dataset = Zoo.dataset("weather-aus", this.dir.resolve("config"));
		Map<String, Scorer> scorers = new TreeMap<>();
		scorers.put("rain-full",
				load(SklearnExport.toRatchetJson(Zoo.SHARED.resolve("oracle/weather-aus/model-rain-full.json"),
						dataset.name(), "1"), dataset));
		for (String model : List.of("xgb-onehot", "xgb-nativecat")) {
			scorers.put(model,
					load(ModelImport.convert(Zoo.modelFile("weather-aus", model), null, dataset, model, "1").json(),
							dataset));
		}

		// when
		Map<String, Map<String, PerformanceEstimate>> estimates = estimates(dataset, scorers);

		// then
		int compared = 0;
		for (CSVRecord expected : Zoo.csv(REFERENCE)) {
			String at = expected.get("model") + " " + expected.get("month");
			PerformanceEstimate estimate = estimates.get(expected.get("model")).get(expected.get("month"));
			assertThat(estimate).as(at).isNotNull();
			assertThat(estimate.rows()).as(at).isEqualTo(Long.parseLong(expected.get("n")));
			close(at + " expected_tp", estimate.expectedTp(), expected.get("expected_tp"));
			close(at + " expected_fp", estimate.expectedFp(), expected.get("expected_fp"));
			close(at + " expected_fn", estimate.expectedFn(), expected.get("expected_fn"));
			close(at + " expected_tn", estimate.expectedTn(), expected.get("expected_tn"));
			for (Map.Entry<String, Metric> column : ESTIMATED.entrySet()) {
				close(at + " " + column.getKey(), estimate.get(column.getValue()), expected.get(column.getKey()));
			}
			compared++;
		}
		assertThat(compared).isEqualTo(3 * 113);
	}

	private static void close(String at, double got, String text) {
		double want = Double.parseDouble(text);
		assertThat(Math.abs(got - want)).as("%s: got %s expected %s", at, got, want)
			.isLessThanOrEqualTo(1e-9 * Math.max(1, Math.abs(want)));
	}

	private Scorer load(String json, DatasetConfig dataset) throws IOException {
		Path file = Files.createTempFile(this.dir, "model", ".json");
		Files.writeString(file, json);
		return ModelFiles.load(file).bind(dataset);
	}

	/** Each model's estimate per month over the labelled rows, scores alone. */
	private static Map<String, Map<String, PerformanceEstimate>> estimates(DatasetConfig dataset,
			Map<String, Scorer> scorers) {
		Map<String, Map<YearMonth, ExpectedPerformance>> months = new HashMap<>();
		new MonthFileReader(dataset).read(Zoo.SOURCES.get(dataset.name()), null, (row) -> {
			if (row.labelled()) {
				scorers.forEach((model, scorer) -> months.computeIfAbsent(model, (m) -> new TreeMap<>())
					.computeIfAbsent(YearMonth.from(row.date()), (m) -> new ExpectedPerformance(0.5))
					.add(scorer.score(row)));
			}
		}, (rejection) -> {
			throw new AssertionError("rejected: " + rejection);
		});
		Map<String, Map<String, PerformanceEstimate>> estimates = new HashMap<>();
		months.forEach((model, byMonth) -> {
			Map<String, PerformanceEstimate> figures = new TreeMap<>();
			byMonth.forEach((month, expected) -> figures.put(month.toString(), expected.estimate()));
			estimates.put(model, figures);
		});
		return estimates;
	}

}
