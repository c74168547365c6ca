package io.ratchet.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.ratchet.data.Task;
import io.ratchet.metrics.Accumulators;
import io.ratchet.metrics.Interval;
import io.ratchet.metrics.IntervalMethod;
import io.ratchet.metrics.Metric;
import io.ratchet.metrics.MetricIntervals;
import io.ratchet.metrics.MetricValues;
import io.ratchet.model.LinearModel;
import io.ratchet.model.Link;
import io.ratchet.model.ModelFiles;
import io.ratchet.model.ModelVersion;
import io.ratchet.requirement.BoundKind;
import io.ratchet.requirement.Breach;
import io.ratchet.requirement.CheckResult;
import io.ratchet.requirement.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The results store on the real Flyway schema (H2 file): a partition stored twice keeps
 * one copy, undefined metrics are NULL, breaches and verdicts are kept, a month that
 * fails half-way through its batches leaves nothing of itself, and a model file changed
 * under its version is refused.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@ActiveProfiles("test")
@Import({ ResultsStore.class, ModelVersionStore.class })
class ResultsStoreTests {

	@Autowired
	ResultsStore results;

	@Autowired
	ModelVersionStore modelVersions;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aPartitionStoredTwiceKeepsOneCopyAndUndefinedMetricsAreNull() {
		// given
		long model = this.modelVersions.register(model("store-a", "1", "aaaa"));
		this.results.openRun(901, "backtest", "toy", null, null, LocalDateTime.now(), "dataset=toy", 0);
		MetricValues oneClass = new MetricValues(Map.of(Metric.N, 10.0, Metric.POSITIVES, 0.0, Metric.LOG_LOSS, 0.2));
		Breach breach = new Breach("store-a", "2024-01", Metric.LOG_LOSS, 0.2, BoundKind.MAX, 0.1);
		ModelFigures figures = new ModelFigures(model, Task.BINARY, oneClass,
				new CheckResult(Verdict.BREACH, List.of(breach), List.of(Metric.ROC_AUC)), new byte[] { 1, 2, 3 });
		PartitionResult partition = new PartitionResult(901, "2024-01", "toy/2024-01.csv", 12, 11, 1, 1, null, 5);

		// when
		this.results.savePartition(partition, List.of(figures));
		this.results.savePartition(partition, List.of(figures));

		// then
		assertThat(count("SELECT COUNT(*) FROM metric_value WHERE run_id = 901"))
			.isEqualTo(Metric.forTask(Task.BINARY).size());
		assertThat(count("SELECT COUNT(*) FROM metric_value WHERE run_id = 901 AND val IS NULL"))
			.isEqualTo(Metric.forTask(Task.BINARY).size() - 3);
		assertThat(this.results.metricValues(901)).filteredOn((m) -> m.metric() == Metric.ROC_AUC)
			.singleElement()
			.satisfies((m) -> assertThat(m.value()).isNull());
		assertThat(this.results.breaches(901)).singleElement()
			.satisfies((b) -> assertThat(b.describe()).isEqualTo("log_loss 0.2000 > 0.1000"));
		assertThat(this.results.verdicts(901)).extracting(StoredVerdict::verdict).containsExactly("BREACH");
		assertThat(this.results.partitionStates(901, model)).singleElement().isEqualTo(new byte[] { 1, 2, 3 });
		assertThat(this.results.partitions(901)).hasSize(1);
	}

