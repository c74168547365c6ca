package io.ratchet.promotion;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A failed promotion or rollback leaves registry.yml and requirements.yml as they were.
 */
class ConfigBackupTests {

	@TempDir
	Path dir;

	@Test
	void aChangeThatSucceedsKeepsItsFilesAndGivesItsResult() throws Exception {
		// given
		Path registry = Files.writeString(this.dir.resolve("registry.yml"), "churn: {champion: a@1}\n");

		// when
		String result = ConfigBackup.of(registry).restoringOnFailure(() -> {
			ConfigBackup.writeAtomically(registry, "churn: {champion: b@1}\n");
			return "done";
		});

		// then
		assertThat(result).isEqualTo("done");
		assertThat(registry).hasContent("churn: {champion: b@1}");
	}

	@Test
	void aChangeThatFailsPutsEveryFileBackAndDeletesAFileThatWasNotThere() throws Exception {
		// given: a registry and no requirements file yet
		Path registry = Files.writeString(this.dir.resolve("registry.yml"), "churn: {champion: a@1}\n");
		Path requirements = this.dir.resolve("requirements.yml");

		// when: both are written, then the change fails
		assertThatIllegalStateException()
			.isThrownBy(() -> ConfigBackup.of(registry, requirements).restoringOnFailure(() -> {
				ConfigBackup.writeAtomically(registry, "churn: {champion: b@1}\n");
				ConfigBackup.writeAtomically(requirements, "churn: {}\n");
				throw new IllegalStateException("recording failed");
			}))
			.withMessage("recording failed");

		// then
		assertThat(registry).hasContent("churn: {champion: a@1}");
		assertThat(requirements).doesNotExist();
	}

}
