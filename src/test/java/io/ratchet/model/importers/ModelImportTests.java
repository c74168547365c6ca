package io.ratchet.model.importers;

import java.nio.file.Files;
import java.nio.file.Path;

import io.ratchet.data.Task;
import io.ratchet.model.ModelCases;
import io.ratchet.model.ModelFileException;
import io.ratchet.model.ModelVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Telling formats apart, files that are no model at all, and writing an imported model
 * with its cases.
 */
class ModelImportTests {

	private static final String LINEAR = ImportFixtures.json("""
			{'name': 'shop-logit', 'task': 'binary', 'link': 'logistic', 'intercept': -1.0,
			 'terms': [{'feature': 'tenure_months', 'type': 'numeric', 'impute_missing_with': 20.0, 'center': 20.0,
			            'scale': 10.0, 'weight': -0.5}]}
			""");

	@TempDir
	Path dir;

	@Test
	void tellsTheFormatFromTheContent() {
		// given
		Path xgboost = ImportFixtures.write(this.dir, "a", XgboostImportTests.MODEL);
		Path lightgbm = ImportFixtures.write(this.dir, "b", LightgbmImportTests.MODEL);
		Path sklearn = ImportFixtures.write(this.dir, "c", SklearnTreesImportTests.BOOSTING);
		Path linear = ImportFixtures.write(this.dir, "d", LINEAR);
		// when / then
		assertThat(ModelFormat.detect(xgboost, bytes(xgboost))).isEqualTo(ModelFormat.XGBOOST);
		assertThat(ModelFormat.detect(lightgbm, bytes(lightgbm))).isEqualTo(ModelFormat.LIGHTGBM);
		assertThat(ModelFormat.detect(sklearn, bytes(sklearn))).isEqualTo(ModelFormat.SKLEARN_TREES);
		assertThat(ModelFormat.detect(linear, bytes(linear))).isEqualTo(ModelFormat.SKLEARN_LINEAR);
	}

	@Test
	void aLinearExportKeepsItsNameUnlessOneIsGiven() {
		// given
		Path file = ImportFixtures.write(this.dir, "export.json", LINEAR);
		// when
		String kept = ModelImport.convert(file, null, ImportFixtures.shop(Task.BINARY), null, "1").json();
		String renamed = ModelImport.convert(file, null, ImportFixtures.shop(Task.BINARY), "shop-renamed", "1").json();
		// then
		assertThat(kept).contains("\"name\" : \"shop-logit\"");
		assertThat(renamed).contains("\"name\" : \"shop-renamed\"");
	}

	@Test
	void aFileThatIsNoModelIsRefusedNamingIt() {
		// given
		Path text = ImportFixtures.write(this.dir, "notes.txt", "hello, this is not a model\n");
		Path empty = ImportFixtures.write(this.dir, "empty.json", "");
		Path binary = ImportFixtures.write(this.dir, "model.ubj", "{L\u0000\u0000\u0000");
		// when / then
		assertThatThrownBy(() -> convert(text, null)).isInstanceOf(ModelFileException.class)
			.hasMessageStartingWith(text + ": cannot tell which kind of model file this is")
			.hasMessageEndingWith("give --format xgboost|lightgbm|sklearn-trees|sklearn-linear");
		assertThatThrownBy(() -> convert(text, ModelFormat.XGBOOST)).isInstanceOf(ModelFileException.class)
			.hasMessageStartingWith(text + " line 1: not valid JSON at column ");
		assertThatThrownBy(() -> convert(text, ModelFormat.SKLEARN_TREES)).isInstanceOf(ModelFileException.class)
			.hasMessageStartingWith(text + " line 1: not valid JSON at column ");
		assertThatThrownBy(() -> convert(text, ModelFormat.LIGHTGBM)).isInstanceOf(ModelFileException.class)
			.hasMessage(text + " line 1: not a LightGBM text model (its first line is \"tree\")");
		assertThatThrownBy(() -> convert(empty, null)).isInstanceOf(ModelFileException.class)
			.hasMessage(empty + ": the file is empty");
		assertThatThrownBy(() -> convert(binary, null)).isInstanceOf(ModelFileException.class)
			.hasMessageContaining("a binary file (XGBoost's UBJSON?) is not supported: save the model as JSON");
	}

	@Test
	void installWritesTheModelAndItsCasesOnceAndNeverReplacesThem() {
		// given
		Path models = this.dir.resolve("config/models");
		ModelImport.Result result = convert(
				ImportFixtures.write(this.dir, "m.json",
						XgboostImportTests.MODEL.replace("OBJECTIVE", "reg:squarederror").replace("BASE", "[1E1]")),
				null);
		// when
		ModelVersion version = ModelImport.install(result, models, ImportFixtures.shop(Task.REGRESSION));
		// then
		assertThat(version.file()).isEqualTo(models.resolve("shop-xgboost-v1.json"));
		assertThat(ModelCases.check(version, ImportFixtures.shop(Task.REGRESSION)).passed()).isTrue();
		assertThatThrownBy(() -> ModelImport.install(result, models, ImportFixtures.shop(Task.REGRESSION)))
			.isInstanceOf(ModelFileException.class)
			.hasMessageContaining("already exists: model shop-xgboost@1 is imported already");
		assertThat(models.toFile().list()).containsExactlyInAnyOrder("shop-xgboost-v1.json",
				"shop-xgboost-v1.cases.csv");
	}

	private static ModelImport.Result convert(Path file, ModelFormat format) {
		return ModelImport.convert(file, format, ImportFixtures.shop(Task.REGRESSION), null, "1");
	}

	private static byte[] bytes(Path file) {
		try {
			return Files.readAllBytes(file);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
