package io.ratchet.backtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.DatasetConfigs;
import io.ratchet.data.Row;
import io.ratchet.metrics.Metric;
import io.ratchet.metrics.MulticlassAccumulator;
import io.ratchet.model.ClassScorer;
import io.ratchet.model.ModelCases;
import io.ratchet.model.ModelFiles;
import io.ratchet.model.ModelVersion;
import io.ratchet.model.MulticlassReference;
import io.ratchet.model.OnnxImport;
import io.ratchet.model.Scorer;
import io.ratchet.model.importers.ModelImport;
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
 * The multiclass back-test with models of every kind that gives class probabilities: a
 * multinomial champion and, as candidates, scikit-learn's GradientBoostingClassifier and
 * RandomForestClassifier imported from their {@code trees.json} and its multinomial
 * LogisticRegression as an ONNX graph ({@code src/test/resources/multiclass-models/}).
 * Each candidate's stored monthly and period figures are scikit-learn's own (the trees to
 * 1e-12, the ONNX graph within float32 rounding for the log loss), and the champion's
 * keep what its scorer gives.
 */
class MulticlassCandidatesBacktestJobTests extends SharedBatchContextTests {

	static final ToyWorkspace toy = new ToyWorkspace(root);

	static final AtomicInteger runs = new AtomicInteger();

	private static final String CHAMPION = """
			{"format": "ratchet-model/1", "name": "tiers-softmax", "version": "1", "dataset": "tiers",
			 "task": "multiclass", "kind": "multinomial", "link": "softmax",
			 "classes": [
			  {"class": "bronze", "intercept": 0.0, "terms": [{"feature": "x1", "type": "numeric", "impute": 0.0,
			    "center": 0.0, "scale": 1.0, "weight": -1.0}]},
			  {"class": "silver", "intercept": 0.2, "terms": []},
			  {"class": "gold", "intercept": -0.3, "terms": [{"feature": "x1", "type": "numeric", "impute": 0.0,
			    "center": 0.0, "scale": 1.0, "weight": 1.0}]}]}
			""";

	@Autowired
	JobOperatorTestUtils jobOperatorTestUtils;

	@Autowired
	Job backtest;

	@Autowired
	JdbcClient jdbc;

	private DatasetConfig dataset;

	@BeforeEach
	void setUp() throws IOException {
		FileSystemUtils.deleteRecursively(toy.config());
		FileSystemUtils.deleteRecursively(toy.data("tiers"));
		toy.configFile("datasets/tiers.yml", MulticlassReference.DATASET_YML)
			.configFile("models/tiers-softmax-v1.json", CHAMPION)
			.registry("tiers:\n  champion: tiers-softmax@1\n  candidates: [tiers-gb@1, tiers-rf@1, tiers-onnx@1]\n")
			.requirements("tiers:\n  min-rows: 20\n  monthly:\n    roc_auc_ovr_macro: {min: 0.5}\n");
		this.dataset = DatasetConfigs.load(toy.config(), "tiers");
		Path models = toy.config().resolve("models");
		ModelCases.write(ModelFiles.load(models.resolve("tiers-softmax-v1.json")), this.dataset, true);
		for (String trees : List.of("gb", "rf")) {
			ModelImport.install(ModelImport.convert(MulticlassReference.DIR.resolve(trees + "-trees.json"), null,
					this.dataset, "tiers-" + trees, "1"), models, this.dataset);
		}
		OnnxImport.importModel(new OnnxImport.Request(MulticlassReference.DIR.resolve("softmax.onnx"), "tiers-onnx",
				"1", List.of(MulticlassReference.ONNX_INPUTS.split(",")), Map.of(), null), this.dataset, models);
		Files.createDirectories(toy.data("tiers"));
		for (String month : MulticlassReference.MONTHS) {
			Files.copy(MulticlassReference.DIR.resolve("data").resolve(month + ".csv"),
					toy.data("tiers").resolve(month + ".csv"));
		}
	}

	@Test
	void everyCandidatesFiguresAreScikitLearnsAndTheChampionsItsScorers() throws Exception {
		// when
		this.jobOperatorTestUtils.setJob(this.backtest);
		JobExecution execution = this.jobOperatorTestUtils.startJob(new BacktestParameters("tiers", null, null,
				List.of(), LocalDateTime.of(2025, 8, 1, 0, 0).plusSeconds(runs.incrementAndGet()))
			.toJobParameters());

		// then: the candidates' figures are scikit-learn's, month by month and for the
		// period
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		long runId = execution.getJobInstance().getInstanceId();
		Map<String, String> reference = Map.of("tiers-gb", "gb", "tiers-rf", "rf", "tiers-onnx", "lr");
		for (Map.Entry<String, String> model : reference.entrySet()) {
			for (String period : periods()) {
				MulticlassReference.monthly(model.getValue(), period).forEach((metric, expected) -> {
					double tolerance = (model.getKey().equals("tiers-onnx") && metric == Metric.LOG_LOSS) ? 1e-6
							: 1e-12;
					assertThat(stored(runId, model.getKey(), period, metric)).as(model.getKey() + " " + period)
						.isCloseTo(expected, within(tolerance));
				});
			}
		}

		// then: the champion's figures are those its scorer gives the same rows
		MulticlassAccumulator whole = new MulticlassAccumulator(3);
		try (Scorer scorer = ModelFiles.load(toy.config().resolve("models/tiers-softmax-v1.json")).bind(this.dataset)) {
			for (String month : MulticlassReference.MONTHS) {
				MulticlassAccumulator expected = new MulticlassAccumulator(3);
				for (Row row : MulticlassReference.rows(this.dataset, month)) {
					double[] probabilities = new double[3];
					((ClassScorer) scorer).probabilities(row, probabilities);
					expected.add(probabilities, row.label());
				}
				whole.merge(expected);
				assertThat(stored(runId, "tiers-softmax", month, Metric.LOG_LOSS))
					.isCloseTo(expected.result().get(Metric.LOG_LOSS).orElseThrow(), within(1e-12));
			}
		}
		assertThat(stored(runId, "tiers-softmax", "ALL", Metric.ROC_AUC_OVR_MACRO))
			.isCloseTo(whole.result().get(Metric.ROC_AUC_OVR_MACRO).orElseThrow(), within(1e-12));

		// then: metrics.csv has a line per model and period
		Path csv = toy.reports().resolve("backtest").resolve(Long.toString(runId)).resolve("metrics.csv");
		assertThat(Files.readAllLines(csv)).hasSize(1 + 4 * (MulticlassReference.MONTHS.size() + 1));
	}

	private static List<String> periods() {
		List<String> periods = new ArrayList<>(MulticlassReference.MONTHS);
		periods.add("ALL");
		return periods;
	}

	private double stored(long runId, String model, String period, Metric metric) {
		return this.jdbc.sql("""
				SELECT v.val FROM metric_value v JOIN model_version m ON m.id = v.model_version_id
				WHERE v.run_id = ? AND m.name = ? AND v.period = ? AND v.metric = ?""")
			.params(runId, model, period, metric.key())
			.query(Double.class)
			.single();
	}

}
