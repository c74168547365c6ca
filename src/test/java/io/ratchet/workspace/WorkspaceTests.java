package io.ratchet.workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ratchet.system.RatchetPaths;
import io.ratchet.system.UnsafeNameException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The workspace: where a dataset's files are, and whether a job could run on it (the
 * schedules' start-up check).
 */
class WorkspaceTests {

	private static final String DATASET_YML = """
			name: toy
			date: {column: day, format: yyyy-MM-dd}
			label: {column: outcome, task: binary, positive: "1", negative: "0"}
			features:
			  - {name: x, type: numeric}
			""";

	@TempDir
	Path root;

	@Test
	void theWorkspaceRefusesADatasetFolderOutsideTheDataFolder() {
		// given
		Workspace workspace = new Workspace(
				new RatchetPaths(Path.of("config"), Path.of("historical-data"), Path.of("reports")));
		// then
		assertThat(workspace.datasetDir("churn")).isEqualTo(Path.of("historical-data/churn"));
		assertThatExceptionOfType(UnsafeNameException.class).isThrownBy(() -> workspace.datasetDir("../config"))
			.withMessageContaining("invalid dataset name '../config'");
		assertThatExceptionOfType(UnsafeNameException.class).isThrownBy(() -> workspace.datasetDir("x\u0000"))
			.withMessageContaining("'x\\u0000'");
	}

	@Test
	void aDatasetWithItsConfigurationRequirementsAndDataFolderIsRunnable() throws IOException {
		// given
		write("config/datasets/toy.yml", DATASET_YML);
		write("config/requirements.yml", "toy:\n  monthly:\n    roc_auc: {min: 0.6}\n");
		Files.createDirectories(this.root.resolve("historical-data/toy"));

		// then
		assertThatNoException().isThrownBy(() -> workspace().requireRunnable("toy"));
	}

	@Test
	void aDatasetWithoutRequirementsIsNotRunnable() throws IOException {
		// given
		write("config/datasets/toy.yml", DATASET_YML);
		write("config/requirements.yml", "other:\n  monthly:\n    roc_auc: {min: 0.6}\n");
		Files.createDirectories(this.root.resolve("historical-data/toy"));

		// then
		assertThatIllegalArgumentException().isThrownBy(() -> workspace().requireRunnable("toy"))
			.withMessageContaining("\"toy\"");
	}

	@Test
	void aDatasetWithoutItsDataFolderIsNotRunnableAndTheMessageSaysHowToImport() throws IOException {
		// given
		write("config/datasets/toy.yml", DATASET_YML);
		write("config/requirements.yml", "toy:\n  monthly:\n    roc_auc: {min: 0.6}\n");

		// then
		assertThatIllegalArgumentException().isThrownBy(() -> workspace().requireRunnable("toy"))
			.withMessage("dataset 'toy' has no data folder " + this.root.resolve("historical-data/toy")
					+ " (import its data with jobs/import)");
	}

	private Workspace workspace() {
		return new Workspace(new RatchetPaths(this.root.resolve("config"), this.root.resolve("historical-data"),
				this.root.resolve("reports")));
	}

	private void write(String relative, String content) throws IOException {
		Path file = this.root.resolve(relative);
		Files.createDirectories(file.getParent());
		Files.writeString(file, content);
	}

}
