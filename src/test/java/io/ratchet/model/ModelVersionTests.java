package io.ratchet.model;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.Feature;
import io.ratchet.data.FeatureType;
import io.ratchet.data.Row;
import io.ratchet.data.Task;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Binding a model version to a dataset: every mismatch is an error naming the model file.
 */
class ModelVersionTests {

	@TempDir
	Path dir;

	private ModelVersion churnLogit() {
		return ModelFiles.load(Fixtures.write(this.dir, "churn-logit-v1.json", Fixtures.churnLogit("1")));
	}

	private ModelVersion churnGbt() {
		return ModelFiles.load(Fixtures.write(this.dir, "churn-gbt-v1.json", Fixtures.churnGbt("1")));
	}

	@Test
	void keyIsNameAtVersion() {
		assertThat(churnLogit().key()).isEqualTo("churn-logit@1");
	}

	@Test
	void bindsToAnyFeatureOrder() {
		// given: the dataset lists plan first and has an extra feature
		DatasetConfig dataset = DatasetConfig.builder("churn", null)
			.date("d")
			.binaryLabel("y", "1", "0")
			.features(List.of(new Feature("region", FeatureType.CATEGORICAL),
					new Feature("plan", FeatureType.CATEGORICAL), new Feature("tenure_months", FeatureType.NUMERIC)))
			.build();
		Row row = new Row(2, LocalDate.of(2024, 1, 1), 1, new double[] { Double.NaN, Double.NaN, 22 },
				new String[] { "north", "pro", null });
		// when
		double p = churnLogit().bind(dataset).score(row);
		// then: z = -1.2 - 0.8 * (22 - 12) / 5 - 0.2 = -3.0
		assertThat(p).isCloseTo(1 / (1 + Math.exp(3.0)), within(1e-15));
	}

	@Test
	void featureTheDatasetLacks() {
		// given
		DatasetConfig dataset = DatasetConfig.builder("churn", Path.of("config/datasets/churn.yml"))
			.date("d")
			.binaryLabel("y", "1", "0")
			.features(List.of(new Feature("plan", FeatureType.CATEGORICAL)))
			.build();
		ModelVersion version = churnLogit();
		// when / then
		assertThatThrownBy(() -> version.bind(dataset)).isInstanceOf(ModelFileException.class)
			.hasMessage(version.file() + ": feature \"tenure_months\" is not a feature of dataset \"churn\""
					+ " (config/datasets/churn.yml) (its features: plan)");
	}

	@Test
	void numericTermOnACategoricalFeature() {
		// given
		DatasetConfig dataset = Fixtures.dataset("churn", Task.BINARY,
				new Feature("tenure_months", FeatureType.CATEGORICAL), new Feature("plan", FeatureType.CATEGORICAL));
		ModelVersion version = churnLogit();
		// when / then
		assertThatThrownBy(() -> version.bind(dataset)).isInstanceOf(ModelFileException.class)
			.hasMessage(version.file() + ": the model reads feature \"tenure_months\" as numeric but dataset"
					+ " \"churn\" declares it categorical");
	}

	@Test
	void categoricalSplitOnANumericFeature() {
		// given
		DatasetConfig dataset = Fixtures.dataset("churn", Task.BINARY,
				new Feature("tenure_months", FeatureType.NUMERIC), new Feature("plan", FeatureType.NUMERIC));
		ModelVersion version = churnGbt();
		// when / then
		assertThatThrownBy(() -> version.bind(dataset)).isInstanceOf(ModelFileException.class)
			.hasMessageEndingWith("churn-gbt-v1.json: the model reads feature \"plan\" as categorical but dataset"
					+ " \"churn\" declares it numeric");
	}

	@Test
	void taskMismatch() {
		// given
		DatasetConfig dataset = Fixtures.dataset("churn", Task.REGRESSION,
				new Feature("tenure_months", FeatureType.NUMERIC), new Feature("plan", FeatureType.CATEGORICAL));
		// when / then
		assertThatThrownBy(() -> churnLogit().bind(dataset)).isInstanceOf(ModelFileException.class)
			.hasMessageEndingWith("churn-logit-v1.json: model churn-logit@1 is a binary model but dataset \"churn\""
					+ " is regression");
	}

	@Test
	void datasetNameMismatch() {
		// given
		DatasetConfig dataset = Fixtures.dataset("attrition", Task.BINARY,
				new Feature("tenure_months", FeatureType.NUMERIC), new Feature("plan", FeatureType.CATEGORICAL));
		// when / then
		assertThatThrownBy(() -> churnLogit().bind(dataset)).isInstanceOf(ModelFileException.class)
			.hasMessageEndingWith(
					"churn-logit-v1.json: model churn-logit@1 is for dataset \"churn\", not" + " \"attrition\"");
	}

	@Test
	void versionRejectsTaskAndLinkThatDisagree() {
		// given
		LinearModel identity = new LinearModel(Link.IDENTITY, 0, List.of(), Map.of());
		// when / then
		assertThatThrownBy(() -> new ModelVersion("m", "1", "d", Task.BINARY, "linear", "", null, identity))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessage("a binary model needs link logistic, not identity");
	}

}
