package io.ratchet.segment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import io.ratchet.backtest.BacktestParameters;
import io.ratchet.data.Segment;
import io.ratchet.data.Task;
import io.ratchet.metrics.Metric;
import io.ratchet.metrics.MetricValues;
import io.ratchet.requirement.CheckResult;
import io.ratchet.requirement.Verdict;
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

/**
 * Segment figures in the back-test: each segment level's figures are those of a back-test
 * of the rows filtered to that level (a column that is not a feature, and a bucket of a
 * numeric feature), every month and the whole period; a level below
 * {@code segments.min-rows} is insufficient data and never breaches; a segment breach
 * makes the run a breach while the overall figure passes.
 */
class SegmentBacktestTests extends SharedBatchContextTests {

	static final ToyWorkspace toy = new ToyWorkspace(root);

	static final AtomicInteger runs = new AtomicInteger();

	static final String HEADER = "id,day,x,colour,region,outcome";

	static final String DATASET = """
			name: %s
			date: {column: day, format: yyyy-MM-dd}
			label: {column: outcome, task: binary, positive: "1", negative: "0"}
			missing: ["", "NA"]
			id: [id]
			features:
			  - {name: x, type: numeric}
			  - {name: colour, type: categorical}
			segments:
			  columns: [region, {name: x, edges: [0]}]
			  min-rows: 30
			""";

	@Autowired
	JobOperatorTestUtils jobOperatorTestUtils;

	@Autowired
	Job backtest;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	SegmentStore segmentStore;

	/** Every row of the 4 months: region, x, and the line as written. */
	private final List<String[]> rows = new java.util.ArrayList<>();

	@BeforeEach
	void setUp() throws IOException {
		for (String name : List.of("segtoy", "segnorth", "segneg")) {
			FileSystemUtils.deleteRecursively(toy.data(name));
		}
		FileSystemUtils.deleteRecursively(toy.config());
		toy.configFile("datasets/segtoy.yml", DATASET.formatted("segtoy"))
			.configFile("datasets/segnorth.yml", DATASET.formatted("segnorth"))
			.configFile("datasets/segneg.yml", DATASET.formatted("segneg"))
			.logit("seg-logit", "segtoy", 2.0, 0.1, -0.1)
			.logit("north-logit", "segnorth", 2.0, 0.1, -0.1)
			.logit("neg-logit", "segneg", 2.0, 0.1, -0.1)
			.registry("segtoy:\n  champion: seg-logit@1\nsegnorth:\n  champion: north-logit@1\n"
					+ "segneg:\n  champion: neg-logit@1\n")
			.requirements("""
					segtoy:
					  min-rows: 20
					  monthly:
					    roc_auc: {min: 0.6}
					  segments:
					    region: {roc_auc: {min: 0.7}}
					    region=west: {roc_auc: {min: 0.99}}
					segnorth:
					  monthly:
					    roc_auc: {min: 0.1}
					segneg:
					  monthly:
					    roc_auc: {min: 0.1}
					""");
		Random random = new Random(18);
		for (int m = 0; m < 4; m++) {
			YearMonth month = YearMonth.of(2024, 1 + m);
			for (int i = 0; i < 300; i++) {
				// north: labels that ignore x (roc_auc near 0.5); west: a few rows a
				// month
				String region = (i % 60 == 0) ? "west" : (i % 3 == 0) ? "north" : (i % 3 == 1) ? "south" : "east";
				double x = random.nextGaussian();
				double p = region.equals("north") ? 0.5 : 1 / (1 + Math.exp(-2 * x));
				boolean positive = random.nextDouble() < p;
				LocalDate day = month.atDay(1 + (i % month.lengthOfMonth()));
				this.rows.add(new String[] { month.toString(), region, Double.toString(x),
						String.format(Locale.ROOT, "%s-%d,%s,%.4f,%s,%s,%d", month, i, day, x,
								random.nextBoolean() ? "red" : "blue", region, positive ? 1 : 0) });
			}
		}
		write("segtoy", (row) -> true);
		write("segnorth", (row) -> row[1].equals("north"));
		write("segneg", (row) -> Double.parseDouble(row[3].split(",")[2]) < 0);
		this.jobOperatorTestUtils.setJob(this.backtest);
	}

