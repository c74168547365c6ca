package io.ratchet.backtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.ratchet.model.ModelCaseFiles;
import io.ratchet.model.OnnxFixtures;
import io.ratchet.model.OnnxGraphs;
import io.ratchet.model.OnnxModel;
import io.ratchet.test.SharedBatchContextTests;
import io.ratchet.test.ToyWorkspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.batch.test.MetaDataInstanceFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The back-test job on H2 with a small made-up dataset: figures, verdicts, restart,
 * rejected rows, bad input.
 */
class BacktestJobTests extends SharedBatchContextTests {

	static final ToyWorkspace toy = new ToyWorkspace(root);

	static final AtomicInteger runs = new AtomicInteger();

	@Autowired
	JobOperatorTestUtils jobOperatorTestUtils;

	@Autowired
	JobOperator jobOperator;

	@Autowired
	Job backtest;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void setUp() throws IOException {
		FileSystemUtils.deleteRecursively(toy.config());
		FileSystemUtils.deleteRecursively(toy.data("toy"));
		toy.seed(7)
			.dataset("toy")
			.logit("toy-logit", "toy", 2.0, 0.1, -0.1)
			.logit("toy-flat", "toy", 0.01)
			.registry("toy:\n  champion: toy-logit@1\n  candidates: [toy-flat@1]\n")
			.requirements("toy:\n  min-rows: 20\n  monthly:\n    roc_auc: {min: 0.7}\n"
					+ "  period:\n    roc_auc: {min: 0.7}\n")
			.months("toy", YearMonth.of(2024, 1), 4, 200);
		this.jobOperatorTestUtils.setJob(this.backtest);
	}

	@Test
	void scoresEveryMonthWithEveryModelAndStoresEveryFigure() throws Exception {
		// when
		JobExecution execution = start("toy", List.of());

		// then
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(execution.getExitStatus().getExitCode()).isEqualTo("PASS");
		// four small months share two partitions, one per thread
		assertThat(workerSteps(execution)).isEqualTo(2);
		long runId = execution.getJobInstance().getInstanceId();
		assertThat(count("SELECT COUNT(*) FROM run_partition WHERE run_id = ?", runId)).isEqualTo(4);
		assertThat(count("SELECT COUNT(DISTINCT model_version_id) FROM metric_value WHERE run_id = ?", runId))
			.isEqualTo(2);
		assertThat(count("SELECT COUNT(DISTINCT period) FROM metric_value WHERE run_id = ?", runId)).isEqualTo(5);
		assertThat(
				count("SELECT SUM(val) FROM metric_value WHERE run_id = ? AND metric = 'n' AND period <> 'ALL'", runId))
			.isEqualTo(2 * 800);
		assertThat(value(runId, "toy-logit", "ALL", "roc_auc")).isBetween(0.7, 0.95);
		assertThat(value(runId, "toy-flat", "2024-02", "n")).isEqualTo(200);
		assertThat(this.jdbc.sql("SELECT verdict FROM run WHERE id = ?").param(runId).query(String.class).single())
			.isEqualTo("PASS");
		Path report = toy.reports().resolve("backtest").resolve(Long.toString(runId));
		assertThat(report.resolve("metrics.csv")).exists();
		assertThat(Files.readAllLines(report.resolve("metrics.csv"))).hasSize(1 + 2 * 5);
		assertThat(Files.readString(report.resolve("index.html"))).contains("PASS").contains("toy-logit@1");
	}

