package io.ratchet.run;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import io.ratchet.data.Task;
import io.ratchet.metrics.Accumulators;
import io.ratchet.metrics.Metric;
import io.ratchet.metrics.MetricValues;
import io.ratchet.model.LinearModel;
import io.ratchet.model.Link;
import io.ratchet.model.ModelVersion;
import io.ratchet.requirement.CheckResult;
import io.ratchet.requirement.Verdict;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report's read of a finished run handed to the printout: the same summary while the
 * run's record is unchanged, a fresh read once a restart has changed it, and no
 * remembering of a run still running.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@ActiveProfiles("test")
@Import({ ResultsStore.class, ModelVersionStore.class, RunSummaries.class })
class RunSummariesTests {

	@Autowired
	ResultsStore results;

	@Autowired
	ModelVersionStore modelVersions;

	@Autowired
	RunSummaries summaries;

	@Test
	void aFinishedRunIsReadOnceWhileItsRecordIsUnchanged() {
		// given: a finished run with one month's figures
		long model = storedRun(931, 0.7);

		// when
		RunSummary first = this.summaries.load(931);
		RunSummary second = this.summaries.load(931);

		// then: the same summary, equal to a fresh read
		assertThat(second).isSameAs(first);
		assertThat(second).isEqualTo(RunSummary.load(this.results, 931));
		assertThat(second.models().get(0).monthly().get("2024-01")).containsEntry(Metric.ROC_AUC, 0.7);
		assertThat(second.models().get(0).model().id()).isEqualTo(model);
	}

	@Test
	void aRestartedRunIsReadAgain() {
		// given: a finished run read once, then restarted with other figures and finished
		// again
		storedRun(932, 0.7);
		RunSummary before = this.summaries.load(932);
		long model = before.models().get(0).model().id();
		this.results.openRun(932, "backtest", "toy", null, null, LocalDateTime.now(), "dataset=toy", 1);
		this.results.savePartition(partition(932), List.of(figures(model, 0.8)));
		this.results.finishRun(932, RunStatus.COMPLETED, "PASS", 30, 0, 0, "report/index.html", null);

		// when
		RunSummary after = this.summaries.load(932);

		// then
		assertThat(after).isNotSameAs(before);
		assertThat(after.models().get(0).monthly().get("2024-01")).containsEntry(Metric.ROC_AUC, 0.8);
	}

	@Test
	void aRunStillRunningIsNotRemembered() {
		// given: a run opened, one month stored, not finished
		long model = this.modelVersions.register(model("summaries-c"));
		this.results.openRun(933, "backtest", "toy", null, null, LocalDateTime.now(), "dataset=toy", 1);
		this.results.recordRunModel(933, model, Role.CHAMPION);
		this.results.savePartition(partition(933), List.of(figures(model, 0.7)));

		// when
		RunSummary first = this.summaries.load(933);
		RunSummary second = this.summaries.load(933);

		// then
		assertThat(second).isNotSameAs(first).isEqualTo(first);
	}

	private long storedRun(long runId, double auc) {
		long model = this.modelVersions.register(model("summaries-" + runId));
		this.results.openRun(runId, "backtest", "toy", null, null, LocalDateTime.now(), "dataset=toy", 1);
		this.results.recordRunModel(runId, model, Role.CHAMPION);
		this.results.savePartition(partition(runId), List.of(figures(model, auc)));
		this.results.finishRun(runId, RunStatus.COMPLETED, "PASS", 30, 0, 0, "report/index.html", null);
		return model;
	}

	private static PartitionResult partition(long runId) {
		return new PartitionResult(runId, "2024-01", "toy/2024-01.csv", 30, 30, 0, 0, null, 5);
	}

	private static ModelFigures figures(long model, double auc) {
		MetricValues values = new MetricValues(Map.of(Metric.N, 30.0, Metric.ROC_AUC, auc));
		return new ModelFigures(model, Task.BINARY, values, new CheckResult(Verdict.PASS, List.of(), List.of()),
				Accumulators.create(Task.BINARY, 0.5).toBytes());
	}

	private static ModelVersion model(String name) {
		LinearModel definition = new LinearModel(Link.LOGISTIC, 0.0, List.of(), Map.of());
		return new ModelVersion(name, "1", "toy", Task.BINARY, LinearModel.KIND, name + "-sha",
				Path.of("config/models/" + name + "-v1.json"), definition);
	}

}