	@Test
	void aRunsFiguresAndIntervalsAreReadBackInKeyOrderStraightFromTheIndex() {
		// given: two models' months stored out of order, each with two intervals, and a
		// figure of another run
		long first = this.modelVersions.register(model("store-k", "1", "kkk1"));
		long second = this.modelVersions.register(model("store-k", "2", "kkk2"));
		this.results.openRun(911, "backtest", "toy", null, null, LocalDateTime.now(), "dataset=toy", 0);
		this.results.openRun(912, "backtest", "toy", null, null, LocalDateTime.now(), "dataset=toy", 0);
		MetricValues values = new MetricValues(Map.of(Metric.N, 30.0, Metric.POSITIVES, 12.0, Metric.LOG_LOSS, 0.4));
		MetricIntervals intervals = new MetricIntervals(
				Map.of(Metric.LOG_LOSS.key(), new Interval(0.3, 0.5, IntervalMethod.BOOTSTRAP), Metric.ROC_AUC.key(),
						new Interval(0.5, 0.7, IntervalMethod.DELONG)));
		CheckResult pass = new CheckResult(Verdict.PASS, List.of(), List.of());
		for (String period : List.of("2024-03", "2024-01", "2024-02")) {
			this.results.savePartition(
					new PartitionResult(911, period, "toy/" + period + ".csv", 30, 30, 0, 0, null, 1),
					List.of(new ModelFigures(second, Task.BINARY, values, pass, new byte[] { 2 }, intervals),
							new ModelFigures(first, Task.BINARY, values, pass, new byte[] { 1 }, intervals)));
		}
		this.results.savePartition(new PartitionResult(912, "2024-01", "toy/2024-01.csv", 30, 30, 0, 0, null, 1),
				List.of(new ModelFigures(first, Task.BINARY, values, pass, new byte[] { 1 }, intervals)));

		// when
		List<StoredMetric> metrics = this.results.metricValues(911);
		List<StoredInterval> stored = this.results.metricIntervals(911);

		// then: the run's rows only, ordered by model, period and metric
		assertThat(metrics).hasSize(2 * 3 * Metric.forTask(Task.BINARY).size());
		assertThat(metrics).extracting((m) -> m.modelVersionId() + "/" + m.period() + "/" + m.metric().key())
			.isSortedAccordingTo(Comparator.comparing((String key) -> Long.parseLong(key.split("/")[0]))
				.thenComparing((key) -> key.substring(key.indexOf('/'))));
		assertThat(metrics).filteredOn((m) -> m.metric() == Metric.LOG_LOSS)
			.extracting(StoredMetric::value)
			.containsOnly(0.4);
		assertThat(stored).extracting((i) -> i.modelVersionId() + "/" + i.period() + "/" + i.metric().key())
			.containsExactly(first + "/2024-01/log_loss", first + "/2024-01/roc_auc", first + "/2024-02/log_loss",
					first + "/2024-02/roc_auc", first + "/2024-03/log_loss", first + "/2024-03/roc_auc",
					second + "/2024-01/log_loss", second + "/2024-01/roc_auc", second + "/2024-02/log_loss",
					second + "/2024-02/roc_auc", second + "/2024-03/log_loss", second + "/2024-03/roc_auc");
		assertThat(stored).extracting(StoredInterval::interval).contains(new Interval(0.5, 0.7, IntervalMethod.DELONG));
		// and H2 reads both in its index's order (nothing to sort, so it can hand the
		// rows
		// over as it reads them instead of copying a long run's rows to a temporary file)
		for (String sql : List.of(ResultsStore.METRIC_VALUES_OF_RUN, ResultsStore.METRIC_INTERVALS_OF_RUN)) {
			assertThat(this.jdbc.sql("EXPLAIN " + sql).param(911L).query(String.class).single())
				.contains("/* index sorted */");
		}
	}

