package io.ratchet.requirement;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ratchet.metrics.Metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RequirementsLoadTests {

	@TempDir
	Path dir;

	@Test
	void readsDatasetsBoundsAndModelOverrides() throws IOException {
		// given
		Path file = write("""
				churn:                      # dataset name
				  min-rows: 200
				  monthly:
				    roc_auc: {min: 0.75}
				    log_loss:
				      max: 0.55
				  period:
				    roc_auc: {min: 0.78}
				  models:
				    churn-gbt:
				      monthly:
				        roc_auc: {min: 0.80}
				        brier: {max: 0.2}
				rain:
				  monthly:
				    average_precision: {min: 0.5, max: 0.99}
				""");
		// when
		Requirements requirements = Requirements.load(file);
		// then
		assertThat(requirements.datasets()).containsExactly("churn", "rain");
		DatasetRequirements churn = requirements.forDataset("churn").orElseThrow();
		assertThat(churn.minRows()).isEqualTo(200);
		assertThat(churn.monthly()).containsExactly(Bound.atLeast(Metric.ROC_AUC, 0.75),
				Bound.atMost(Metric.LOG_LOSS, 0.55));
		assertThat(churn.period()).containsExactly(Bound.atLeast(Metric.ROC_AUC, 0.78));
		assertThat(churn.monthlyFor("churn-gbt")).containsExactly(Bound.atLeast(Metric.ROC_AUC, 0.80),
				Bound.atMost(Metric.LOG_LOSS, 0.55), Bound.atMost(Metric.BRIER, 0.2));
		assertThat(churn.periodFor("churn-gbt")).containsExactly(Bound.atLeast(Metric.ROC_AUC, 0.78));
		assertThat(churn.monthlyFor("churn-logit")).isEqualTo(churn.monthly());
		DatasetRequirements rain = requirements.forDataset("rain").orElseThrow();
		assertThat(rain.minRows()).isZero();
		assertThat(rain.monthly()).containsExactly(new Bound(Metric.AVERAGE_PRECISION, 0.5, 0.99));
		assertThat(rain.period()).isEmpty();
		assertThat(rain.models()).isEmpty();
		assertThat(requirements.forDataset("bikes")).isEmpty();
	}

	@Test
	void missingEmptyAndCommentOnlyFilesMeanNoRequirements() throws IOException {
		// given
		Path missing = this.dir.resolve("absent.yml");
		Path empty = Files.writeString(this.dir.resolve("empty.yml"), "");
		Path comments = Files.writeString(this.dir.resolve("comments.yml"), "# nothing yet\n\n");
		// when / then
		for (Path file : List.of(missing, empty, comments)) {
			Requirements requirements = Requirements.load(file);
			assertThat(requirements.datasets()).as(file.toString()).isEmpty();
			assertThat(requirements.forDataset("churn")).isEmpty();
		}
	}

	@Test
	void datasetWithoutValueHasNoBounds() throws IOException {
		// given
		Path file = write("churn:\n");
		// when
		DatasetRequirements churn = Requirements.load(file).forDataset("churn").orElseThrow();
		// then
		assertThat(churn.monthly()).isEmpty();
		assertThat(churn.minRows()).isZero();
	}

	@Test
	void boundsAgainstAMetricsDirectionAndOnNAreAllowed() throws IOException {
		// given
		Path file = write("""
				churn:
				  monthly:
				    log_loss: {min: 0.05}
				    roc_auc: {max: 0.99}
				    n: {min: 100}
				    bias: {min: -1, max: 1}
				""");
		// when
		DatasetRequirements churn = Requirements.load(file).forDataset("churn").orElseThrow();
		// then
		assertThat(churn.monthly()).extracting(Bound::metric)
			.containsExactly(Metric.LOG_LOSS, Metric.ROC_AUC, Metric.N, Metric.BIAS);
	}

	@Test
	void unknownMetricNamesItsLine() throws IOException {
		// given
		Path file = write("""
				churn:
				  min-rows: 200
				  monthly:
				    roc_auc: {min: 0.75}
				    roc_aucc: {min: 0.75}
				""");
		// when / then
		assertThatExceptionOfType(RequirementsException.class).isThrownBy(() -> Requirements.load(file))
			.withMessageStartingWith(file + " line 5: unknown metric 'roc_aucc' (known: [n, positives,");
	}

	@Test
	void aNameThatIsNoBuiltInMetricIsTakenForADatasetMetric() throws IOException {
		// given
		Path file = write("""
				churn:
				  monthly:
				    net_saves: {min: 2}
				    precision_top20pct: {min: 0.4}
				""");

		// when
		Requirements requirements = Requirements.load(file);

		// then: checked against the dataset when a job starts
		assertThat(requirements.forDatasetOrNone("churn").monthly()).extracting((bound) -> bound.metric().key())
			.containsExactly("net_saves", "precision_top20pct");
	}

	@Test
	void unknownFieldsNameTheirLineAtEveryLevel() throws IOException {
		// given
		Path inDataset = write("""
				churn:
				  min-rows: 200
				  mothly:
				    roc_auc: {min: 0.75}
				""");
		Path inModel = write("""
				churn:
				  models:
				    churn-gbt:
				      monthy:
				        roc_auc: {min: 0.8}
				""");
		Path inBound = write("""
				churn:
				  monthly:
				    roc_auc:
				      min: 0.75
				      minimum: 0.8
				""");
		// when / then
		assertThatExceptionOfType(RequirementsException.class).isThrownBy(() -> Requirements.load(inDataset))
			.withMessage(inDataset
					+ " line 3: unknown field \"mothly\" (known: min-rows, monthly, period, models, drift, segments, unmonitored)");
		assertThatExceptionOfType(RequirementsException.class).isThrownBy(() -> Requirements.load(inModel))
			.withMessage(inModel + " line 4: unknown field \"monthy\" (known: monthly, period)");
		assertThatExceptionOfType(RequirementsException.class).isThrownBy(() -> Requirements.load(inBound))
			.withMessage(inBound + " line 5: unknown field \"minimum\" (known: min, max, judge)");
	}

	@Test
	void boundWithNeitherMinNorMaxNamesItsLine() throws IOException {
		// given
		Path emptyMapping = write("""
				churn:
				  monthly:
				    roc_auc: {min: 0.75}
				    brier: {}
				""");
		Path noValue = write("""
				churn:
				  period:
				    brier:
				    roc_auc: {min: 0.75}
				""");
		// when / then
		assertThatExceptionOfType(RequirementsException.class).isThrownBy(() -> Requirements.load(emptyMapping))
			.withMessage(emptyMapping + " line 4: bound on brier has neither min nor max");
		assertThatExceptionOfType(RequirementsException.class).isThrownBy(() -> Requirements.load(noValue))
			.withMessage(noValue + " line 3: bound on brier has neither min nor max");
	}

	@Test
	void minAboveMaxNamesItsLine() throws IOException {
		// given: in a model's override, in block style
		Path file = write("""
				churn:
				  models:
				    churn-gbt:
				      period:
				        roc_auc:
				          min: 0.9
				          max: 0.8
				""");
		// when / then
		assertThatExceptionOfType(RequirementsException.class).isThrownBy(() -> Requirements.load(file))
			.withMessage(file + " line 5: bound on roc_auc has min 0.9 above max 0.8");
	}

	@Test
	void notANumberBoundIsAnError() throws IOException {
		// given: YAML's not-a-number
		Path file = write("""
				churn:
				  monthly:
				    roc_auc: {min: .nan}
				""");
		// when / then
		assertThatExceptionOfType(RequirementsException.class).isThrownBy(() -> Requirements.load(file))
			.withMessageStartingWith(file + " line 3: ");
	}

	@Test
	void negativeOrFractionalMinRowsIsAnError() throws IOException {
		// given
		Path negative = write("""
				churn:
				  monthly:
				    roc_auc: {min: 0.75}
				  min-rows: -5
				""");
		Path fractional = write("churn:\n  min-rows: 2.5\n");
		// when / then
		assertThatExceptionOfType(RequirementsException.class).isThrownBy(() -> Requirements.load(negative))
			.withMessage(negative + " line 4: min-rows must not be negative, not -5");
		assertThatExceptionOfType(RequirementsException.class).isThrownBy(() -> Requirements.load(fractional))
			.withMessage(fractional + " line 2: min-rows must be a whole number, not 2.5");
	}

	@Test
	void valuesOfTheWrongShapeNameTheirLine() throws IOException {
		// given
		Path text = write("churn:\n  monthly:\n    roc_auc: {min: high}\n");
		Path scalar = write("churn:\n  monthly:\n    roc_auc: 0.75\n");
		Path list = write("- churn\n- rain\n");
		// when / then
		assertThatExceptionOfType(RequirementsException.class).isThrownBy(() -> Requirements.load(text))
			.withMessage(text + " line 3: min must be a number, not \"high\"");
		assertThatExceptionOfType(RequirementsException.class).isThrownBy(() -> Requirements.load(scalar))
			.withMessage(scalar
					+ " line 3: the bound on roc_auc must be a mapping such as {min: 0.75} or {max: 0.5}, not 0.75");
		assertThatExceptionOfType(RequirementsException.class).isThrownBy(() -> Requirements.load(list))
			.withMessage(list + " line 1: expected a mapping of dataset names to their requirements, not a list");
	}

	@Test
	void modelsAndDatasetsOfTheWrongShapeNameTheirLine() throws IOException {
		// given
		Path models = write("churn:\n  monthly:\n    roc_auc: {min: 0.75}\n  models: [churn-gbt]\n");
		Path model = write("churn:\n  models:\n    churn-gbt: 0.8\n");
		Path dataset = write("churn: [roc_auc]\n");
		// when / then
		assertThatExceptionOfType(RequirementsException.class).isThrownBy(() -> Requirements.load(models))
			.withMessage(models + " line 4: expected a mapping of model names to their requirements, not a list");
		assertThatExceptionOfType(RequirementsException.class).isThrownBy(() -> Requirements.load(model))
			.withMessage(model + " line 3: expected a mapping of a model's requirements, not 0.8");
		assertThatExceptionOfType(RequirementsException.class).isThrownBy(() -> Requirements.load(dataset))
			.withMessage(dataset + " line 1: expected a mapping of a dataset's requirements, not a list");
	}

	@Test
	void duplicateKeysAreErrors() throws IOException {
		// given
		Path metric = write("""
				churn:
				  monthly:
				    roc_auc: {min: 0.75}
				    roc_auc: {min: 0.7}
				""");
		Path dataset = write("churn:\n  min-rows: 1\nchurn:\n  min-rows: 2\n");
		// when / then
		assertThatExceptionOfType(RequirementsException.class).isThrownBy(() -> Requirements.load(metric))
			.withMessageStartingWith(metric + " line 4: ")
			.withMessageContaining("roc_auc");
		assertThatExceptionOfType(RequirementsException.class).isThrownBy(() -> Requirements.load(dataset))
			.withMessageStartingWith(dataset + " line 3: ")
			.withMessageContaining("churn");
	}

	@Test
	void yamlSyntaxErrorNamesFileAndLine() throws IOException {
		// given: a tab used for indentation on line 3, and a quote left open at the end
		// of a file
		Path tab = write("churn:\n  min-rows: 200\n\tmonthly:\n");
		Path quote = write("churn:\n  monthly: \"roc_auc\n");
		// when / then
		assertThatExceptionOfType(RequirementsException.class).isThrownBy(() -> Requirements.load(tab))
			.withMessageStartingWith(tab + " line 3: ")
			.withMessageContaining("cannot start any token");
		assertThatExceptionOfType(RequirementsException.class).isThrownBy(() -> Requirements.load(quote))
			.withMessage(quote
					+ " line 3: syntax error: while scanning a quoted scalar (line 2); found unexpected end of stream");
	}

	private int count;

	private Path write(String content) throws IOException {
		return Files.writeString(this.dir.resolve("requirements-" + (++this.count) + ".yml"), content);
	}

}
