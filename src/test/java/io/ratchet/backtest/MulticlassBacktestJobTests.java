package io.ratchet.backtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import io.ratchet.metrics.Metric;
import io.ratchet.metrics.MetricValues;
import io.ratchet.metrics.MulticlassAccumulator;
import io.ratchet.test.SharedBatchContextTests;
import io.ratchet.test.ToyWorkspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A multiclass dataset back-tested month by month with a multinomial model: each month's
 * one-vs-rest ROC AUC, log loss, accuracy and macro F1 stored, equal to the figures of
 * the same rows computed here, the whole period merged from the months, the figures in
 * {@code metrics.csv} and the report, and a requirement on {@code roc_auc_ovr_macro}
 * judged like any other.
 */
class MulticlassBacktestJobTests extends SharedBatchContextTests {

	private static final String[] CLASSES = { "low", "mid", "high" };

	/** Per class: intercept and weight of {@code x}. */
	private static final double[][] MODEL = { { 0.0, -2.0 }, { 0.5, 0.0 }, { 0.0, 2.0 } };

	static final ToyWorkspace toy = new ToyWorkspace(root);

	static final AtomicInteger runs = new AtomicInteger();

	@Autowired
	JobOperatorTestUtils jobOperatorTestUtils;

	@Autowired
	Job backtest;

	@Autowired
	JdbcClient jdbc;

	/** The rows written, by month: x and the class index. */
	private final Map<String, List<double[]>> rows = new LinkedHashMap<>();

	@BeforeEach
	void setUp() throws IOException {
		FileSystemUtils.deleteRecursively(toy.config());
		FileSystemUtils.deleteRecursively(toy.data("grades"));
		toy.configFile("datasets/grades.yml", """
				name: grades
				date: {column: day, format: yyyy-MM-dd}
				label: {column: grade, task: multiclass, classes: [low, mid, high]}
				features:
				  - {name: x, type: numeric}
				""")
			.configFile("models/grades-softmax-v1.json", modelJson())
			.registry("grades:\n  champion: grades-softmax@1\n")
			.requirements("grades:\n  min-rows: 20\n  monthly:\n    roc_auc_ovr_macro: {min: 0.8}\n"
					+ "    accuracy: {min: 0.2}\n");
		Random random = new Random(2026);
		for (int m = 0; m < 3; m++) {
			YearMonth month = YearMonth.of(2024, 1 + m);
			StringBuilder csv = new StringBuilder("day,x,grade\n");
			List<double[]> written = new ArrayList<>();
			// the third month's labels are drawn at random: its ROC AUC falls near 0.5
			for (int i = 0; i < 150; i++) {
				double x = Math.round(random.nextGaussian() * 1e4) / 1e4;
				int grade = (m == 2) ? random.nextInt(3) : draw(probabilities(x), random.nextDouble());
				csv.append(String.format(Locale.ROOT, "%s,%s,%s%n", month.atDay(1 + i % 28), x, CLASSES[grade]));
				written.add(new double[] { x, grade });
			}
			Files.createDirectories(toy.data("grades"));
			Files.writeString(toy.data("grades").resolve(month + ".csv"), csv);
			this.rows.put(month.toString(), written);
		}
	}