	@Test
	void aPeriodsIntervalsAreStoredInOneRowAndReadBesideTheRowsOfARunStoredBeforeThey() {
		// given: a month of a run stored before intervals were packed (a row per figure
		// in
		// metric_interval), and the same run's next month stored now
		long model = this.modelVersions.register(model("store-p", "1", "pppp"));
		this.results.openRun(913, "backtest", "toy", null, null, LocalDateTime.now(), "dataset=toy", 0);
		this.results.savePartition(new PartitionResult(913, "2024-01", "toy/2024-01.csv", 30, 30, 0, 0, null, 1),
				List.of(new ModelFigures(model, Task.BINARY, new MetricValues(Map.of(Metric.N, 30.0)),
						new CheckResult(Verdict.PASS, List.of(), List.of()), new byte[] { 1 })));
		this.jdbc.sql("""
				INSERT INTO metric_interval (run_id, model_version_id, period, metric, lo, hi, method)
				VALUES (913, ?, '2024-01', 'log_loss', 0.25, 0.5, 'bootstrap')""").param(model).update();
		Interval logLoss = new Interval(0.1 + 0.2, Math.nextUp(0.5), IntervalMethod.BOOTSTRAP);
		Interval rocAuc = new Interval(1e-300, 0.7, IntervalMethod.DELONG);
		PartitionResult february = new PartitionResult(913, "2024-02", "toy/2024-02.csv", 30, 30, 0, 0, null, 1);
		ModelFigures figures = new ModelFigures(model, Task.BINARY, new MetricValues(Map.of(Metric.N, 30.0)),
				new CheckResult(Verdict.PASS, List.of(), List.of()), new byte[] { 2 },
				new MetricIntervals(Map.of(Metric.ROC_AUC.key(), rocAuc, Metric.LOG_LOSS.key(), logLoss)));

		// when: stored twice (a restart replaces it)
		this.results.savePartition(february, List.of(figures));
		this.results.savePartition(february, List.of(figures));

		// then: one row for the month, its intervals back to the last bit, and the older
		// month's row beside them, in model, period, metric order
		assertThat(count("SELECT COUNT(*) FROM metric_interval_set WHERE run_id = 913")).isEqualTo(1);
		assertThat(count("SELECT COUNT(*) FROM metric_interval WHERE run_id = 913 AND period = '2024-02'")).isZero();
		assertThat(this.results.metricIntervals(913)).containsExactly(
				new StoredInterval(model, "2024-01", Metric.LOG_LOSS,
						new Interval(0.25, 0.5, IntervalMethod.BOOTSTRAP)),
				new StoredInterval(model, "2024-02", Metric.LOG_LOSS, logLoss),
				new StoredInterval(model, "2024-02", Metric.ROC_AUC, rocAuc));
	}

	@Test
	void aBreachJudgedOnItsIntervalIsStoredWithTheIntervalAndSaysSo() {
		// given: a ROC AUC whose whole 95% interval is below its minimum (judge:
		// interval), and a log loss judged on the figure
		long model = this.modelVersions.register(model("store-i", "1", "iiii"));
		this.results.openRun(908, "backtest", "toy", null, null, LocalDateTime.now(), "dataset=toy", 0);
		MetricValues values = new MetricValues(
				Map.of(Metric.N, 300.0, Metric.POSITIVES, 60.0, Metric.ROC_AUC, 0.61, Metric.LOG_LOSS, 0.2));
		Breach onInterval = new Breach("store-i", "2024-01", Metric.ROC_AUC, 0.61, BoundKind.MIN, 0.7, null,
				new Interval(0.55, 0.67, IntervalMethod.DELONG));
		Breach onFigure = new Breach("store-i", "2024-01", Metric.LOG_LOSS, 0.2, BoundKind.MAX, 0.1);
		ModelFigures figures = new ModelFigures(model, Task.BINARY, values,
				new CheckResult(Verdict.BREACH, List.of(onInterval, onFigure), List.of()), new byte[] { 1 });

		// when
		this.results.savePartition(new PartitionResult(908, "2024-01", "toy/2024-01.csv", 300, 300, 0, 0, null, 5),
				List.of(figures));

		// then: the interval comes back with the breach it judged, and only with it
		assertThat(this.results.breaches(908)).extracting(StoredBreach::describe)
			.containsExactly("log_loss 0.2000 > 0.1000",
					"roc_auc 0.6100 < 0.7000 (judged on its 95% interval [0.5500, 0.6700])");
		assertThat(this.results.breaches(908)).filteredOn(StoredBreach::judgedOnInterval)
			.singleElement()
			.satisfies((b) -> assertThat(new double[] { b.intervalLo(), b.intervalHi() }).containsExactly(0.55, 0.67));
	}

