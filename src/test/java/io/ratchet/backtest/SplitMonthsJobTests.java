package io.ratchet.backtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.ratchet.run.ModelVersionStore;
import io.ratchet.run.ResultsStore;
import io.ratchet.system.RatchetDefaults;
import io.ratchet.test.SharedBatchContextTests;
import io.ratchet.test.ToyWorkspace;
import io.ratchet.workspace.MonthSources;
import io.ratchet.workspace.Workspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.batch.test.MetaDataInstanceFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.FileSystemUtils;
import org.springframework.util.unit.DataSize;

import static io.ratchet.backtest.StoredRows.assertSameFigures;
import static io.ratchet.backtest.StoredRows.assertSameLines;
import static io.ratchet.backtest.StoredRows.metricsCsv;
import static io.ratchet.backtest.StoredRows.rows;
import static io.ratchet.backtest.StoredRows.runId;
import static io.ratchet.backtest.StoredRows.workers;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Months split into row-range partitions ({@code ratchet.backtest.partition-rows}): the
 * same stored figures, verdicts, breaches, feature means, read counts, rejected rows and
 * report as whole months; and files pinned by SHA-256 when the run is planned: a month
 * file or a model file edited between the plan and the month step fails the partitions
 * that read it, naming the file and both hashes, and a restart once the file is back as
 * planned redoes only those partitions.
 */
class SplitMonthsJobTests extends SharedBatchContextTests {

	static final ToyWorkspace toy = new ToyWorkspace(root);

	static final AtomicInteger runs = new AtomicInteger();

	/** Rows of a toy month; a partition of 70 rows splits each into three ranges. */
	static final int ROWS = 200;

	@Autowired
	JobOperatorTestUtils jobOperatorTestUtils;

	@Autowired
	JobOperator jobOperator;

	@Autowired
	Job backtest;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JobRepository jobRepository;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	Workspace workspace;

	@Autowired
	ModelVersionStore modelVersions;

	@Autowired
	ResultsStore results;

	@Autowired
	RatchetDefaults defaults;

	@Autowired
	MonthSources monthSources;

	@Autowired
	@Qualifier("backtestMonths")
	Step backtestMonths;

	@Autowired
	@Qualifier("backtestSummary")
	Step backtestSummary;

	@Autowired
	BacktestRunListener runListener;

	@BeforeEach
	void setUp() throws IOException {
		FileSystemUtils.deleteRecursively(toy.config());
		FileSystemUtils.deleteRecursively(toy.data("toy"));
		toy.seed(11)
			.dataset("toy")
			.logit("toy-logit", "toy", 2.0, 0.1, -0.1)
			.logit("toy-flat", "toy", 0.01)
			.registry("toy:\n  champion: toy-logit@1\n  candidates: [toy-flat@1]\n")
			.requirements("toy:\n  min-rows: 20\n  monthly:\n    roc_auc: {min: 0.85}\n"
					+ "  period:\n    roc_auc: {min: 0.7}\n")
			.months("toy", YearMonth.of(2024, 1), 3, ROWS);
		// a rejected row in the middle of February (in its second range) and an
		// unlabelled one
		Path february = toy.data("toy").resolve("2024-02.csv");
		List<String> lines = new ArrayList<>(Files.readAllLines(february));
		lines.add(100, "2024-02-x,2024-03-01,0.5,red,1");
		lines.add(120, "2024-02-y,2024-02-03,0.5,blue,");
		Files.write(february, lines);
	}

