package io.ratchet.model;

import io.ratchet.data.Task;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Converting scikit-learn exports (the oracle's {@code model-*.json} shape) into model
 * files.
 */
class SklearnExportTests {

	private static final String EXPORT = Fixtures
		.json("""
				{
				 'name': 'rides-ridge',
				 'task': 'regression',
				 'training': {'window': ['2011-01', '2011-12'], 'rows': 8645, 'alpha': 1.0},
				 'intercept': 120.5,
				 'terms': [
				  {'feature': 'temp', 'type': 'numeric', 'impute_missing_with': 0.49, 'center': 0.48, 'scale': 0.2, 'weight': 36.5},
				  {'feature': 'season', 'type': 'categorical', 'weights': {'1': -34.1, '2': 7.8}, 'unknown_or_missing_weight': 0.0}
				 ],
				 'link': 'identity: prediction = intercept + sum of terms',
				 'numeric_term': 'weight * ((x if present else impute_missing_with) - center) / scale',
				 'categorical_term': 'weights[value] if value is a known level, else unknown_or_missing_weight'
				}
				""");

	@TempDir
	Path dir;

	@Test
	void convertsTermsLinkAndTraining() {
		// given
		Path export = Fixtures.write(this.dir, "model-rides-ridge.json", EXPORT);
		// when
		String text = SklearnExport.toRatchetJson(export, "rides", "3");
		ModelVersion version = ModelFiles.load(Fixtures.write(this.dir, "rides-ridge-v3.json", text));
		// then
		assertThat(version.key()).isEqualTo("rides-ridge@3");
		assertThat(version.dataset()).isEqualTo("rides");
		assertThat(version.task()).isEqualTo(Task.REGRESSION);
		LinearModel model = (LinearModel) version.definition();
		assertThat(model.link()).isEqualTo(Link.IDENTITY);
		assertThat(model.intercept()).isEqualTo(120.5);
		assertThat(model.terms()).containsExactly(new LinearModel.NumericTerm("temp", 0.49, 0.48, 0.2, 36.5),
				new LinearModel.CategoricalTerm("season", Map.of("1", -34.1, "2", 7.8), 0.0));
		assertThat(model.training()).containsEntry("rows", 8645)
			.containsEntry("alpha", 1.0)
			.containsEntry("window", List.of("2011-01", "2011-12"));
	}

	@Test
	void logisticExportBecomesABinaryLogisticModel() {
		// given
		String logistic = EXPORT.replace("\"regression\"", "\"binary\"")
			.replace("identity: prediction = intercept + sum of terms", "logistic: p = 1/(1+exp(-z))");
		Path export = Fixtures.write(this.dir, "model-rain.json", logistic);
		// when
		String text = SklearnExport.toRatchetJson(export, "weather", "1");
		// then
		ModelVersion version = ModelFiles.load(Fixtures.write(this.dir, "rain.json", text));
		assertThat(version.task()).isEqualTo(Task.BINARY);
		assertThat(version.definition().link()).isEqualTo(Link.LOGISTIC);
	}

	@Test
	void unknownFieldInTheExport() {
		// given
		Path export = Fixtures.write(this.dir, "model-x.json", EXPORT.replace("\"center\"", "\"centre\""));
		// when
		ModelFileException ex = catchThrowableOfType(ModelFileException.class,
				() -> SklearnExport.toRatchetJson(export, "rides", "1"));
		// then
		assertThat(ex).hasMessageStartingWith(export + " line 7: unknown field \"centre\" in terms[0]");
	}

	@Test
	void unknownLink() {
		// given
		Path export = Fixtures.write(this.dir, "model-x.json", EXPORT.replace("identity: prediction", "probit: p"));
		// when
		ModelFileException ex = catchThrowableOfType(ModelFileException.class,
				() -> SklearnExport.toRatchetJson(export, "rides", "1"));
		// then
		assertThat(ex).hasMessage(export + " line 10: link: the link must start with \"logistic\" or \"identity\", not"
				+ " \"probit: p = intercept + sum of terms\"");
	}

	@Test
	void unexpectedFormula() {
		// given
		Path export = Fixtures.write(this.dir, "model-x.json",
				EXPORT.replace("- center) / scale", "- center) * scale"));
		// when
		ModelFileException ex = catchThrowableOfType(ModelFileException.class,
				() -> SklearnExport.toRatchetJson(export, "rides", "1"));
		// then
		assertThat(ex).hasMessageStartingWith(export + " line 11: numeric_term: unexpected formula");
	}

	@Test
	void zeroScaleInTheExport() {
		// given
		Path export = Fixtures.write(this.dir, "model-x.json", EXPORT.replace("\"scale\": 0.2", "\"scale\": 0"));
		// when
		ModelFileException ex = catchThrowableOfType(ModelFileException.class,
				() -> SklearnExport.toRatchetJson(export, "rides", "1"));
		// then
		assertThat(ex).hasMessage(export + " line 7: terms[0].scale: must not be 0 (it divides x - center)");
	}

	@Test
	void missingIntercept() {
		// given
		Path export = Fixtures.write(this.dir, "model-x.json",
				EXPORT.replace(" 'intercept': 120.5,", "").replace("\"intercept\": 120.5,", ""));
		// when
		ModelFileException ex = catchThrowableOfType(ModelFileException.class,
				() -> SklearnExport.toRatchetJson(export, "rides", "1"));
		// then
		assertThat(ex).hasMessage(export + " line 1: intercept: missing required field (or null)");
	}

}
