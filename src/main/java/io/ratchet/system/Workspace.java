package io.ratchet.system;

import java.nio.file.Path;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.DatasetConfigs;
import io.ratchet.model.ModelCatalogue;
import io.ratchet.model.ModelRegistry;
import io.ratchet.requirement.Requirements;

import org.springframework.stereotype.Component;

/**
 * The files a job works from, read fresh on every call so that a long-running process sees edits: dataset configs,
 * the model catalogue, the champion/candidate registry and the requirements.
 */
@Component
public class Workspace {

	private final RatchetPaths paths;

	public Workspace(RatchetPaths paths) {
		this.paths = paths;
	}

	public RatchetPaths paths() {
		return this.paths;
	}

	public DatasetConfig dataset(String name) {
		return DatasetConfigs.load(this.paths.config(), name);
	}

	public Path datasetDir(String name) {
		return this.paths.data().resolve(name);
	}

	public ModelCatalogue models() {
		return ModelCatalogue.scan(this.paths.config().resolve("models"));
	}

	public ModelRegistry registry() {
		return ModelRegistry.load(this.paths.config().resolve("registry.yml"));
	}

	public Requirements requirements() {
		return Requirements.load(this.paths.config().resolve("requirements.yml"));
	}

	/** The folder of one run's report: {@code reports/<job>/<run>/}. */
	public Path reportDir(String job, long runId) {
		return this.paths.reports().resolve(job).resolve(Long.toString(runId));
	}

}