	@Test
	void aFirstAttemptOnlyInsertsAndARepeatedOneReplacesWhatWasStored() {
		// given: January stored by a run's first execution
		long model = this.modelVersions.register(model("store-f", "1", "ffff"));
		this.results.openRun(905, "backtest", "toy", null, null, LocalDateTime.now(), "dataset=toy", 0);
		MetricValues values = new MetricValues(Map.of(Metric.N, 10.0, Metric.POSITIVES, 4.0));
		ModelFigures figures = new ModelFigures(model, Task.BINARY, values,
				new CheckResult(Verdict.PASS, List.of(), List.of()), new byte[] { 7 });
		PartitionResult january = new PartitionResult(905, "2024-01", "toy/2024-01.csv", 10, 10, 0, 0, null, 5);
		this.results.savePartition(january, List.of(figures), Attempt.FIRST);

		// when / then: a first attempt deletes nothing, so storing the month again as a
		// first attempt meets the stored rows
		assertThatThrownBy(() -> this.results.savePartition(january, List.of(figures), Attempt.FIRST))
			.isInstanceOf(DataIntegrityViolationException.class);

		// when: a restart stores it again
		this.results.savePartition(january, List.of(figures), Attempt.REPEATED);

		// then: one copy
		assertThat(count("SELECT COUNT(*) FROM metric_value WHERE run_id = 905"))
			.isEqualTo(Metric.forTask(Task.BINARY).size());
		assertThat(this.results.partitions(905)).hasSize(1);
		assertThat(this.results.partitionStates(905, model)).singleElement().isEqualTo(new byte[] { 7 });
	}

	@Test
	void aMonthThatFailsHalfWayThroughItsBatchesLeavesNoPartialFigures(
			@Autowired PlatformTransactionManager transactionManager) {
		// given: a run with January stored; February's figures are of two models, the
		// second not registered, so its rows break a foreign key in the middle of the
		// metric values' batch, after the first model's rows went in
		long model = this.modelVersions.register(model("store-c", "1", "cccc"));
		long unregistered = model + 1_000_000;
		this.results.openRun(903, "backtest", "toy", null, null, LocalDateTime.now(), "dataset=toy", 0);
		this.results.savePartition(partition(903, "2024-01"), List.of(figures(model)));
		long january = count("SELECT COUNT(*) FROM metric_value WHERE run_id = 903");
		// a month's own transaction (as the tasklet step's), nested in the test's
		TransactionTemplate month = new TransactionTemplate(transactionManager);
		month.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);

		// when: February is stored, and January again (an attempt that replaces it)
		for (String period : List.of("2024-02", "2024-01")) {
			assertThatThrownBy(() -> month.executeWithoutResult((status) -> this.results
				.savePartition(partition(903, period), List.of(figures(model), figures(unregistered)))))
				.isInstanceOf(DataIntegrityViolationException.class);
		}