	@Test
	void aSegmentsFiguresAreThoseOfABacktestOfItsRowsAlone() throws Exception {
		// when: the whole dataset, and the same rows filtered to region=north and to x <
		// 0
		long all = run("segtoy");
		long north = run("segnorth");
		long negative = run("segneg");

		// then: a column that is not a feature, and a bucket of a feature, every month
		// and the whole period, every metric
		for (String period : List.of("2024-01", "2024-02", "2024-03", "2024-04", "ALL")) {
			assertThat(segmentFigures(all, "region", "north", period)).as(period)
				.isEqualTo(overallFigures(north, period))
				.hasSizeGreaterThan(20);
			assertThat(segmentFigures(all, "x", "<0", period)).as(period).isEqualTo(overallFigures(negative, period));
			// and the other way: the filtered run's only region is its whole
			assertThat(segmentFigures(north, "region", "north", period)).as(period)
				.isEqualTo(overallFigures(north, period));
		}
		assertThat(this.jdbc
			.sql("SELECT DISTINCT segment_level FROM segment_period WHERE run_id = ? AND "
					+ "segment_column = 'x' ORDER BY segment_level")
			.param(all)
			.query(String.class)
			.list()).containsExactly("<0", ">=0");
	}

	@Test
	void eachLevelsWholePeriodIsMergedFromAllItsMonthsOnce() throws Exception {
		// when: a back-test with two segment columns (the whole period is merged level by
		// level from the months' states)
		long all = run("segtoy");

		// then: every level seen in a month has one whole-period row, whose row count is
		// the sum of its months'
		var months = this.jdbc
			.sql("SELECT segment_column || '=' || segment_level || ':' || SUM(row_count) FROM segment_period"
					+ " WHERE run_id = ? AND model_version_id = (SELECT MIN(model_version_id) FROM segment_period"
					+ " WHERE run_id = ?) AND period <> 'ALL' GROUP BY segment_column, segment_level")
			.params(all, all)
			.query(String.class)
			.list();
		var whole = this.jdbc
			.sql("SELECT segment_column || '=' || segment_level || ':' || row_count FROM segment_period"
					+ " WHERE run_id = ? AND model_version_id = (SELECT MIN(model_version_id) FROM segment_period"
					+ " WHERE run_id = ?) AND period = 'ALL'")
			.params(all, all)
			.query(String.class)
			.list();
		assertThat(whole).hasSize(6).containsExactlyInAnyOrderElementsOf(months);
	}

	@Test
	void aSegmentBreachMakesTheRunABreachWhileTheOverallFigurePassesAndASmallSegmentNeverBreaches() throws Exception {
		// when
		long all = run("segtoy");

		// then: north breaches every month, named with its segment; the overall figure
		// passes; west (5 rows a month, bounded at 0.99) is insufficient data
		assertThat(this.jdbc.sql("SELECT verdict FROM run WHERE id = ?").param(all).query(String.class).single())
			.isEqualTo("BREACH");
		List<String> breaches = this.jdbc.sql("SELECT period || ' ' || metric FROM breach WHERE run_id = ? ORDER BY 1")
			.param(all)
			.query(String.class)
			.list();
		assertThat(breaches).contains("2024-01 roc_auc in region=north", "ALL roc_auc in region=north")
			.noneMatch((breach) -> breach.endsWith(" roc_auc"))
			.noneMatch((breach) -> breach.contains("west"));
		assertThat(this.jdbc
			.sql("SELECT DISTINCT verdict FROM segment_period WHERE run_id = ? AND segment_level = 'west'"
					+ " AND period <> 'ALL'")
			.param(all)
			.query(String.class)
			.list()).containsExactly("INSUFFICIENT_DATA");
		assertThat(this.jdbc
			.sql("SELECT verdict FROM segment_period WHERE run_id = ? AND segment_level = 'west'"
					+ " AND period = 'ALL'")
			.param(all)
			.query(String.class)
			.single()).as("20 rows over the period, still below 30").isEqualTo("INSUFFICIENT_DATA");
		// and the report: segments.csv, one row per period and level (4 regions, 2
		// buckets of x), and the segment x month table naming north
		Path report = toy.reports().resolve("backtest").resolve(Long.toString(all));
		List<String> csv = Files.readAllLines(report.resolve(SegmentReport.CSV));
		assertThat(csv.get(0))
			.startsWith("run,dataset,model,version,period,segment_column,segment_level,rows,verdict,");
		assertThat(csv).hasSize(1 + 5 * 6)
			.anyMatch((line) -> line.contains(",2024-01,region,north,95,BREACH,"))
			.anyMatch((line) -> line.contains(",ALL,region,west,20,INSUFFICIENT_DATA,"));
		assertThat(Files.readString(report.resolve("index.html"))).contains("roc_auc by segment")
			.contains("region=north");
	}

