package io.ratchet.run;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import io.ratchet.data.Task;
import io.ratchet.metrics.Metric;
import io.ratchet.metrics.MetricId;
import io.ratchet.metrics.MetricValues;
import io.ratchet.model.LinearModel;
import io.ratchet.model.Link;
import io.ratchet.model.ModelVersion;
import io.ratchet.requirement.BoundKind;
import io.ratchet.requirement.Breach;
import io.ratchet.requirement.CheckResult;
import io.ratchet.requirement.Verdict;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reads across runs and of stored figures that alerts, reports, the monitor,
 * promotion and challenge use, on the real Flyway schema (H2 file). Each test rolls back;
 * datasets and job names are unique so earlier rows never count.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@ActiveProfiles("test")
@Import({ ResultsStore.class, ModelVersionStore.class, RunReads.class, FigureReads.class })
class RunReadsTests {

	@Autowired
	ResultsStore results;

	@Autowired
	ModelVersionStore modelVersions;

	@Autowired
	RunReads runs;

	@Autowired
	FigureReads figures;

	private String dataset;

	private long champion;

	private long candidate;

	private long nextRun;

	@BeforeEach
	void models() {
		long unique = System.nanoTime();
		this.dataset = "reads-" + unique;
		this.champion = this.modelVersions.register(model(this.dataset + "-logit", "aa" + unique));
		this.candidate = this.modelVersions.register(model(this.dataset + "-gbt", "bb" + unique));
		this.nextRun = 700_000_000L + (unique % 1_000_000) * 100;
	}

	@Test
	void countsAndLatestStatusArePerJob() {
		// given
		String job = "job-" + this.dataset;
		long first = run(job, LocalDate.of(2026, 1, 1), RunStatus.COMPLETED, 0.7, Verdict.PASS);
		long second = run(job, LocalDate.of(2026, 1, 2), RunStatus.FAILED, 0.7, Verdict.PASS);

		// when / then
		assertThat(this.runs.count(job, RunStatus.COMPLETED)).isOne();
		assertThat(this.runs.count(job, RunStatus.FAILED)).isOne();
		assertThat(this.runs.count(job, RunStatus.STARTED)).isZero();
		assertThat(this.runs.lastStatus(job)).contains(RunStatus.FAILED);
		assertThat(this.runs.lastStatus(job + "-never")).isEmpty();
		assertThat(this.runs.completedSince(LocalDateTime.now().minusMinutes(5))).contains(first)
			.doesNotContain(second);
	}

	@Test
	void runsScoringAModelCarryItsRoleVerdictAndBreaches() {
		// given three now-tests (one failed) and a back-test
		long pass = run("nowtest", LocalDate.of(2026, 2, 1), RunStatus.COMPLETED, 0.8, Verdict.PASS);
		long breach = run("nowtest", LocalDate.of(2026, 2, 2), RunStatus.COMPLETED, 0.6, Verdict.BREACH);
		run("nowtest", LocalDate.of(2026, 2, 3), RunStatus.FAILED, 0.8, Verdict.PASS);
		long backtest = run("backtest", LocalDate.of(2026, 2, 4), RunStatus.COMPLETED, 0.8, Verdict.PASS);
		String candidateKey = this.dataset + "-gbt@1";
		String championKey = this.dataset + "-logit@1";

		// when
		List<RunReads.ScoredRun> scored = this.runs.completedScoring(this.dataset, JobKind.NOWTEST, candidateKey);

		// then newest first, failed runs left out
		assertThat(scored).extracting(RunReads.ScoredRun::runId).containsExactly(breach, pass);
		assertThat(scored.get(0).role()).isEqualTo(Role.CANDIDATE);
		assertThat(scored.get(0).verdict()).isEqualTo(Verdict.BREACH);
		assertThat(scored.get(0).breaches()).isOne();
		assertThat(scored.get(0).asOf()).isEqualTo(LocalDate.of(2026, 2, 2));
		assertThat(scored.get(1).verdict()).isEqualTo(Verdict.PASS);
		assertThat(scored.get(1).breaches()).isZero();
		assertThat(this.runs.runsScoring(JobKind.NOWTEST, candidateKey)).isEqualTo(3);
		assertThat(this.runs.breachesFound(JobKind.NOWTEST, candidateKey)).isOne();
		assertThat(this.runs.latestCompletedScoringBoth(this.dataset, List.of(JobKind.BACKTEST, JobKind.CHALLENGE),
				championKey, candidateKey))
			.hasValue(backtest);
		assertThat(this.runs.latestCompletedScoringBoth(this.dataset, List.of(JobKind.CHALLENGE), championKey,
				candidateKey))
			.isEmpty();
		assertThat(this.runs.runsWithRole(this.dataset, Role.CHAMPION)).hasSize(4)
			.allSatisfy((run) -> assertThat(run.modelKey()).isEqualTo(championKey));
		assertThat(this.runs.modelKeysByRun().get(pass)).containsExactly(championKey, candidateKey);
	}

