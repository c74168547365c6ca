package io.ratchet.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.ratchet.data.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A model version's decision threshold: an optional field of its model file, in (0, 1),
 * for binary models only, written back as read, and pinned by the file's SHA-256. In
 * {@link Fixtures#churnLogit} the task is on line 6, where these tests put the threshold.
 */
class ModelThresholdTests {

	private static final String TASK = "\"task\": \"binary\",";

	@TempDir
	Path dir;

	@Test
	void aFileWithoutThresholdTakesTheConfiguredDefault() {
		// given
		Path file = Fixtures.write(this.dir, "churn-logit-v1.json", Fixtures.churnLogit("1"));

		// when
		ModelVersion version = ModelFiles.load(file);

		// then
		assertThat(version.threshold()).isNull();
		assertThat(version.thresholdOr(0.5)).isEqualTo(0.5);
		assertThat(version.thresholdOr(0.42)).isEqualTo(0.42);
	}

	@Test
	void aFileWithThresholdKeepsItsOwn() {
		// given
		Path file = Fixtures.write(this.dir, "churn-logit-v1.json", withThreshold("0.35"));

		// when
		ModelVersion version = ModelFiles.load(file);

		// then
		assertThat(version.threshold()).isEqualTo(0.35);
		assertThat(version.thresholdOr(0.5)).isEqualTo(0.35);
	}

	@Test
	void theThresholdIsWrittenAndReadBack() {
		// given
		ModelVersion read = ModelFiles.load(Fixtures.write(this.dir, "a.json", Fixtures.churnLogit("1")));

		// when
		String text = ModelFiles.toJson(read.name(), read.version(), read.dataset(), read.task(), read.definition(),
				0.35);
		String without = ModelFiles.toJson(read.name(), read.version(), read.dataset(), read.task(), read.definition());
		ModelVersion again = ModelFiles.load(Fixtures.write(this.dir, "b.json", text));

		// then: one line more, the numbers unchanged
		assertThat(text).contains("\"threshold\" : 0.35");
		assertThat(text.replace("  \"threshold\" : 0.35,\n", "")).isEqualTo(without);
		assertThat(again.threshold()).isEqualTo(0.35);
		assertThat(again.definition()).isEqualTo(read.definition());
	}

	@Test
	void withThresholdSetsItOnAConvertedModelWithoutTouchingTheNumbers() {
		// given
		ModelVersion read = ModelFiles.load(Fixtures.write(this.dir, "a.json", Fixtures.churnGbt("1")));
		String converted = ModelFiles.toJson(read.name(), read.version(), read.dataset(), read.task(),
				read.definition());

		// when
		String text = ModelFiles.withThreshold(converted, 0.2, this.dir.resolve("a.json"));

		// then
		assertThat(text.replace("  \"threshold\" : 0.2,\n", "")).isEqualTo(converted);
		assertThat(ModelFiles.load(Fixtures.write(this.dir, "c.json", text)).threshold()).isEqualTo(0.2);
	}

	@Test
	void theSha256PinCoversTheThreshold() {
		// given: the same model at two thresholds
		ModelVersion low = ModelFiles.load(Fixtures.write(this.dir, "low.json", withThreshold("0.35")));
		ModelVersion high = ModelFiles.load(Fixtures.write(this.dir, "high.json", withThreshold("0.36")));
		ModelVersion none = ModelFiles.load(Fixtures.write(this.dir, "none.json", Fixtures.churnLogit("1")));

		// then: a threshold edited under the same version is a different file
		assertThat(low.sha256()).isNotEqualTo(high.sha256()).isNotEqualTo(none.sha256());
		assertThat(low.definition()).isEqualTo(high.definition());
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					zero              | 0      | threshold: the decision threshold must be a number between 0 and 1 (both excluded), not 0.0
					one               | 1.0    | threshold: the decision threshold must be a number between 0 and 1 (both excluded), not 1.0
					above one         | 1.5    | threshold: the decision threshold must be a number between 0 and 1 (both excluded), not 1.5
					negative          | -0.2   | threshold: the decision threshold must be a number between 0 and 1 (both excluded), not -0.2
					a string          | "0.3"  | wrong type for threshold: expected a number, found a string
					null              | null   | threshold: null is not allowed (give a value, or leave out a field that does not apply)
					""")
	void aBadThresholdIsRefusedWithTheFileLineAndCause(String title, String value, String reason) {
		// given
		Path file = Fixtures.write(this.dir, "bad.json", withThreshold(value));

		// when
		ModelFileException ex = catchThrowableOfType(ModelFileException.class, () -> ModelFiles.load(file));

		// then
		assertThat(ex).isNotNull();
		assertThat(ex.file()).isEqualTo(file);
		assertThat(ex.line()).isEqualTo(6);
		assertThat(ex.reason()).isEqualTo(reason);
		assertThat(ex.getMessage()).startsWith(file.toString());
	}

	@Test
	void aRegressionModelHasNoThreshold() {
		// given
		String text = Fixtures.json("""
				{'format': 'ratchet-model/1', 'name': 'rides-lm', 'version': '1', 'dataset': 'rides',
				 'task': 'regression', 'threshold': 0.5, 'kind': 'linear', 'link': 'identity', 'intercept': 1.0,
				 'terms': []}
				""");
		Path file = Fixtures.write(this.dir, "rides-lm-v1.json", text);

		// when
		ModelFileException ex = catchThrowableOfType(ModelFileException.class, () -> ModelFiles.load(file));

		// then
		assertThat(ex.line()).isEqualTo(2);
		assertThat(ex.reason())
			.isEqualTo("threshold: a decision threshold belongs to a binary model only, not a regression model");
		String regression = ModelFiles.toJson("rides-lm", "1", "rides", Task.REGRESSION,
				new LinearModel(Link.IDENTITY, 1.0, List.of(), Map.of()));
		assertThat(
				catchThrowableOfType(ModelFileException.class, () -> ModelFiles.withThreshold(regression, 0.5, file)))
			.hasMessageContaining("belongs to a binary model only");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ModelVersion("rides-lm", "1", "rides", Task.REGRESSION, LinearModel.KIND, "", file,
					new LinearModel(Link.IDENTITY, 1.0, List.of(), Map.of()), 0.5));
	}

	private static String withThreshold(String value) {
		return Fixtures.churnLogit("1").replace(TASK, TASK + " \"threshold\": " + value + ",");
	}

}
