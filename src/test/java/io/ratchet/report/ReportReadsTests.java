package io.ratchet.report;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.ratchet.data.Task;
import io.ratchet.model.LinearModel;
import io.ratchet.model.Link;
import io.ratchet.model.ModelVersion;
import io.ratchet.run.ModelVersionStore;
import io.ratchet.run.ResultsStore;
import io.ratchet.run.RunRecord;
import io.ratchet.run.RunStatus;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
@ActiveProfiles("test")
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
		// given four completed runs of one dataset, each with a whole-period ROC AUC of two models
		String dataset = "reads-" + System.nanoTime();
		long champion = this.models.register(model(dataset + "-logit"));
		long candidate = this.models.register(model(dataset + "-gbt"));
		long first = 81_000 + (System.nanoTime() % 1_000) * 10;
		double[] championAuc = { 0.70, 0.71, 0.72, 0.73 };
		double[] candidateAuc = { 0.80, 0.81, 0.82, 0.83 };
		for (int i = 0; i < 4; i++) {
			long runId = first + i;
			this.results.openRun(runId, "nowtest", dataset, null, null,
					LocalDate.of(2026, 1, 1 + i).atStartOfDay(), "dataset=" + dataset, 1);
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

	private void insert(long runId, long model, String metric, double value) {
		this.jdbc.sql("""
				INSERT INTO metric_value (run_id, model_version_id, period, metric, val, row_count)
				VALUES (?, ?, ?, ?, ?, 100)""").params(runId, model, ResultsStore.ALL, metric, value).update();
	}

	private static ModelVersion model(String name) {
		return new ModelVersion(name, "1", "toy", Task.BINARY, LinearModel.KIND,
				"%064x".formatted(name.hashCode() & 0xffffffffL), Path.of("config/models/" + name + "-v1.json"),
				new LinearModel(Link.LOGISTIC, 0.0, List.of(), Map.of()));
	}

}
