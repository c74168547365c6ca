package io.ratchet.model;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Scanning {@code config/models} and looking versions up. */
class ModelCatalogueTests {

	@TempDir
	Path dir;

	@Test
	void scansEveryJsonFileIncludingSubFolders() {
		// given
		Fixtures.write(this.dir, "churn-logit-v1.json", Fixtures.churnLogit("1"));
		Fixtures.write(this.dir, "churn-logit-v2.json", Fixtures.churnLogit("2"));
		Fixtures.write(this.dir, "gbt/churn-gbt-v1.json", Fixtures.churnGbt("1"));
		Fixtures.write(this.dir, "rides-gbt.json",
				Fixtures.churnGbt("1")
					.replace("churn-gbt", "rides-gbt")
					.replace("\"dataset\": \"churn\"", "\"dataset\": \"rides\""));
		Fixtures.write(this.dir, "notes.txt", "not a model");
		// when
		ModelCatalogue catalogue = ModelCatalogue.scan(this.dir);
		// then
		assertThat(catalogue.keys()).containsExactly("churn-gbt@1", "churn-logit@1", "churn-logit@2", "rides-gbt@1");
		assertThat(catalogue.forDataset("churn")).extracting(ModelVersion::key)
			.containsExactly("churn-gbt@1", "churn-logit@1", "churn-logit@2");
		assertThat(catalogue.forDataset("rides")).extracting(ModelVersion::key).containsExactly("rides-gbt@1");
		assertThat(catalogue.forDataset("nothing")).isEmpty();
		assertThat(catalogue.all()).hasSize(4);
		assertThat(catalogue.get("churn-gbt@1").file()).isEqualTo(this.dir.resolve("gbt/churn-gbt-v1.json"));
	}

	@Test
	void nameAloneIsTheHighestVersionComparedAsNumbers() {
		// given
		Fixtures.write(this.dir, "a.json", Fixtures.churnLogit("9"));
		Fixtures.write(this.dir, "b.json", Fixtures.churnLogit("10"));
		Fixtures.write(this.dir, "c.json", Fixtures.churnLogit("2"));
		// when
		ModelCatalogue catalogue = ModelCatalogue.scan(this.dir);
		// then
		assertThat(catalogue.get("churn-logit").version()).isEqualTo("10");
		assertThat(catalogue.get("churn-logit@9").version()).isEqualTo("9");
		assertThat(catalogue.keys()).containsExactly("churn-logit@2", "churn-logit@9", "churn-logit@10");
	}

	@Test
	void versionOrderComparesDottedAndTextualParts() {
		assertThat(Versions.compare("1.9", "1.10")).isNegative();
		assertThat(Versions.compare("2", "10")).isNegative();
		assertThat(Versions.compare("1.2", "1.2.1")).isNegative();
		assertThat(Versions.compare("b", "a")).isPositive();
		assertThat(Versions.compare("2024-02", "2024-10")).isNegative();
	}

	@Test
	void unknownKeyListsTheKnownKeys() {
		// given
		Fixtures.write(this.dir, "a.json", Fixtures.churnLogit("1"));
		ModelCatalogue catalogue = ModelCatalogue.scan(this.dir);
		// when / then
		assertThatThrownBy(() -> catalogue.get("churn-logit@3")).isInstanceOf(UnknownModelException.class)
			.hasMessage("unknown model \"churn-logit@3\" (known: churn-logit@1)");
		assertThatThrownBy(() -> catalogue.get("churn-gbt")).isInstanceOf(UnknownModelException.class)
			.hasMessageContaining("churn-gbt");
	}

	@Test
	void twoFilesWithTheSameKeyAreNamedBoth() {
		// given
		Path first = Fixtures.write(this.dir, "a.json", Fixtures.churnLogit("1"));
		Path second = Fixtures.write(this.dir, "b.json", Fixtures.churnLogit("1"));
		// when / then
		assertThatThrownBy(() -> ModelCatalogue.scan(this.dir)).isInstanceOf(ModelFileException.class)
			.hasMessage(second + ": model churn-logit@1 is also defined in " + first
					+ "; each name@version must be in one file only");
	}

	@Test
	void brokenFileIsNamed() {
		// given
		Fixtures.write(this.dir, "a.json", Fixtures.churnLogit("1"));
		Path broken = Fixtures.write(this.dir, "b.json",
				Fixtures.churnLogit("2").replace("\"scale\": 5.0", "\"scale\": 0"));
		// when / then
		assertThatThrownBy(() -> ModelCatalogue.scan(this.dir)).isInstanceOf(ModelFileException.class)
			.hasMessageStartingWith(broken + " line 11: terms[0].scale: must not be 0");
	}

	@Test
	void missingFolderIsAnError() {
		assertThatThrownBy(() -> ModelCatalogue.scan(this.dir.resolve("absent"))).isInstanceOf(ModelFileException.class)
			.hasMessageEndingWith("absent: the models folder does not exist");
	}

	@Test
	void emptyFolderIsAnEmptyCatalogue() {
		assertThat(ModelCatalogue.scan(this.dir).all()).isEmpty();
	}

}
