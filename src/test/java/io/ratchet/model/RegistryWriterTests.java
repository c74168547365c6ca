package io.ratchet.model;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Registry writes: only the dataset's entry changes, validated, atomic. */
class RegistryWriterTests {

	static final String REGISTRY = """
			# the registry
			churn:
			  champion: churn-logit@1   # since March
			  candidates:
			    - churn-logit@2
			    - churn-gbt@1

			# another dataset
			rain:
			  champion: rain-logit@3
			""";

	@TempDir
	Path dir;

	@Test
	void aPromotionMakesThePreviousChampionTheFirstCandidateAndLeavesOtherDatasetsAlone() throws Exception {
		// given
		Path file = write(REGISTRY);

		// when
		var previous = RegistryWriter.promote(file, "churn", "churn-gbt@1");

		// then
		assertThat(previous).contains("churn-logit@1");
		assertThat(Files.readString(file)).isEqualTo("""
				# the registry
				churn:
				  champion: churn-gbt@1
				  candidates: [churn-logit@1, churn-logit@2]

				# another dataset
				rain:
				  champion: rain-logit@3
				""");
		ModelRegistry registry = ModelRegistry.load(file);
		assertThat(registry.champion("rain")).contains("rain-logit@3");
		assertThat(registry.contenders("churn")).containsExactly("churn-gbt@1", "churn-logit@1", "churn-logit@2");
		assertThat(Files.list(this.dir)).hasSize(1);
	}

	@Test
	void candidatesAreAddedOnceAndRemoved() throws Exception {
		// given
		Path file = write(REGISTRY);

		// when
		RegistryWriter.addCandidate(file, "rain", "rain-logit@4");
		RegistryWriter.addCandidate(file, "rain", "rain-logit@4");
		RegistryWriter.addCandidate(file, "snow", "snow-logit@1");
		RegistryWriter.removeCandidate(file, "churn", "churn-logit@2");

		// then
		ModelRegistry registry = ModelRegistry.load(file);
		assertThat(registry.candidates("rain")).containsExactly("rain-logit@4");
		assertThat(registry.candidates("snow")).containsExactly("snow-logit@1");
		assertThat(registry.champion("snow")).isEmpty();
		assertThat(registry.candidates("churn")).containsExactly("churn-gbt@1");
		assertThat(Files.readString(file)).startsWith("# the registry\nchurn:\n")
			.contains("# another dataset\nrain:\n");
		assertThatIllegalArgumentException().isThrownBy(() -> RegistryWriter.addCandidate(file, "rain", "rain-logit@3"))
			.withMessageContaining("is the champion");
	}

	@Test
	void anInvalidResultIsRefusedAndTheFileIsLeftAsItWas() throws Exception {
		// given
		Path file = write(REGISTRY);

		// then
		assertThatExceptionOfType(ModelFileException.class)
			.isThrownBy(() -> RegistryWriter.addCandidate(file, "churn", "not a key"))
			.withMessageContaining("is not a model key");
		assertThat(Files.readString(file)).isEqualTo(REGISTRY);
		assertThat(Files.list(this.dir)).hasSize(1);
	}

	@Test
	void aMissingFileIsCreated() throws Exception {
		Path file = this.dir.resolve("registry.yml");

		RegistryWriter.addCandidate(file, "churn", "churn-logit@2");

		assertThat(Files.readString(file)).isEqualTo("churn:\n  candidates: [churn-logit@2]\n");
	}

	private Path write(String text) throws Exception {
		Path file = this.dir.resolve("registry.yml");
		Files.writeString(file, text);
		return file;
	}

}
