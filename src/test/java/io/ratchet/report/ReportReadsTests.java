package io.ratchet.report;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.ratchet.run.FigureReads;
import io.ratchet.run.LoggedPredictionsStore;
import io.ratchet.run.ModelVersionStore;
import io.ratchet.run.ResultsStore;
import io.ratchet.run.Role;
import io.ratchet.run.RunReads;
import io.ratchet.run.RunRecord;
import io.ratchet.run.RunStatus;
import io.ratchet.test.StoreSlice;
import io.ratchet.test.StoredModels;
import io.ratchet.test.Unique;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reads of the report pages, on the real Flyway schema (a slice: the stores it reads
 * through, no jobs).
 */
@StoreSlice
@Import({ ReportReads.class, ResultsStore.class, ModelVersionStore.class, RunReads.class, FigureReads.class,
		LoggedPredictionsStore.class })
class ReportReadsTests {

	@Autowired
	private ReportReads reads;

	@Autowired
	private ResultsStore results;

	@Autowired
	private ModelVersionStore models;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void acrossRunsGivesEachRunsWholePeriodFigureOldestFirstAndStopsAtTheLimit() {
		// given four completed runs of one dataset, each with a whole-period ROC AUC of
		// two models
		String dataset = "reads-" + System.nanoTime();
		long champion = this.models.register(StoredModels.named(dataset + "-logit"));
		long candidate = this.models.register(StoredModels.named(dataset + "-gbt"));
		long first = 81_000 + (System.nanoTime() % 1_000) * 10;
		double[] championAuc = { 0.70, 0.71, 0.72, 0.73 };
		double[] candidateAuc = { 0.80, 0.81, 0.82, 0.83 };
		for (int i = 0; i < 4; i++) {
			long runId = first + i;
			this.results.openRun(runId, "nowtest", dataset, null, null, LocalDate.of(2026, 1, 1 + i).atStartOfDay(),
					"dataset=" + dataset, 1);
			insert(runId, champion, "roc_auc", championAuc[i]);
			insert(runId, candidate, "roc_auc", candidateAuc[i]);
			insert(runId, champion, "log_loss", 0.5);
			this.results.finishRun(runId, RunStatus.COMPLETED, "PASS", 100, 0, 0, null, null);
		}
		RunRecord last = this.results.run(first + 3).orElseThrow();

		// when
		Map<String, Map<Long, Double>> values = this.reads.acrossRuns(last, "roc_auc", 3);

		// then
		assertThat(values.keySet()).containsExactly("2026-01-02 #" + (first + 1), "2026-01-03 #" + (first + 2),
				"2026-01-04 #" + (first + 3));
		assertThat(values.get("2026-01-02 #" + (first + 1))).containsOnly(Map.entry(champion, 0.71),
				Map.entry(candidate, 0.81));
		assertThat(values.get("2026-01-04 #" + (first + 3))).containsOnly(Map.entry(champion, 0.73),
				Map.entry(candidate, 0.83));
	}

	@Test
	void featurePsiGivesThePsiOfEachFeatureByNameWithoutTheScoresOrOtherStatistics() {
		// given a now-test with PSI and KS of two features and the PSI of a model's
		// scores
		String dataset = Unique.name("psi");
		long model = this.models.register(StoredModels.named(dataset + "-logit"));
		long runId = Unique.runIds();
		this.results.openRun(runId, "nowtest", dataset, null, null, LocalDate.of(2026, 2, 1).atStartOfDay(),
				"dataset=" + dataset, 1);
		drift(runId, "tenure", "psi", null, 0.31);
		drift(runId, "plan", "psi", null, 0.02);
		drift(runId, "plan", "ks", null, 0.4);
		drift(runId, "score:" + dataset + "-logit@1", "psi", model, 0.5);

		// when
		Map<String, Double> psi = this.reads.featurePsi(runId);

		// then
		assertThat(psi).containsExactly(Map.entry("plan", 0.02), Map.entry("tenure", 0.31));
	}

	@Test
	void modelsOfRunsNamesTheChampionFirstAndShortensLongLists() {
		// given a run of a champion and five candidates, and a run of two models
		String dataset = Unique.name("models");
		long many = Unique.runIds();
		long few = many + 1;
		this.results.openRun(many, "backtest", dataset, "2024-01", "2024-02", null, "dataset=" + dataset, 1);
		this.results.openRun(few, "backtest", dataset, "2024-01", "2024-02", null, "dataset=" + dataset, 1);
		this.results.recordRunModel(many, this.models.register(StoredModels.named(dataset + "-z-champion")),
				Role.CHAMPION);
		for (String name : List.of("a", "b", "c", "d", "e")) {
			this.results.recordRunModel(many, this.models.register(StoredModels.named(dataset + "-" + name)),
					Role.CANDIDATE);
		}
		this.results.recordRunModel(few, this.models.register(StoredModels.named(dataset + "-z-champion")),
				Role.CHAMPION);
		this.results.recordRunModel(few, this.models.register(StoredModels.named(dataset + "-a")), Role.CANDIDATE);

		// when
		Map<Long, String> models = this.reads.modelsOfRuns();

		// then
		assertThat(models).containsEntry(many,
				dataset + "-z-champion@1, " + dataset + "-a@1, " + dataset + "-b@1 and 3 more");
		assertThat(models).containsEntry(few, dataset + "-z-champion@1, " + dataset + "-a@1");
	}

	private void drift(long runId, String subject, String statistic, Long model, double value) {
		this.jdbc.sql("""
				INSERT INTO drift_value (run_id, subject, statistic, model_version_id, val, reference_desc,
				reference_rows, window_rows) VALUES (?, ?, ?, ?, ?, 'training window', 100, 50)""")
			.params(runId, subject, statistic, model, value)
			.update();
	}

	private void insert(long runId, long model, String metric, double value) {
		this.jdbc.sql("""
				INSERT INTO metric_value (run_id, model_version_id, period, metric, val, row_count)
				VALUES (?, ?, ?, ?, ?, 100)""").params(runId, model, ResultsStore.ALL, metric, value).update();
	}

}