	@Test
	void monthsSplitIntoRowRangesStoreTheSameFiguresAsWholeMonths() throws Exception {
		// given: the same job planned with ranges of 70 rows
		Job split = job(null);

		// when
		JobExecution whole = start(this.backtest);
		JobExecution ranges = start(split);

		// then: three ranges a month, and the same stored rows, report figures and
		// rejected rows
		assertThat(whole.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(ranges.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(workers(ranges)).extracting(StepExecution::getStepName)
			.contains("backtestMonth:month-2024-02@0..70", "backtestMonth:month-2024-02@70..140",
					"backtestMonth:month-2024-02@140..")
			.hasSize(9);
		Map<String, List<String>> expected = stored(runId(whole));
		assertThat(expected.get("run_partition")).anyMatch((line) -> line.contains("| 202 | 201 | 1 | 1 |"));
		assertSameFigures(stored(runId(ranges)), expected);
		assertSameLines(metricsCsv(toy.reports(), ranges), metricsCsv(toy.reports(), whole));
		assertThat(whole.getExitStatus().getExitCode()).isEqualTo(ranges.getExitStatus().getExitCode());
		assertThat(toy.reports().resolve("backtest/" + runId(ranges) + "/rejected/2024-02.csv"))
			.hasSameTextualContentAs(toy.reports().resolve("backtest/" + runId(whole) + "/rejected/2024-02.csv"));
		assertThat(toy.reports().resolve("backtest/" + runId(ranges) + "/rejected"))
			.isDirectoryNotContaining("glob:**/*.rows-*.csv");
		assertThat(rows(workers(ranges))).isEqualTo(rows(workers(whole))).isEqualTo(3 * ROWS + 1);
	}

	@Test
	void aDatasetWithSegmentsHasItsMonthsPlannedWhole() throws Exception {
		// given: the toy dataset with a segment column; the job planned with ranges of 70
		// rows
		Path config = toy.config().resolve("datasets/toy.yml");
		Files.writeString(config, Files.readString(config) + "segments: [colour]\n");
		Job split = job(null);

		// when
		JobExecution whole = start(this.backtest);
		JobExecution planned = start(split);

		// then: no month split (ranges keep no segment states), and the same figures and
		// segment figures as the default plan
		assertThat(whole.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(planned.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(workers(planned)).extracting(StepExecution::getStepName)
			.isNotEmpty()
			.noneMatch((name) -> name.contains("@"));
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM range_result WHERE run_id = ?")
			.param(runId(planned))
			.query(Long.class)
			.single()).isZero();
		assertSameFigures(stored(runId(planned)), stored(runId(whole)));
		String model = StoredRows.MODEL;
		String columns = model + ", period, segment_column, segment_level, row_count, verdict";
		StoredRows rows = new StoredRows(this.jdbc);
		List<String> segments = rows.lines(runId(whole), "segment_period", columns);
		assertThat(segments).isNotEmpty();
		assertSameLines(rows.lines(runId(planned), "segment_period", columns), segments);
	}

	@Test
	void aMonthFileEditedAfterThePlanFailsItsRangesNamingItAndARestartOnceRepairedRedoesOnlyThem() throws Exception {
		// given: February edited (one digit, same size and modification time) after the
		// plan pinned it
		Path february = toy.data("toy").resolve("2024-02.csv");
		String planned = Files.readString(february);
		FileTime modified = Files.getLastModifiedTime(february);
		String expectedSha = io.ratchet.data.DatasetImporter.sha256(february);
		Job job = job(() -> {
			Files.writeString(february, planned.replaceFirst(",1\n", ",0\n"));
			Files.setLastModifiedTime(february, modified);
		});

		// when
		JobExecution failed = start(job);

		// then: February's three ranges fail naming the file and both hashes; January
		// and March are stored
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		String foundSha = io.ratchet.data.DatasetImporter.sha256(february);
		List<StepExecution> failedWorkers = workers(failed).stream()
			.filter((step) -> step.getStatus() == BatchStatus.FAILED)
			.toList();
		assertThat(failedWorkers).extracting(StepExecution::getStepName)
			.allMatch((name) -> name.startsWith("backtestMonth:month-2024-02@"))
			.hasSize(3);
		assertThat(failedWorkers.get(0).getFailureExceptions().get(0).getMessage()).contains(february.toString())
			.contains("expected SHA-256 " + expectedSha)
			.contains("found " + foundSha);

		// when: the file is back as planned and the run restarted
		Files.writeString(february, planned);
		JobExecution restarted = this.jobOperator.restart(failed);

		// then: only February's ranges ran again, and the run stores what a clean run
		// does
		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(workers(restarted)).extracting(StepExecution::getStepName)
			.allMatch((name) -> name.startsWith("backtestMonth:month-2024-02@"))
			.hasSize(3);
		assertSameFigures(stored(runId(failed)), stored(runId(start(job(null)))));
	}

	@Test
	void aModelFileEditedAfterThePlanFailsThePartitionsNamingIt() throws Exception {
		// given: the candidate's file gains a trailing line feed after the plan
		Path model = toy.models().resolve("toy-flat-v1.json");
		String expectedSha = io.ratchet.data.DatasetImporter.sha256(model);
		Job job = job(() -> Files.writeString(model, Files.readString(model) + "\n"));

		// when
		JobExecution failed = start(job);

		// then
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(workers(failed)).isNotEmpty().allSatisfy((step) -> {
			assertThat(step.getStatus()).isEqualTo(BatchStatus.FAILED);
			assertThat(step.getFailureExceptions().get(0).getMessage()).contains(model.toString())
				.contains("expected SHA-256 " + expectedSha)
				.contains("found " + io.ratchet.data.DatasetImporter.sha256(model));
		});
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM range_result WHERE run_id = ?")
			.param(runId(failed))
			.query(Long.class)
			.single()).isZero();
	}

	/**
	 * The back-test planned with ranges of 70 rows, with a step between the plan and the
	 * months when {@code between} is given.
	 */
	private Job job(FileEdit between) {
		BacktestJobConfiguration configuration = new BacktestJobConfiguration();
		Step prepare = configuration.backtestPrepare(this.jobRepository, this.transactionManager, this.workspace,
				this.modelVersions, this.results, this.defaults,
				new BacktestProperties(2, 0.01, DataSize.ofMegabytes(1), DataSize.ofKilobytes(128), 70,
						BacktestProperties.Workers.LOCAL,
						new BacktestProperties.Remote(Duration.ofMinutes(10), Duration.ofSeconds(1))),
				this.monthSources);
		if (between == null) {
			return configuration.backtest(this.jobRepository, prepare, this.backtestMonths, this.backtestSummary,
					this.runListener);
		}
		Step edit = new StepBuilder("editFile", this.jobRepository).tasklet((contribution, context) -> {
			between.edit();
			return RepeatStatus.FINISHED;
		}, this.transactionManager).build();
		return new org.springframework.batch.core.job.builder.JobBuilder(BacktestJobConfiguration.JOB_NAME,
				this.jobRepository)
			.validator(BacktestParameters::from)
			.listener(this.runListener)
			.start(prepare)
			.next(edit)
			.next(this.backtestMonths)
			.next(this.backtestSummary)
			.build();
	}

	/** A change to a file between the plan and the months. */
	@FunctionalInterface
	interface FileEdit {

		void edit() throws IOException;

	}

	/**
	 * The job-scope context {@code @SpringBatchTest} opens around each test method; the
	 * tests launch real executions of their own.
	 */
	public JobExecution getJobExecution() {
		return MetaDataInstanceFactory.createJobExecution();
	}

	private JobExecution start(Job job) throws Exception {
		this.jobOperatorTestUtils.setJob(job);
		return this.jobOperatorTestUtils.startJob(new BacktestParameters("toy", null, null, List.of(),
				LocalDateTime.of(2025, 7, 1, 0, 0).plusSeconds(runs.incrementAndGet()))
			.toJobParameters());
	}

	/**
	 * The run's intervals (stored packed, a row per model and period) as lines like the
	 * tables': model, period, metric, lo, hi, method.
	 */
	private List<String> intervals(long runId) {
		Map<Long, String> models = new HashMap<>();
		this.jdbc.sql("SELECT id, name || '@' || version FROM model_version").query((ResultSet rs) -> {
			models.put(rs.getLong(1), rs.getString(2));
		});
		return this.results.metricIntervals(runId)
			.stream()
			.map((stored) -> String.join(" | ", models.get(stored.modelVersionId()), stored.period(),
					stored.metric().key(), String.valueOf(stored.interval().lo()),
					String.valueOf(stored.interval().hi()), stored.interval().method().key()))
			.sorted()
			.toList();
	}

	/**
	 * Every table's rows as lines without run id, timestamps or durations: counts and
	 * text compare exactly, numbers to a relative 1e-12 ({@link #assertSameFigures}). The
	 * states are compared by the whole-period figures merged from them.
	 */
	private Map<String, List<String>> stored(long runId) {
		String model = StoredRows.MODEL;
		StoredRows rows = new StoredRows(this.jdbc);
		Map<String, List<String>> tables = new LinkedHashMap<>();
		tables.put("metric_value", rows.lines(runId, "metric_value", model + ", period, metric, val, row_count"));
		tables.put("period_verdict", rows.lines(runId, "period_verdict", model + ", period, verdict, row_count"));
		tables.put("breach", rows.lines(runId, "breach", model + ", period, metric, bound_kind, bound, val"));
		tables.put("metric_interval", intervals(runId));
		tables.put("partition_state", rows.lines(runId, "partition_state", model + ", period"));
		tables.put("feature_mean",
				rows.lines(runId, "feature_mean", "period, feature, mean_val, row_count, missing_count"));
		tables.put("run_partition",
				rows.lines(runId, "run_partition",
						"period, file_path, rows_read, rows_accepted, rows_rejected, rows_unlabelled,"
								+ " REPLACE(rejected_file, '/" + runId + "/', '/run/')"));
		tables.put("run", rows.lines(runId, "run", "status, verdict, rows_read, rows_rejected, rows_unlabelled"));
		return tables;
	}

}