	@Test
	void eachModelIsJudgedAtItsOwnDecisionThreshold() throws Exception {
		// given: the same logistic model on x twice, one operated at 0.3, the other at
		// 0.7
		for (String[] model : new String[][] { { "toy-low", "0.3" }, { "toy-high", "0.7" } }) {
			toy.write(toy.models().resolve(model[0] + "-v1.json"), ToyWorkspace.logitJson(model[0], "toy", 2.0)
				.replace("\"task\": \"binary\",", "\"task\": \"binary\", \"threshold\": " + model[1] + ","));
		}

		// when
		JobExecution execution = start("toy", List.of("toy-low@1", "toy-high@1"));

		// then: every month's and the period's accuracy, precision and recall are the
		// direct counts at each model's own threshold
		assertThat(execution.getStatus()).as(failure(execution)).isEqualTo(BatchStatus.COMPLETED);
		long runId = execution.getJobInstance().getInstanceId();
		List<String> periods = new ArrayList<>(List.of("2024-01", "2024-02", "2024-03", "2024-04"));
		periods.add("ALL");
		for (String period : periods) {
			for (double threshold : new double[] { 0.3, 0.7 }) {
				String model = (threshold == 0.3) ? "toy-low" : "toy-high";
				long[] counts = confusion(period, threshold);
				double n = counts[0] + counts[1] + counts[2] + counts[3];
				assertThat(value(runId, model, period, "accuracy")).as(model + " " + period)
					.isCloseTo((counts[0] + counts[2]) / n, within(1e-12));
				assertThat(value(runId, model, period, "precision")).as(model + " " + period)
					.isCloseTo((double) counts[0] / (counts[0] + counts[1]), within(1e-12));
				assertThat(value(runId, model, period, "recall")).as(model + " " + period)
					.isCloseTo((double) counts[0] / (counts[0] + counts[3]), within(1e-12));
			}
			assertThat(value(runId, "toy-low", period, "recall"))
				.isGreaterThan(value(runId, "toy-high", period, "recall"));
		}
		Path report = toy.reports().resolve("backtest").resolve(Long.toString(runId));
		List<String> csv = Files.readAllLines(report.resolve("metrics.csv"));
		assertThat(csv.get(0)).contains(",sha256,threshold,period,");
		assertThat(csv.stream().filter((line) -> line.contains(",toy-low,"))).hasSize(5)
			.allMatch((line) -> line.contains(",0.3,"));
		assertThat(csv.stream().filter((line) -> line.contains(",toy-high,"))).hasSize(5)
			.allMatch((line) -> line.contains(",0.7,"));
		assertThat(Files.readString(report.resolve("index.html")))
			.contains("Each model is judged at its own decision" + " threshold");
	}

	@Test
	void aFormulaMetricAndATopTwentyPercentMetricAreStoredAndJudged() throws Exception {
		// given: the dataset defines a top 20% and a formula; the requirements bound both
		// beyond what the model reaches
		Path datasetFile = toy.config().resolve("datasets/toy.yml");
		toy.write(datasetFile, Files.readString(datasetFile) + """
				top-k: [0.05, 0.2]
				metrics:
				  net_saves: {formula: "(tp * 40 - fp * 5) / n", better: higher}
				""");
		toy.requirements("toy:\n  min-rows: 20\n  monthly:\n    net_saves: {min: 1000}\n"
				+ "    precision_top20pct: {min: 0.99}\n  period:\n    roc_auc: {min: 0.7}\n");
		toy.write(toy.models().resolve("toy-x-v1.json"), ToyWorkspace.logitJson("toy-x", "toy", 2.0));

		// when
		JobExecution execution = start("toy", List.of("toy-x@1"));

		// then: every month and the period hold both figures, equal to direct counts;
		// every month breaches the formula's bound, the months below 0.99 the top 20%'s
		assertThat(execution.getStatus()).as(failure(execution)).isEqualTo(BatchStatus.COMPLETED);
		assertThat(execution.getExitStatus().getExitCode()).isEqualTo("BREACH");
		long runId = execution.getJobInstance().getInstanceId();
		long belowTopBound = 0;
		for (String period : List.of("2024-01", "2024-02", "2024-03", "2024-04", "ALL")) {
			belowTopBound += (!period.equals("ALL") && topPrecision(period, 0.2) < 0.99) ? 1 : 0;
			long[] counts = confusion(period, 0.5);
			double n = counts[0] + counts[1] + counts[2] + counts[3];
			assertThat(value(runId, "toy-x", period, "net_saves")).as(period)
				.isCloseTo((counts[0] * 40 - counts[1] * 5) / n, within(1e-12));
			assertThat(value(runId, "toy-x", period, "precision_top20pct")).as(period)
				.isCloseTo(topPrecision(period, 0.2), within(1e-12));
		}
		assertThat(this.jdbc
			.sql("""
					SELECT metric, COUNT(*) FROM breach WHERE run_id = ? AND period <> 'ALL' GROUP BY metric ORDER BY metric""")
			.param(runId)
			.query((rs, i) -> rs.getString(1).strip() + " " + rs.getLong(2))
			.list()).containsExactly("net_saves 4", "precision_top20pct " + belowTopBound);
		assertThat(belowTopBound).isPositive();
		Path report = toy.reports().resolve("backtest").resolve(Long.toString(runId));
		List<String> csv = Files.readAllLines(report.resolve("metrics.csv"));
		// the figures, then each one's 95% interval (the formula's by the bootstrap)
		assertThat(csv.get(0)).contains(",precision_top20pct,recall_top20pct,lift_top20pct,net_saves,")
			.endsWith(",precision_top20pct_lo,precision_top20pct_hi,recall_top20pct_lo,recall_top20pct_hi,"
					+ "lift_top20pct_lo,lift_top20pct_hi,net_saves_lo,net_saves_hi");
		assertThat(Files.readString(report.resolve("index.html"))).contains("net_saves").contains("precision_top20pct");
	}

