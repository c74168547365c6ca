package io.ratchet.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ratchet.requirement.RequirementsException;
import io.ratchet.system.RatchetDefaults;
import io.ratchet.system.RatchetPaths;
import io.ratchet.workspace.Workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The dataset of a job command: {@code --dataset}, else {@code ratchet.defaults.dataset},
 * else a usage error.
 */
class JobDatasetTests {

	@TempDir
	Path root;

	@Test
	void withoutDatasetOrDefaultTheCommandLineIsRefusedNamingTheSetting() {
		// given: no ratchet.defaults.dataset configured
		JobDataset datasets = new JobDataset(new RatchetDefaults(null, 0.5), workspace());

		// then: a usage error (exit 2)
		assertThatExceptionOfType(UsageException.class).isThrownBy(() -> datasets.name(null))
			.withMessageContaining("no --dataset given")
			.withMessageContaining("ratchet.defaults.dataset");
	}

	@Test
	void theDefaultIsUsedWithoutDatasetAndTheOptionWinsOverIt() throws IOException {
		// given
		toy("sales");
		toy("other");
		JobDataset datasets = new JobDataset(new RatchetDefaults("sales", 0.5), workspace());

		// then
		assertThat(datasets.name(null)).isEqualTo("sales");
		assertThat(datasets.name("other")).isEqualTo("other");
	}

	@Test
	void aDatasetWithoutRequirementsIsRefusedByTheCheck() throws IOException {
		// given: "sales" has requirements, "unjudged" a configuration but none
		toy("sales");
		toy("unjudged");
		JobDataset datasets = new JobDataset(new RatchetDefaults("sales", 0.5), workspace());

		// then
		assertThatNoException().isThrownBy(() -> datasets.check("sales"));
		assertThatExceptionOfType(RequirementsException.class).isThrownBy(() -> datasets.check("unjudged"))
			.withMessageContaining("\"unjudged\"");
	}

	@Test
	void anUnsafeDatasetNameIsAUsageError() {
		// given
		JobDataset datasets = new JobDataset(new RatchetDefaults("sales", 0.5), workspace());

		// then
		assertThatExceptionOfType(UsageException.class).isThrownBy(() -> datasets.name("../x"));
	}

	private void toy(String name) throws IOException {
		Path datasets = Files.createDirectories(this.root.resolve("config/datasets"));
		Files.writeString(datasets.resolve(name + ".yml"), """
				name: %s
				date: {column: day, format: yyyy-MM-dd}
				label: {column: outcome, task: binary, positive: "1", negative: "0"}
				features:
				  - {name: x, type: numeric}
				""".formatted(name));
		Files.writeString(this.root.resolve("config/requirements.yml"),
				"sales:\n  monthly:\n    roc_auc: {min: 0.6}\nother:\n  monthly:\n    roc_auc: {min: 0.6}\n");
	}

	private Workspace workspace() {
		return new Workspace(new RatchetPaths(this.root.resolve("config"), this.root.resolve("historical-data"),
				this.root.resolve("reports")));
	}

}