	@Test
	void monthsAndPeriodAreStoredJudgedAndWrittenToMetricsCsv() throws Exception {
		// when
		this.jobOperatorTestUtils.setJob(this.backtest);
		JobExecution execution = this.jobOperatorTestUtils.startJob(new BacktestParameters("grades", null, null,
				List.of(), LocalDateTime.of(2025, 7, 1, 0, 0).plusSeconds(runs.incrementAndGet()))
			.toJobParameters());

		// then: each month's figures equal the rows' own, the period's the whole's
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		long runId = execution.getJobInstance().getInstanceId();
		MulticlassAccumulator whole = new MulticlassAccumulator(3);
		for (Map.Entry<String, List<double[]>> month : this.rows.entrySet()) {
			MulticlassAccumulator expected = expected(month.getValue());
			whole.merge(expected);
			assertStored(runId, month.getKey(), expected.result());
		}
		assertStored(runId, "ALL", whole.result());
		assertThat(whole.result().get(Metric.ROC_AUC_OVR_MACRO).orElseThrow()).isGreaterThan(0.7);

		// then: the random month breaches roc_auc_ovr_macro, the others do not
		assertThat(this.jdbc.sql("SELECT period FROM breach WHERE run_id = ? AND metric = 'roc_auc_ovr_macro'")
			.param(runId)
			.query(String.class)
			.list()).containsExactly("2024-03");
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM breach WHERE run_id = ? AND metric = 'accuracy'")
			.param(runId)
			.query(Long.class)
			.single()).isZero();

		// then: metrics.csv has the multiclass figures
		Path csv = toy.reports().resolve("backtest").resolve(Long.toString(runId)).resolve("metrics.csv");
		String header = Files.readAllLines(csv).get(0);
		assertThat(header).contains("roc_auc_ovr_macro", "roc_auc_ovr_weighted", "log_loss", "accuracy", "f1_macro");
		assertThat(Files.readAllLines(csv)).hasSize(1 + 4);

		// then: the report charts the required metrics
		String report = Files.readString(csv.resolveSibling("index.html"));
		assertThat(report).contains("roc_auc_ovr_macro", "f1_macro");
		assertThat(csv.resolveSibling("roc_auc_ovr_macro-by-month.png")).isRegularFile();
	}

	private void assertStored(long runId, String period, MetricValues expected) {
		for (Metric metric : List.of(Metric.N, Metric.ROC_AUC_OVR_MACRO, Metric.ROC_AUC_OVR_WEIGHTED, Metric.LOG_LOSS,
				Metric.ACCURACY, Metric.F1_MACRO)) {
			Double stored = this.jdbc.sql("SELECT val FROM metric_value WHERE run_id = ? AND period = ? AND metric = ?")
				.params(runId, period, metric.key())
				.query(Double.class)
				.single();
			assertThat(stored).as(period + " " + metric.key())
				.isCloseTo(expected.get(metric).orElseThrow(), within(1e-12));
		}
	}

	/** The figures of the rows computed here from the model's formula. */
	private static MulticlassAccumulator expected(List<double[]> rows) {
		MulticlassAccumulator accumulator = new MulticlassAccumulator(3);
		rows.forEach((row) -> accumulator.add(probabilities(row[0]), row[1]));
		return accumulator;
	}

	private static double[] probabilities(double x) {
		double[] e = new double[3];
		double sum = 0;
		for (int c = 0; c < 3; c++) {
			e[c] = Math.exp(MODEL[c][0] + MODEL[c][1] * x);
			sum += e[c];
		}
		for (int c = 0; c < 3; c++) {
			e[c] /= sum;
		}
		return e;
	}

	private static int draw(double[] probabilities, double u) {
		double cumulative = 0;
		for (int c = 0; c < probabilities.length - 1; c++) {
			cumulative += probabilities[c];
			if (u < cumulative) {
				return c;
			}
		}
		return probabilities.length - 1;
	}

	private static String modelJson() {
		StringBuilder classes = new StringBuilder();
		for (int c = 0; c < 3; c++) {
			classes.append(String.format(Locale.ROOT, """
					%s{"class": "%s", "intercept": %s, "terms": [{"feature": "x", "type": "numeric", "impute": 0.0,
					  "center": 0.0, "scale": 1.0, "weight": %s}]}
					""", (c > 0) ? "," : "", CLASSES[c], MODEL[c][0], MODEL[c][1]));
		}
		return """
				{"format": "ratchet-model/1", "name": "grades-softmax", "version": "1", "dataset": "grades",
				 "task": "multiclass", "kind": "multinomial", "link": "softmax",
				 "classes": [
				%s]}
				""".formatted(classes);
	}

}
