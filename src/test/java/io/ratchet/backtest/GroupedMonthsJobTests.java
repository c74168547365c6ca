package io.ratchet.backtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
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
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.batch.test.MetaDataInstanceFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.FileSystemUtils;
import org.springframework.util.unit.DataSize;

import static io.ratchet.backtest.StoredRows.metricsCsv;
import static io.ratchet.backtest.StoredRows.rows;
import static io.ratchet.backtest.StoredRows.runId;
import static io.ratchet.backtest.StoredRows.workers;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Consecutive small months sharing a partition: the same stored results as one month per
 * partition, also when the months' files order their columns differently (the models are
 * bound once per partition), and a restart after a failure in the middle of a shared
 * transaction that redoes only the months not committed, each once.
 */
class GroupedMonthsJobTests extends SharedBatchContextTests {

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
		toy.seed(11)
			.dataset("toy")
			.logit("toy-logit", "toy", 2.0, 0.1, -0.1)
			.logit("toy-flat", "toy", 0.01)
			.registry("toy:\n  champion: toy-logit@1\n  candidates: [toy-flat@1]\n")
			.requirements("toy:\n  min-rows: 20\n  monthly:\n    roc_auc: {min: 0.85}\n"
					+ "  period:\n    roc_auc: {min: 0.7}\n")
			.months("toy", YearMonth.of(2024, 1), 6, 200);
	}

	@Test
	void groupedMonthsStoreTheSameResultsAsOneMonthPerPartition(@Autowired JobRepository jobRepository,
			@Autowired PlatformTransactionManager transactionManager, @Autowired Workspace workspace,
			@Autowired ModelVersionStore modelVersions, @Autowired ResultsStore results,
			@Autowired RatchetDefaults defaults, @Autowired MonthSources monthSources,
			@Autowired @Qualifier("backtestMonths") Step backtestMonths,
			@Autowired @Qualifier("backtestSummary") Step backtestSummary, @Autowired BacktestRunListener runListener)
			throws Exception {
		// given: the same job whose prepare step plans with a budget of one byte (one
		// month per partition, as before months were grouped)
		BacktestJobConfiguration configuration = new BacktestJobConfiguration();
		Step oneMonthEach = configuration.backtestPrepare(jobRepository, transactionManager, workspace, modelVersions,
				results, defaults,
				new BacktestProperties(2, 0.01, DataSize.ofBytes(1), DataSize.ofKilobytes(128), 1_000_000,
						BacktestProperties.Workers.LOCAL,
						new BacktestProperties.Remote(Duration.ofMinutes(10), Duration.ofSeconds(1))),
				monthSources);
		Job perMonth = configuration.backtest(jobRepository, oneMonthEach, backtestMonths, backtestSummary,
				runListener);

		// when
		JobExecution grouped = start(this.backtest);
		JobExecution single = start(perMonth);

		// then: 2 partitions against 6, and the same figures, states, verdicts and report
		// figures
		assertThat(grouped.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(single.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(workers(grouped)).extracting(StepExecution::getStepName)
			.containsExactlyInAnyOrder("backtestMonth:months-2024-01..2024-03",
					"backtestMonth:months-2024-04..2024-06");
		assertThat(workers(single)).hasSize(6);
		assertThat(grouped.getExitStatus().getExitCode()).isEqualTo(single.getExitStatus().getExitCode());
		Map<String, List<String>> expected = stored(runId(single));
		assertThat(expected.get("run_partition")).hasSize(6);
		assertThat(expected.get("breach")).as("months below their minimum, to compare").isNotEmpty();
		assertThat(stored(runId(grouped))).isEqualTo(expected);
		assertThat(metricsCsv(toy.reports(), grouped)).isEqualTo(metricsCsv(toy.reports(), single)).hasSize(1 + 2 * 7);
		assertThat(rows(workers(grouped))).isEqualTo(rows(workers(single))).isEqualTo(6 * 200);
	}

	@Test
	void monthsWhoseFilesOrderTheirColumnsDifferentlyShareAPartitionAndScoreAsBefore() throws Exception {
		// given: a run of the months as written, then February and May (each the second
		// month of its partition) rewritten with their columns in another order and one
		// more column; the models are bound once per partition, by the dataset's
		// feature order, in which the reader puts every file's rows
		JobExecution asWritten = start(this.backtest);
		reorderColumns("2024-02");
		reorderColumns("2024-05");

		// when
		JobExecution reordered = start(this.backtest);

		// then: the same partitions, figures, states, verdicts and breaches
		assertThat(reordered.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(workers(reordered)).extracting(StepExecution::getStepName)
			.containsExactlyInAnyOrder("backtestMonth:months-2024-01..2024-03",
					"backtestMonth:months-2024-04..2024-06");
		Map<String, List<String>> expected = stored(runId(asWritten));
		assertThat(expected.get("breach")).as("months below their minimum, to compare").isNotEmpty();
		assertThat(stored(runId(reordered))).isEqualTo(expected);
	}

	@Test
	void aRestartAfterAFailureInsideASharedTransactionRedoesItsMonthsOnceAndNothingElse() throws Exception {
		// given: May's header lacks a configured column; May shares a partition, and a
		// transaction (three months of about 6 KB against the 128 KB budget), with April
		// (before it) and June (after it)
		Path may = toy.data("toy").resolve("2024-05.csv");
		String good = Files.readString(may);
		Files.writeString(may, good.replaceFirst("colour", "color"));
		JobExecution failed = start(this.backtest);
		long runId = runId(failed);
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		// April was scored but rolled back with May: its transaction stored nothing
		assertThat(periods(runId)).containsExactly("2024-01", "2024-02", "2024-03");
		assertThat(count("metric_value", runId, "2024-04")).isZero();
		assertThat(count("feature_mean", runId, "2024-04")).isZero();
		String marchFinished = finishedAt(runId, "2024-03");

		// when: the file is repaired (one byte longer) and the run restarted
		Files.writeString(may, good);
		JobExecution restarted = this.jobOperator.restart(failed);

		// then: only the failed partition ran again, all three of its months, each
		// stored once; the other partition's months were not touched; everything as a
		// clean run stores it
		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		List<StepExecution> workers = workers(restarted);
		assertThat(workers).extracting(StepExecution::getStepName)
			.containsExactly("backtestMonth:months-2024-04..2024-06");
		assertThat(workers.get(0).getWriteCount()).isEqualTo(3 * 200);
		assertThat(workers.get(0).getCommitCount()).as("the three months in one transaction").isEqualTo(1);
		assertThat(finishedAt(runId, "2024-03")).isEqualTo(marchFinished);
		assertThat(periods(runId)).containsExactly("2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06");
		JobExecution clean = start(this.backtest);
		assertThat(stored(runId)).isEqualTo(stored(runId(clean)));
	}

	/**
	 * The job-scope context {@code @SpringBatchTest} opens around each test method (it
	 * would otherwise pick any method returning a {@code JobExecution}); the tests launch
	 * real executions of their own.
	 */
	public JobExecution getJobExecution() {
		return MetaDataInstanceFactory.createJobExecution();
	}

	private JobExecution start(Job job) throws Exception {
		this.jobOperatorTestUtils.setJob(job);
		return this.jobOperatorTestUtils.startJob(new BacktestParameters("toy", null, null, List.of(),
				LocalDateTime.of(2025, 6, 1, 0, 0).plusSeconds(runs.incrementAndGet()))
			.toJobParameters());
	}

	/**
	 * Rewrites a toy month file ({@code id,day,x,colour,outcome}) as
	 * {@code note,colour,outcome,x,day,id}: the same rows under another header.
	 */
	private static void reorderColumns(String month) throws IOException {
		Path file = toy.data("toy").resolve(month + ".csv");
		List<String> lines = new ArrayList<>();
		for (String line : Files.readAllLines(file)) {
			String[] c = line.split(",", -1);
			String note = lines.isEmpty() ? "note" : "n";
			lines.add(String.join(",", note, c[3], c[4], c[2], c[1], c[0]));
		}
		Files.write(file, lines);
	}

	/**
	 * What a run stored, table by table, as sorted lines without the run id, timestamps
	 * or durations (accumulator states as hex).
	 */
	private Map<String, List<String>> stored(long runId) {
		String model = StoredRows.MODEL;
		StoredRows rows = new StoredRows(this.jdbc);
		Map<String, List<String>> tables = new LinkedHashMap<>();
		tables.put("metric_value", rows.lines(runId, "metric_value", model + ", period, metric, val, row_count"));
		tables.put("period_verdict", rows.lines(runId, "period_verdict", model + ", period, verdict, row_count"));
		tables.put("breach", rows.lines(runId, "breach", model + ", period, metric, bound_kind, bound, val"));
		tables.put("partition_state", rows.lines(runId, "partition_state", model + ", period, state"));
		tables.put("feature_mean",
				rows.lines(runId, "feature_mean", "period, feature, mean_val, row_count, missing_count"));
		tables.put("run_partition", rows.lines(runId, "run_partition",
				"period, file_path, rows_read, rows_accepted, rows_rejected, rows_unlabelled, rejected_file"));
		tables.put("run", rows.lines(runId, "run", "status, verdict, rows_read, rows_rejected, rows_unlabelled"));
		return tables;
	}

	private List<String> periods(long runId) {
		return this.jdbc.sql("SELECT TRIM(period) FROM run_partition WHERE run_id = ? ORDER BY period")
			.param(runId)
			.query(String.class)
			.list();
	}

	private long count(String table, long runId, String period) {
		return this.jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE run_id = ? AND period = ?")
			.params(runId, period)
			.query(Long.class)
			.single();
	}

	private String finishedAt(long runId, String period) {
		return this.jdbc.sql("SELECT CAST(finished_at AS VARCHAR) FROM run_partition WHERE run_id = ? AND period = ?")
			.params(runId, period)
			.query(String.class)
			.single();
	}

}