	private void write(String dataset, Predicate<String[]> keep) {
		Map<String, StringBuilder> months = new TreeMap<>();
		for (String[] row : this.rows) {
			String[] withLine = { row[0], row[1], row[2], row[3] };
			if (keep.test(withLine)) {
				months.computeIfAbsent(row[0], (m) -> new StringBuilder(HEADER).append('\n'))
					.append(row[3])
					.append('\n');
			}
		}
		months.forEach((month, csv) -> toy.write(toy.data(dataset).resolve(month + ".csv"), csv.toString()));
	}

	@Test
	void aMonthStoredAgainReplacesWhatAnEarlierAttemptStoredAndAMonthNeverStoredIsAdded() throws Exception {
		// given: a back-test's segment figures of 2024-01 (6 levels)
		long runId = run("segtoy");
		long model = this.jdbc.sql("SELECT MIN(model_version_id) FROM segment_period WHERE run_id = ?")
			.param(runId)
			.query(Long.class)
			.single();
		MetricValues values = new MetricValues(Map.of(Metric.N, 3.0, Metric.ROC_AUC, 0.25));
		List<SegmentFigures> north = List.of(new SegmentFigures(model, new Segment("region", "north"), values,
				new CheckResult(Verdict.PASS, List.of(), List.of()), null));

		// when: 2024-01 stored again with one level only (as an attempt after a failed
		// one), and a month no attempt stored
		this.segmentStore.save(runId, "2024-01", Task.BINARY, List.of(model), north);
		this.segmentStore.save(runId, "2023-12", Task.BINARY, List.of(model), north);

		// then: the earlier attempt's rows of 2024-01 are gone, the new ones stored once,
		// the other months untouched
		for (String period : List.of("2024-01", "2023-12")) {
			assertThat(this.jdbc
				.sql("SELECT segment_level || ':' || row_count FROM segment_period WHERE run_id = ? AND period = ?")
				.params(runId, period)
				.query(String.class)
				.list()).as(period).containsExactly("north:3");
			assertThat(this.jdbc.sql("SELECT COUNT(*) FROM segment_value WHERE run_id = ? AND period = ?")
				.params(runId, period)
				.query(Long.class)
				.single()).as(period).isEqualTo((long) Metric.forTask(Task.BINARY).size());
		}
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM segment_period WHERE run_id = ? AND period = '2024-02'")
			.param(runId)
			.query(Long.class)
			.single()).isEqualTo(6L);
	}

	private long run(String dataset) throws Exception {
		JobExecution execution = this.jobOperatorTestUtils.startJob(new BacktestParameters(dataset, null, null,
				List.of(), LocalDateTime.of(2025, 6, 1, 0, 0).plusSeconds(runs.incrementAndGet()))
			.toJobParameters());
		assertThat(execution.getStatus()).as(execution.getAllFailureExceptions().toString())
			.isEqualTo(BatchStatus.COMPLETED);
		return execution.getJobInstance().getInstanceId();
	}

	private Map<String, Double> overallFigures(long runId, String period) {
		Map<String, Double> figures = new TreeMap<>();
		this.jdbc.sql("SELECT metric, val FROM metric_value WHERE run_id = ? AND period = ?")
			.params(runId, period)
			.query((rs, i) -> figures.put(rs.getString(1), (Double) rs.getObject(2)))
			.list();
		return figures;
	}

	private Map<String, Double> segmentFigures(long runId, String column, String level, String period) {
		Map<String, Double> figures = new TreeMap<>();
		this.jdbc
			.sql("SELECT metric, val FROM segment_value WHERE run_id = ? AND segment_column = ? "
					+ "AND segment_level = ? AND period = ?")
			.params(runId, column, level, period)
			.query((rs, i) -> figures.put(rs.getString(1), (Double) rs.getObject(2)))
			.list();
		return figures;
	}

}
