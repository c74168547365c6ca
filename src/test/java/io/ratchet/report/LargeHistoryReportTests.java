package io.ratchet.report;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.Feature;
import io.ratchet.data.FeatureType;
import io.ratchet.metrics.Metric;
import io.ratchet.metrics.MetricId;
import io.ratchet.requirement.Bound;
import io.ratchet.requirement.DatasetRequirements;
import io.ratchet.run.PartitionResult;
import io.ratchet.run.ResultsStore;
import io.ratchet.run.RunModel;
import io.ratchet.run.RunRecord;
import io.ratchet.run.RunSummary;
import io.ratchet.run.RunSummary.ModelSummary;
import io.ratchet.run.StoredBreach;
import io.ratchet.test.SharedContextTests;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A synthetic history of 800 months and 20 models keeps a page that opens fast and charts
 * that stay legible: months aggregated beyond {@link Periods#LIMIT} points, the champion
 * and {@value Charts#HIGHLIGHTED} others in colour, month tables for those only and
 * folded, the page small. With {@code -Dratchet.report.measure=DIR} the page is also
 * written to {@code DIR} (to time it and open it in a browser; nothing is timed here).
 */
class LargeHistoryReportTests extends SharedContextTests {

	static final int MONTHS = 800;

	static final int MODELS = 20;

	@Autowired
	ResultsStore results;

	@Autowired
	ReportReads reads;

	@Autowired
	FeatureMeanStore featureMeans;

	@Autowired
	RunReports reports;

	@Test
	void eightHundredMonthsOfTwentyModelsStayLegible() throws Exception {
		// given
		RunSummary summary = history();
		DatasetRequirements requirements = new DatasetRequirements("big", 10,
				List.of(Bound.atLeast(Metric.ROC_AUC, 0.75), Bound.atMost(Metric.LOG_LOSS, 0.5)), List.of(), Map.of());

		// when
		RunPage page = new StandardReport(summary, dataset(), requirements, this.results, this.reads, this.featureMeans)
			.page(List.of());
		String html = RunReports.render(page);

		// then: every chart has at most LIMIT points and at most 1 + HIGHLIGHTED coloured
		// lines
		assertThat(page.charts()).isNotEmpty();
		for (ReportChart chart : page.charts()) {
			assertThat(chart.drawing().points()).as(chart.file()).isLessThanOrEqualTo(Periods.LIMIT);
			assertThat(chart.drawing().coloured()).as(chart.file()).isLessThanOrEqualTo(1 + Charts.HIGHLIGHTED);
		}
		ReportChart roc = page.charts().get(0);
		assertThat(roc.file()).isEqualTo("roc_auc-by-month.png");
		assertThat(roc.drawing().lines()).isEqualTo(MODELS);
		// 800 months from 1960-01: years 1960..2026
		assertThat(roc.drawing().points()).isEqualTo(67);
		// the page: month tables for the coloured models only, folded; the others in one
		// table; small
		Document document = Jsoup.parse(html);
		assertThat(document.select("div.table h3").eachText().stream().filter((title) -> title.startsWith("m")))
			.hasSize(1 + Charts.HIGHLIGHTED);
		assertThat(document.select("div.table h3").eachText()).contains("Other models (whole period)");
		assertThat(document.select("tr")).hasSizeLessThan(2000);
		assertThat(html.getBytes(StandardCharsets.UTF_8).length).isLessThan(1_200_000);
		// the late breach is still named and its year shaded
		assertThat(document.selectFirst("div.verdict").text())
			.contains("m00@1: roc_auc below its minimum 0.7500 in 5 months");
		assertThat(roc.caption()).contains("2026-06");
		// and the last months, month by month, follow the aggregated chart
		ReportChart recent = page.charts().get(1);
		assertThat(recent.file()).isEqualTo("roc_auc-by-month-recent.png");
		assertThat(recent.drawing().points()).isEqualTo(StandardReport.RECENT_MONTHS);
		assertThat(recent.caption()).isEqualTo("Breached: 2026-04, 2026-05, 2026-06, 2026-07, 2026-08.");

		String measure = System.getProperty("ratchet.report.measure");
		if (measure != null) {
			long started = System.nanoTime();
			RunPage again = new StandardReport(summary, dataset(), requirements, this.results, this.reads,
					this.featureMeans)
				.page(List.of());
			Path written = this.reports.writePage(again, Path.of(measure));
			long millis = (System.nanoTime() - started) / 1_000_000;
			Files.writeString(Path.of(measure).resolve("measure.txt"), "build and write: " + millis
					+ " ms; index.html: " + Files.size(written) + " bytes; charts: " + again.charts().size() + "\n");
		}
	}

	private static DatasetConfig dataset() {
		return DatasetConfig.builder("big", null)
			.date("event_date")
			.binaryLabel("y", "1", "0")
			.features(List.of(new Feature("x", FeatureType.NUMERIC)))
			.build();
	}

	/**
	 * 800 months from 1960-01, 20 models; the champion (m00) breaches roc_auc in the last
	 * 5 months.
	 */
	private static RunSummary history() {
		Random random = new Random(7);
		List<String> months = new ArrayList<>();
		for (YearMonth month = YearMonth.of(1960, 1); months.size() < MONTHS; month = month.plusMonths(1)) {
			months.add(month.toString());
		}
		RunRecord run = new RunRecord(987_654_321L, "backtest", "big", months.get(0), months.get(MONTHS - 1),
				LocalDateTime.of(2026, 11, 26, 2, 0), "dataset=big", "COMPLETED", "BREACH",
				LocalDateTime.of(2026, 11, 26, 2, 0), LocalDateTime.of(2026, 11, 26, 2, 9), MONTHS, null, 8_000_000L,
				0L, 0L, null, null);
		List<ModelSummary> models = new ArrayList<>();
		for (int m = 0; m < MODELS; m++) {
			RunModel model = new RunModel(900_000 + m, String.format("m%02d", m), "1", "ab".repeat(32),
					"config/models/m" + m + ".json", (m == 0) ? "champion" : "candidate");
			Map<String, Map<MetricId, Double>> monthly = new TreeMap<>();
			Map<String, String> verdicts = new LinkedHashMap<>();
			List<StoredBreach> breaches = new ArrayList<>();
			for (int i = 0; i < MONTHS; i++) {
				boolean late = i >= MONTHS - 5;
				double auc = (late ? 0.68 : 0.80) + 0.008 * random.nextGaussian() - 0.002 * m;
				Map<MetricId, Double> values = new HashMap<>();
				values.put(Metric.N, 10_000.0);
				values.put(Metric.POSITIVES, 2_000.0);
				values.put(Metric.ROC_AUC, auc);
				values.put(Metric.LOG_LOSS, 0.45 + 0.01 * random.nextGaussian());
				values.put(Metric.BRIER, 0.14);
				values.put(Metric.ACCURACY, 0.8);
				monthly.put(months.get(i), values);
				boolean breached = auc < 0.75;
				verdicts.put(months.get(i), breached ? "BREACH" : "PASS");
				if (breached) {
					breaches.add(new StoredBreach(model.id(), months.get(i), "roc_auc", "MIN", 0.75, auc));
				}
			}
			verdicts.put(ResultsStore.ALL, "PASS");
			models.add(
					new ModelSummary(model, monthly, verdicts, Map.of(Metric.ROC_AUC, 0.8 - 0.002 * m), breaches, 0.5));
		}
		List<PartitionResult> partitions = months.stream()
			.map((month) -> new PartitionResult(run.id(), month, "data/" + month + ".csv", 10_000, 10_000, 0, 0, null,
					40))
			.toList();
		return new RunSummary(run, models, partitions);
	}

}