		// then: nothing of February, and January as it was stored before
		for (String table : List.of("metric_value", "period_verdict", "breach", "partition_state", "run_partition")) {
			assertThat(count("SELECT COUNT(*) FROM " + table + " WHERE run_id = 903 AND period = '2024-02'")).as(table)
				.isZero();
		}
		assertThat(count("SELECT COUNT(*) FROM metric_value WHERE run_id = 903")).isEqualTo(january)
			.isEqualTo(Metric.forTask(Task.BINARY).size());
		assertThat(this.results.breaches(903)).hasSize(1);
		assertThat(this.results.storedPeriods(903)).containsExactly("2024-01");
	}

	@Test
	void eachModelsThresholdIsReadFromTheStateOfItsFirstPeriod() {
		// given: two models' states over three months, stored out of order; the first
		// model's later states carry another threshold, to tell them apart
		long first = this.modelVersions.register(model("store-d", "1", "dddd"));
		long second = this.modelVersions.register(model("store-e", "1", "eeee"));
		this.results.openRun(904, "backtest", "toy", null, null, LocalDateTime.now(), "dataset=toy", 0);
		for (String period : List.of("2024-02", "2024-01", "2024-03")) {
			double later = period.equals("2024-01") ? 0.3 : 0.9;
			this.results.savePartition(partition(904, period),
					List.of(figures(first, Accumulators.create(Task.BINARY, later).toBytes()),
							figures(second, Accumulators.create(Task.BINARY, 0.7).toBytes())));
		}

		// when
		Map<Long, Double> thresholds = this.results.thresholds(904);

		// then
		assertThat(thresholds).containsOnly(Map.entry(first, 0.3), Map.entry(second, 0.7));
	}

	@Test
	void aRestartedRunKeepsWhatItRecorded() {
		// given
		this.results.openRun(902, "backtest", "toy", null, null, LocalDateTime.now(), "dataset=toy", 0);
		this.results.describeRun(902, "2024-01", "2024-04", 4, List.of("2024-02"));
		this.results.failRun(902, "disk full");

		// when
		this.results.openRun(902, "backtest", "toy", null, null, LocalDateTime.now(), "dataset=toy", 0);

		// then
		RunRecord run = this.results.run(902).orElseThrow();
		assertThat(run.status()).isEqualTo("STARTED");
		assertThat(run.failure()).isNull();
		assertThat(run.periods()).isEqualTo(4);
		assertThat(run.fromPeriod()).isEqualTo("2024-01");
		assertThat(run.absentPeriods()).isEqualTo("2024-02");
		assertThat(this.results.recentRuns(1)).extracting(RunRecord::id).containsExactly(902L);
	}

	@Test
	void aModelVersionIsRecordedOnceAndAChangedFileIsRefused() {
		// given
		long first = this.modelVersions.register(model("store-b", "1", "bbbb"));

		// when / then
		assertThat(this.modelVersions.register(model("store-b", "1", "bbbb"))).isEqualTo(first);
		assertThat(this.modelVersions.register(model("store-b", "2", "cccc"))).isNotEqualTo(first);
		assertThatThrownBy(() -> this.modelVersions.register(model("store-b", "1", "dddd")))
			.isInstanceOf(TamperedModelException.class)
			.hasMessageContaining("store-b-v1.json")
			.hasMessageContaining("store-b@1")
			.hasMessageContaining("bbbb")
			.hasMessageContaining("dddd");
	}

	@Test
	void aThresholdEditedUnderTheSameVersionIsRefusedLikeAnEditedCoefficient(@TempDir Path dir) throws Exception {
		// given: a model file with its threshold, recorded
		String text = """
				{"format": "ratchet-model/1", "name": "store-t", "version": "1", "dataset": "toy", "task": "binary",
				 "threshold": 0.3, "kind": "linear", "link": "logistic", "intercept": 0.5, "terms": []}
				""";
		Path file = dir.resolve("store-t-v1.json");
		Files.writeString(file, text);
		this.modelVersions.register(ModelFiles.load(file));

		// when: the threshold (or, for comparison, the intercept) is edited in place
		Files.writeString(file, text.replace("0.3", "0.35"));
		ModelVersion threshold = ModelFiles.load(file);
		Files.writeString(file, text.replace("0.5", "0.55"));
		ModelVersion intercept = ModelFiles.load(file);

		// then: both are tampering
		assertThat(threshold.threshold()).isEqualTo(0.35);
		assertThatThrownBy(() -> this.modelVersions.register(threshold)).isInstanceOf(TamperedModelException.class)
			.hasMessageContaining("store-t@1");
		assertThatThrownBy(() -> this.modelVersions.register(intercept)).isInstanceOf(TamperedModelException.class)
			.hasMessageContaining("store-t@1");
	}

	@Test
	void wholePeriodFiguresStoredTwiceKeepOneCopyAndLeaveTheMonthsAndOtherRunsAlone() {
		// given: two runs with a stored month each, and two models in the first run
		long first = this.modelVersions.register(model("store-w", "1", "wwww"));
		long second = this.modelVersions.register(model("store-w", "2", "wwwx"));
		this.results.openRun(910, "backtest", "toy", null, null, LocalDateTime.now(), "dataset=toy", 0);
		this.results.openRun(911, "backtest", "toy", null, null, LocalDateTime.now(), "dataset=toy", 0);
		this.results.savePartition(partition(910, "2024-01"), List.of(figures(first), figures(second)));
		this.results.savePartition(partition(911, "2024-01"), List.of(figures(first)));
		this.results.saveWholePeriod(911, List.of(whole(first)));
		long otherRun = count("SELECT COUNT(*) FROM metric_value WHERE run_id = 911");

		// when: the summary stores the whole period, and again (a restarted summary)
		this.results.saveWholePeriod(910, List.of(whole(first), whole(second)));
		this.results.saveWholePeriod(910, List.of(whole(first), whole(second)));

		// then: one copy of each model's whole-period rows in every table, the month's
		// rows and the other run's as they were
		int metrics = Metric.forTask(Task.BINARY).size();
		assertThat(count("SELECT COUNT(*) FROM metric_value WHERE run_id = 910 AND period = 'ALL'"))
			.isEqualTo(2L * metrics);
		assertThat(count("SELECT COUNT(*) FROM metric_interval_set WHERE run_id = 910 AND period = 'ALL'"))
			.isEqualTo(2);
		assertThat(this.results.metricIntervals(910)).filteredOn((stored) -> ResultsStore.ALL.equals(stored.period()))
			.extracting(StoredInterval::modelVersionId)
			.containsExactly(first, second);
		assertThat(count("SELECT COUNT(*) FROM breach WHERE run_id = 910 AND period = 'ALL'")).isEqualTo(2);
		assertThat(count("SELECT COUNT(*) FROM period_verdict WHERE run_id = 910 AND period = 'ALL'")).isEqualTo(2);
		assertThat(count("SELECT COUNT(*) FROM metric_value WHERE run_id = 910 AND period = '2024-01'"))
			.isEqualTo(2L * metrics);
		assertThat(this.results.partitionStates(910, first)).hasSize(1);
		assertThat(count("SELECT COUNT(*) FROM metric_value WHERE run_id = 911")).isEqualTo(otherRun)
			.isEqualTo(2L * metrics);
	}

	@Test
	void oneStoredStateIsFoundByItsPeriodAsStoredTheWindowsPaddedAllIncluded() {
		// given: a back-test's two months and a now-test's window (period ALL, stored
		// padded in CHAR(7))
		long model = this.modelVersions.register(model("store-s", "1", "ssss"));
		this.results.openRun(914, "backtest", "toy", null, null, LocalDateTime.now(), "dataset=toy", 0);
		this.results.openRun(915, "nowtest", "toy", null, null, LocalDateTime.now(), "dataset=toy", 0);
		this.results.savePartition(partition(914, "2024-01"), List.of(figures(model, new byte[] { 1 })));
		this.results.savePartition(partition(914, "2024-02"), List.of(figures(model, new byte[] { 2 })));
		this.results.savePartition(partition(915, ResultsStore.ALL), List.of(figures(model, new byte[] { 9 })));

		// when / then: each period's own state, none for a period never stored
		assertThat(this.results.partitionState(914, model, "2024-02")).isEqualTo(new byte[] { 2 });
		assertThat(this.results.partitionState(914, model, "2024-01")).isEqualTo(new byte[] { 1 });
		assertThat(this.results.partitionState(915, model, ResultsStore.ALL)).isEqualTo(new byte[] { 9 });
		assertThat(this.results.partitionState(914, model, "2024-03")).isNull();
		assertThat(this.results.partitionState(914, model, ResultsStore.ALL)).isNull();
	}

	private static PartitionResult partition(long runId, String period) {
		return new PartitionResult(runId, period, "toy/" + period + ".csv", 12, 11, 1, 1, null, 5);
	}

	/** A month's figures of a model: three metrics, a breach, a state. */
	private static ModelFigures figures(long model) {
		return figures(model, new byte[] { 4, 5 });
	}

	private static ModelFigures figures(long model, byte[] state) {
		MetricValues values = new MetricValues(Map.of(Metric.N, 10.0, Metric.POSITIVES, 4.0, Metric.LOG_LOSS, 0.2));
		Breach breach = new Breach("store-c", "2024-01", Metric.LOG_LOSS, 0.2, BoundKind.MAX, 0.1);
		return new ModelFigures(model, Task.BINARY, values, new CheckResult(Verdict.BREACH, List.of(breach), List.of()),
				state);
	}

	/** A model's whole-period figures: a breach, a ROC AUC interval, no state. */
	private static ModelFigures whole(long model) {
		ModelFigures month = figures(model, null);
		return new ModelFigures(model, Task.BINARY, month.values(), month.check(), null,
				new MetricIntervals(Map.of(Metric.LOG_LOSS.key(), new Interval(0.1, 0.3, IntervalMethod.BOOTSTRAP))));
	}

	private long count(String sql) {
		return this.jdbc.sql(sql).query(Long.class).single();
	}

	private static ModelVersion model(String name, String version, String sha) {
		LinearModel definition = new LinearModel(Link.LOGISTIC, 0.0, List.of(), Map.of());
		return new ModelVersion(name, version, "toy", Task.BINARY, LinearModel.KIND, sha,
				Path.of("config/models/" + name + "-v" + version + ".json"), definition);
	}

}