	/**
	 * Precision among the top {@code share} of rows by the toy model's score (no ties:
	 * the scores are continuous), from a month's file or every month's.
	 */
	private static double topPrecision(String period, double share) throws IOException {
		List<double[]> rows = new ArrayList<>();
		for (int m = 1; m <= 4; m++) {
			String month = "2024-0" + m;
			if (!period.equals("ALL") && !period.equals(month)) {
				continue;
			}
			List<String> lines = Files.readAllLines(toy.data("toy").resolve(month + ".csv"));
			for (String line : lines.subList(1, lines.size())) {
				String[] cells = line.split(",");
				rows.add(new double[] { Double.parseDouble(cells[2]), cells[4].equals("1") ? 1 : 0 });
			}
		}
		rows.sort((a, b) -> Double.compare(b[0], a[0]));
		int cut = (int) Math.ceil(rows.size() * share - 1e-9);
		return rows.subList(0, cut).stream().mapToDouble((row) -> row[1]).sum() / cut;
	}

	/**
	 * True positives, false positives, true negatives and false negatives of the toy
	 * model {@code 1 / (1 + exp(-2x))} at a threshold, counted from a month's file (or
	 * every month's, for {@code ALL}).
	 */
	private static long[] confusion(String period, double threshold) throws IOException {
		long[] counts = new long[4];
		for (int m = 1; m <= 4; m++) {
			String month = "2024-0" + m;
			if (!period.equals("ALL") && !period.equals(month)) {
				continue;
			}
			List<String> lines = Files.readAllLines(toy.data("toy").resolve(month + ".csv"));
			for (String line : lines.subList(1, lines.size())) {
				String[] cells = line.split(",");
				double score = 1 / (1 + Math.exp(-2.0 * Double.parseDouble(cells[2])));
				boolean predicted = score >= threshold;
				boolean positive = cells[4].equals("1");
				counts[predicted ? (positive ? 0 : 1) : (positive ? 3 : 2)]++;
			}
		}
		return counts;
	}