	@Test
	void figuresAcrossRunsStopAtTheLimitAndSkipRunsNotCompleted() {
		// given
		long first = run("nowtest", LocalDate.of(2026, 3, 1), RunStatus.COMPLETED, 0.71, Verdict.PASS);
		long second = run("nowtest", LocalDate.of(2026, 3, 2), RunStatus.COMPLETED, 0.72, Verdict.PASS);
		run("nowtest", LocalDate.of(2026, 3, 3), RunStatus.FAILED, 0.99, Verdict.PASS);
		long fourth = run("nowtest", LocalDate.of(2026, 3, 4), RunStatus.COMPLETED, 0.74, Verdict.PASS);
		RunRecord last = this.results.run(fourth).orElseThrow();

		// when
		List<FigureReads.RunFigure> across = this.figures.wholePeriodAcrossRuns(last, last.asOf(), this.champion,
				Metric.ROC_AUC.key(), 2);
		List<RunReads.RunAt> upTo = this.runs.upTo(last, 3);

		// then newest first
		assertThat(across).extracting(FigureReads.RunFigure::runId).containsExactly(fourth, second);
		assertThat(across).extracting(FigureReads.RunFigure::value).containsExactly(0.74, 0.72);
		assertThat(upTo).extracting(RunReads.RunAt::runId).containsExactly(fourth, second, first);
		assertThat(this.figures.wholePeriod(List.of(first, fourth), Metric.ROC_AUC.key())).containsOnly(
				Map.entry(first, Map.of(this.champion, 0.71, this.candidate, 0.71)),
				Map.entry(fourth, Map.of(this.champion, 0.74, this.candidate, 0.74)));
		assertThat(this.figures.wholePeriod(List.of(), Metric.ROC_AUC.key())).isEmpty();
		assertThat(this.figures.wholePeriodBreachesAcrossRuns(last, last.asOf(), this.champion, "psi:plan", 5))
			.isEmpty();
	}