	@Test
	void runsStartedAtTheSameMomentAllComplete() throws Exception {
		// given: four runs of the dataset, released together (as two daemons, or a
		// restart beside a fire, would)
		int together = 4;
		CountDownLatch ready = new CountDownLatch(together);
		CountDownLatch go = new CountDownLatch(1);
		ExecutorService threads = Executors.newFixedThreadPool(together);
		List<Future<JobExecution>> started = new ArrayList<>();
		try {
			for (int i = 0; i < together; i++) {
				started.add(threads.submit(() -> {
					ready.countDown();
					go.await();
					return start("toy", List.of());
				}));
			}
			ready.await();

			// when
			go.countDown();

			// then: none lost to the database refusing concurrent creation of job or step
			// records
			for (Future<JobExecution> run : started) {
				JobExecution execution = run.get();
				assertThat(execution.getStatus()).as(failure(execution)).isEqualTo(BatchStatus.COMPLETED);
				assertThat(workerSteps(execution)).isEqualTo(2);
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	@Test
	void aMonthBelowItsMinimumIsABreach() throws Exception {
		// given
		toy.write(toy.config().resolve("requirements.yml"),
				"toy:\n  min-rows: 20\n  monthly:\n    roc_auc: {min: 0.99}\n");

		// when
		JobExecution execution = start("toy", List.of());

		// then
		long runId = execution.getJobInstance().getInstanceId();
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(execution.getExitStatus().getExitCode()).isEqualTo("BREACH");
		assertThat(count("""
				SELECT COUNT(*) FROM breach b JOIN model_version m ON m.id = b.model_version_id
				WHERE b.run_id = ? AND m.name = 'toy-logit' AND b.metric = 'roc_auc' AND b.bound = 0.99""", runId))
			.isEqualTo(4);
	}

	@Test
	void aMonthWithTooFewRowsIsInsufficientDataNotABreach() throws Exception {
		// given
		toy.write(toy.config().resolve("requirements.yml"),
				"toy:\n  min-rows: 201\n  monthly:\n    roc_auc: {min: 0.99}\n");

		// when
		JobExecution execution = start("toy", List.of());

		// then
		long runId = execution.getJobInstance().getInstanceId();
		assertThat(count("SELECT COUNT(*) FROM breach WHERE run_id = ?", runId)).isZero();
		assertThat(
				count("SELECT COUNT(*) FROM period_verdict WHERE run_id = ? AND verdict = 'INSUFFICIENT_DATA'", runId))
			.isEqualTo(2 * 4);
	}

	@Test
	void aFailedRunRestartsWithoutRecomputingFinishedMonthsOrStoringAnythingTwice() throws Exception {
		// given: the third month's header lacks a configured column
		Path march = toy.data("toy").resolve("2024-03.csv");
		String good = Files.readString(march);
		Files.writeString(march, good.replaceFirst("colour", "color"));

		// when
		JobExecution failed = start("toy", List.of());

		// then
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		long runId = failed.getJobInstance().getInstanceId();
		String failure = this.jdbc.sql("SELECT failure FROM run WHERE id = ?")
			.param(runId)
			.query(String.class)
			.single();
		assertThat(failure).contains("2024-03.csv").contains("colour");
		// the partition of 2024-01 and 2024-02 completed; that of 2024-03 and 2024-04
		// failed at its first month
		assertThat(count("SELECT COUNT(*) FROM run_partition WHERE run_id = ?", runId)).isEqualTo(2);

		// when: the file is repaired and the run restarted
		Files.writeString(march, good);
		JobExecution restarted = this.jobOperator.restart(failed);

		// then
		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(restarted.getJobInstance().getInstanceId()).isEqualTo(runId);
		assertThat(workerSteps(restarted)).isEqualTo(1);
		assertThat(count("SELECT COUNT(*) FROM run_partition WHERE run_id = ?", runId)).isEqualTo(4);
		JobExecution clean = start("toy", List.of());
		long cleanId = clean.getJobInstance().getInstanceId();
		assertThat(count("SELECT COUNT(*) FROM metric_value WHERE run_id = ?", runId))
			.isEqualTo(count("SELECT COUNT(*) FROM metric_value WHERE run_id = ?", cleanId));
		assertThat(value(runId, "toy-logit", "ALL", "roc_auc"))
			.isEqualTo(value(cleanId, "toy-logit", "ALL", "roc_auc"));
		assertThat(this.jdbc.sql("SELECT status FROM run WHERE id = ?").param(runId).query(String.class).single())
			.isEqualTo("COMPLETED");
	}

	@Test
	void rejectedRowsAreKeptWithTheirReasonAndCounted() throws Exception {
		// given: one bad number in 800 rows (0.125%, under the 1% limit)
		Path february = toy.data("toy").resolve("2024-02.csv");
		List<String> lines = new java.util.ArrayList<>(Files.readAllLines(february));
		lines.set(5, lines.get(5).replaceFirst(",[-0-9.]+,", ",12abc,"));
		Files.write(february, lines);

		// when
		JobExecution execution = start("toy", List.of());

		// then
		long runId = execution.getJobInstance().getInstanceId();
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(count("SELECT rows_rejected FROM run WHERE id = ?", runId)).isEqualTo(1);
		Path rejected = toy.reports().resolve("backtest/" + runId + "/rejected/2024-02.csv");
		assertThat(Files.readString(rejected)).contains("2024-02.csv").contains(",6,").contains("12abc");
	}

	@Test
	void aBacktestFromTheWarmMonthCacheStoresTheSameFiguresAsOneFromTheCsv() throws Exception {
		// given: a month with a rejected row, and an empty month cache
		Path february = toy.data("toy").resolve("2024-02.csv");
		List<String> lines = new java.util.ArrayList<>(Files.readAllLines(february));
		lines.set(5, lines.get(5).replaceFirst(",[-0-9.]+,", ",12abc,"));
		Files.write(february, lines);
		FileSystemUtils.deleteRecursively(root.resolve(".ratchet/month-cache"));

		// when
		JobExecution cold = start("toy", List.of());
		JobExecution warm = start("toy", List.of());

		// then
		// (the 4 months share 2 partitions: a step says "cache" only when all its months
		// were)
		assertThat(monthSources(cold)).hasSize(2).containsOnly("csv");
		assertThat(monthSources(warm)).hasSize(2).containsOnly("cache");
		long coldRun = cold.getJobInstance().getInstanceId();
		long warmRun = warm.getJobInstance().getInstanceId();
		assertThat(storedFigures(warmRun)).isNotEmpty().isEqualTo(storedFigures(coldRun));
		assertThat(Files.readString(toy.reports().resolve("backtest/" + warmRun + "/rejected/2024-02.csv")))
			.contains("12abc")
			.isEqualTo(Files.readString(toy.reports().resolve("backtest/" + coldRun + "/rejected/2024-02.csv")));
	}

	@Test
	void tooManyRejectedRowsFailTheRunWithThatReason() throws Exception {
		// given: 20 bad dates in 800 rows (2.5%)
		Path january = toy.data("toy").resolve("2024-01.csv");
		List<String> lines = new java.util.ArrayList<>(Files.readAllLines(january));
		for (int i = 1; i <= 20; i++) {
			lines.set(i, lines.get(i).replaceFirst(",2024-01-", ",2024-13-"));
		}
		Files.write(january, lines);

		// when
		JobExecution execution = start("toy", List.of());

		// then
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
		long runId = execution.getJobInstance().getInstanceId();
		assertThat(this.jdbc.sql("SELECT failure FROM run WHERE id = ?").param(runId).query(String.class).single())
			.contains("20 of 800 rows rejected")
			.contains("max-rejected-share");
	}

	@Test
	void aModelFileChangedUnderTheSameVersionIsRefused() throws Exception {
		// given: a version that has been used once
		toy.write(toy.config().resolve("models/toy-tamper-v1.json"), ToyWorkspace.logitJson("toy-tamper", "toy", 0.01));
		assertThat(start("toy", List.of("toy-tamper@1")).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		toy.write(toy.config().resolve("models/toy-tamper-v1.json"), ToyWorkspace.logitJson("toy-tamper", "toy", 0.02));

		// when
		JobExecution execution = start("toy", List.of("toy-tamper@1"));

		// then
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(failure(execution)).contains("toy-tamper-v1.json")
			.contains("content changed")
			.contains("toy-tamper@1");
	}

	@Test
	void aModelWhoseRegressionCasesNoLongerMatchIsRefusedWithTheDiff() throws Exception {
		// given: the recorded output of one case differs from what today's scorer gives
		Path cases = toy.config().resolve("models/toy-flat-v1.cases.csv");
		String text = Files.readString(cases);
		String line = text.lines().filter((row) -> row.startsWith("x = 0,")).findFirst().orElseThrow();
		Files.writeString(cases, text.replace(line, "x = 0,0.0,0.75"));

		// when
		JobExecution execution = start("toy", List.of());

		// then
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(failure(execution)).contains("model toy-flat@1 refused")
			.contains(cases.toString())
			.contains("x = 0: expected 0.75, got 0.5");
		assertThat(workerSteps(execution)).isZero();
	}

	@Test
	void aModelWithoutRegressionCasesIsRefused() throws Exception {
		// given
		Files.delete(toy.config().resolve("models/toy-logit-v1.cases.csv"));

		// when
		JobExecution execution = start("toy", List.of());

		// then
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(failure(execution)).contains("toy-logit-v1.cases.csv")
			.contains("no regression cases file")
			.contains("jobs/model-cases toy-logit@1");
	}

	@Test
	void anUnknownDatasetOrModelFailsWithAClearMessage() throws Exception {
		assertThat(failure(start("nosuch", List.of()))).contains("nosuch").contains("toy");
		assertThat(failure(start("toy", List.of("toy-nosuch@1")))).contains("toy-nosuch@1");
	}

	@Test
	void aModelUsingAFeatureTheDatasetLacksFailsBeforeAnyMonthIsRead() throws Exception {
		// given
		toy.write(toy.config().resolve("models/toy-wrong-v1.json"),
				ToyWorkspace.logitJson("toy-wrong", "toy", 0.01).replace("\"x\"", "\"height\""));

		// when
		JobExecution execution = start("toy", List.of("toy-wrong@1"));

		// then
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(failure(execution)).contains("toy-wrong-v1.json").contains("height");
		assertThat(workerSteps(execution)).isZero();
	}

	@Test
	void anOnnxCandidateIsScoredBesideTheChampionAndAgreesWithItsLinearTwin() throws Exception {
		// given: the champion toy-logit (2 x, red 0.1, blue -0.1) as an ONNX graph,
		// registered as a candidate
		Path model = writeToyOnnx();
		toy.write(toy.config().resolve("registry.yml"), "toy:\n  champion: toy-logit@1\n  candidates: [toy-onnx@1]\n");

		// when
		JobExecution execution = start("toy", List.of());

		// then: every month scored by both; the ONNX figures are the linear ones within
		// float32
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(workerSteps(execution)).isEqualTo(2);
		long runId = execution.getJobInstance().getInstanceId();
		assertThat(this.jdbc
			.sql("SELECT role FROM run_model r JOIN model_version m ON m.id = r.model_version_id"
					+ " WHERE r.run_id = ? AND m.name = 'toy-onnx'")
			.param(runId)
			.query(String.class)
			.single()).isEqualTo("candidate");
		for (String period : List.of("2024-01", "2024-04", "ALL")) {
			assertThat(value(runId, "toy-onnx", period, "n")).isEqualTo(value(runId, "toy-logit", period, "n"));
			for (String metric : List.of("log_loss", "brier", "mean_score")) {
				assertThat(value(runId, "toy-onnx", period, metric)).as("%s %s", period, metric)
					.isCloseTo(value(runId, "toy-logit", period, metric), within(1e-6));
			}
			// float32 may tie or swap a pair or two of near-equal scores among 100 x 100
			// pairs a month
			assertThat(value(runId, "toy-onnx", period, "roc_auc")).as("%s roc_auc", period)
				.isCloseTo(value(runId, "toy-logit", period, "roc_auc"), within(3e-4));
		}
		assertThat(model.resolveSibling("toy-onnx-v1.cases.csv")).exists();
	}

	@Test
	void anOnnxFileChangedAfterImportFailsTheRunNamingIt() throws Exception {
		// given: the candidate's ONNX file replaced by another graph
		Path model = writeToyOnnx();
		OnnxGraphs.logistic(new float[] { 1, 1, 1 }, 0, new float[3]).write(model.resolveSibling("toy-onnx-v1.onnx"));

		// when
		JobExecution execution = start("toy", List.of("toy-logit@1", "toy-onnx@1"));

		// then
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(failure(execution)).contains("toy-onnx-v1.onnx").contains("the ONNX file changed after import");
		assertThat(workerSteps(execution)).isZero();
	}

	/**
	 * The champion as an ONNX graph over [x, colour=red, colour=blue],
	 * {@code toy-onnx@1}, with its cases.
	 */
	private static Path writeToyOnnx() {
		Path model = OnnxFixtures.write(toy.config().resolve("models"), "toy-onnx", "1",
				io.ratchet.data.DatasetConfigs.load(toy.config(), "toy"),
				OnnxGraphs.logistic(new float[] { 2f, 0.1f, -0.1f }, 0f, new float[] { 0, 0, 0 }),
				List.of(new OnnxModel.Input("input", OnnxModel.ElementType.FLOAT, List.of(new OnnxModel.Value("x"),
						new OnnxModel.Indicator("colour", "red"), new OnnxModel.Indicator("colour", "blue")))),
				new OnnxModel.Output("probabilities", 1));
		ModelCaseFiles.writeBeside(model);
		return model;
	}

	/**
	 * The job-scope context {@code @SpringBatchTest} opens around each test method (it
	 * would otherwise pick any method returning a {@code JobExecution}); the tests launch
	 * real executions of their own.
	 */
	public JobExecution getJobExecution() {
		return MetaDataInstanceFactory.createJobExecution();
	}

	private JobExecution start(String dataset, List<String> models) throws Exception {
		return this.jobOperatorTestUtils.startJob(new BacktestParameters(dataset, null, null, models,
				LocalDateTime.of(2025, 1, 1, 0, 0).plusSeconds(runs.incrementAndGet()))
			.toJobParameters());
	}

	private String failure(JobExecution execution) {
		return execution.getAllFailureExceptions()
			.stream()
			.map(io.ratchet.system.Failures::describe)
			.toList()
			.toString();
	}

	private long count(String sql, long runId) {
		Number value = this.jdbc.sql(sql).param(runId).query(Number.class).single();
		return (value != null) ? value.longValue() : 0;
	}

	private double value(long runId, String model, String period, String metric) {
		return this.jdbc.sql("""
				SELECT v.val FROM metric_value v JOIN model_version m ON m.id = v.model_version_id
				WHERE v.run_id = ? AND m.name = ? AND v.period = ? AND v.metric = ?""")
			.params(runId, model, period, metric)
			.query(Double.class)
			.single();
	}

	/** Where each month of a run was read from ({@code cache} or {@code csv}). */
	private static List<String> monthSources(JobExecution execution) {
		return execution.getStepExecutions()
			.stream()
			.filter((step) -> step.getStepName().startsWith("backtestMonth:"))
			.map((step) -> step.getExecutionContext().getString(BacktestMonthTasklet.SOURCE))
			.toList();
	}

	/**
	 * Every figure a run stored, doubles as their bits: metrics, partition counts,
	 * accumulator states, feature means.
	 */
	private List<String> storedFigures(long runId) {
		List<String> figures = new ArrayList<>();
		figures.addAll(this.jdbc.sql("""
				SELECT m.name, v.period, v.metric, v.val, v.row_count FROM metric_value v
				JOIN model_version m ON m.id = v.model_version_id WHERE v.run_id = ?
				ORDER BY m.name, v.period, v.metric""")
			.param(runId)
			.query((rs, n) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " "
					+ bits(rs.getObject(4, Double.class)) + " " + rs.getLong(5))
			.list());
		figures.addAll(this.jdbc.sql("""
				SELECT period, rows_read, rows_accepted, rows_rejected, rows_unlabelled FROM run_partition
				WHERE run_id = ? ORDER BY period""")
			.param(runId)
			.query((rs, n) -> rs.getString(1) + " " + rs.getLong(2) + " " + rs.getLong(3) + " " + rs.getLong(4) + " "
					+ rs.getLong(5))
			.list());
		figures.addAll(this.jdbc.sql("""
				SELECT m.name, s.period, s.state FROM partition_state s
				JOIN model_version m ON m.id = s.model_version_id WHERE s.run_id = ? ORDER BY m.name, s.period""")
			.param(runId)
			.query((rs, n) -> rs.getString(1) + " " + rs.getString(2) + " "
					+ java.util.HexFormat.of().formatHex(rs.getBytes(3)))
			.list());
		figures.addAll(this.jdbc.sql("""
				SELECT period, feature, mean_val, row_count, missing_count FROM feature_mean
				WHERE run_id = ? ORDER BY period, feature""")
			.param(runId)
			.query((rs, n) -> rs.getString(1) + " " + rs.getString(2) + " " + bits(rs.getObject(3, Double.class)) + " "
					+ rs.getLong(4) + " " + rs.getLong(5))
			.list());
		return figures;
	}

	private static String bits(Double value) {
		return (value != null) ? Long.toHexString(Double.doubleToRawLongBits(value)) : "null";
	}

	private static long workerSteps(JobExecution execution) {
		return execution.getStepExecutions()
			.stream()
			.filter((step) -> step.getStepName().startsWith("backtestMonth:"))
			.count();
	}

}