	@Test
	void figuresByKeyMonthByMonthAndByPeriodLeaveUndefinedOnesOut() {
		// given a back-test of two months and its whole period; ROC AUC is undefined in
		// January
		long runId = this.nextRun++;
		this.results.openRun(runId, "backtest", this.dataset, "2024-01", "2024-02",
				LocalDate.of(2026, 4, 1).atStartOfDay(), "dataset=" + this.dataset, 2);
		this.results.recordRunModel(runId, this.champion, Role.CHAMPION);
		this.results.savePartition(new PartitionResult(runId, "2024-01", "f", 10, 10, 0, 0, null, 1),
				List.of(figures(this.champion, null, Verdict.PASS)));
		this.results.savePartition(new PartitionResult(runId, "2024-02", "f", 10, 10, 0, 0, null, 1),
				List.of(figures(this.champion, 0.65, Verdict.PASS)));
		this.results.saveWholePeriod(runId, List.of(figures(this.champion, 0.7, Verdict.PASS)));
		this.results.finishRun(runId, RunStatus.COMPLETED, "PASS", 20, 0, 0, null, null);

		// when / then
		assertThat(this.figures.figure(runId, this.champion, Period.ALL, Metric.ROC_AUC.key())).isEqualTo(0.7);
		assertThat(this.figures.figure(runId, this.champion, Period.of("2024-01"), Metric.ROC_AUC.key())).isNull();
		assertThat(this.figures.figure(runId, this.champion, Period.of("2023-12"), Metric.ROC_AUC.key())).isNull();
		// an undefined month stays undefined (until issue 14, alert trends read it as 0)
		assertThat(this.figures.monthly(runId, this.champion, Metric.ROC_AUC.key())).containsExactly(
				new FigureReads.PeriodFigure(Period.of("2024-01"), null),
				new FigureReads.PeriodFigure(Period.of("2024-02"), 0.65));
		assertThat(this.figures.wholePeriodAcrossRuns(this.results.run(runId).orElseThrow(),
				LocalDate.of(2026, 4, 1).atStartOfDay(), this.champion, Metric.ROC_AUC.key(), 5))
			.extracting(FigureReads.RunFigure::value)
			.containsExactly(0.7);
		Map<String, Map<MetricId, Double>> byPeriod = this.figures.figures(runId, this.champion);
		assertThat(byPeriod).containsOnlyKeys("2024-01", "2024-02", "ALL");
		assertThat(byPeriod.get("2024-01")).doesNotContainKey(Metric.ROC_AUC).containsEntry(Metric.N, 10.0);
		assertThat(this.figures.championFigures(this.dataset)).extracting(FigureReads.ChampionFigures::period)
			.containsExactly(Period.of("2024-01"), Period.of("2024-02"), Period.ALL);

		// and a later run whose whole-period ROC AUC is undefined reads back as
		// undefined, not 0
		long undefined = this.nextRun++;
		this.results.openRun(undefined, "backtest", this.dataset, "2024-01", "2024-02",
				LocalDate.of(2026, 4, 2).atStartOfDay(), "dataset=" + this.dataset, 2);
		this.results.saveWholePeriod(undefined, List.of(figures(this.champion, null, Verdict.PASS)));
		this.results.finishRun(undefined, RunStatus.COMPLETED, "PASS", 20, 0, 0, null, null);
		assertThat(this.figures.wholePeriod(List.of(undefined), Metric.ROC_AUC.key()).get(undefined))
			.containsEntry(this.champion, null);
		assertThat(this.figures.wholePeriodAcrossRuns(this.results.run(undefined).orElseThrow(),
				LocalDate.of(2026, 4, 2).atStartOfDay(), this.champion, Metric.ROC_AUC.key(), 5))
			.extracting(FigureReads.RunFigure::value)
			.containsExactly(null, 0.7);
	}

	/**
	 * A run of both models with a whole-period ROC AUC (the candidate breaching when the
	 * verdict says so).
	 */
	private long run(String job, LocalDate asOf, RunStatus status, double auc, Verdict verdict) {
		long runId = this.nextRun++;
		this.results.openRun(runId, job, this.dataset, null, null, asOf.atStartOfDay(), "dataset=" + this.dataset, 1);
		this.results.recordRunModel(runId, this.champion, Role.CHAMPION);
		this.results.recordRunModel(runId, this.candidate, Role.CANDIDATE);
		this.results.saveWholePeriod(runId,
				List.of(figures(this.champion, auc, Verdict.PASS), figures(this.candidate, auc, verdict)));
		if (status == RunStatus.FAILED) {
			this.results.failRun(runId, "failed");
		}
		else {
			this.results.finishRun(runId, status, verdict.name(), 10, 0, 0, null, null);
		}
		return runId;
	}

	private static ModelFigures figures(long model, Double auc, Verdict verdict) {
		Map<Metric, Double> values = (auc != null) ? Map.of(Metric.N, 10.0, Metric.ROC_AUC, auc)
				: Map.of(Metric.N, 10.0);
		List<Breach> breaches = (verdict == Verdict.BREACH)
				? List.of(new Breach("m", "ALL", Metric.ROC_AUC, (auc != null) ? auc : 0.0, BoundKind.MIN, 0.75))
				: List.of();
		return new ModelFigures(model, Task.BINARY, new MetricValues(values),
				new CheckResult(verdict, breaches, List.of()), new byte[] { 1 });
	}

	private static ModelVersion model(String name, String sha) {
		LinearModel definition = new LinearModel(Link.LOGISTIC, 0.0, List.of(), Map.of());
		return new ModelVersion(name, "1", "toy", Task.BINARY, LinearModel.KIND, sha,
				Path.of("config/models/" + name + "-v1.json"), definition);
	}

}
