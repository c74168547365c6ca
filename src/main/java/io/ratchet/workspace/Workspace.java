package io.ratchet.workspace;

import java.nio.file.Files;
import java.nio.file.Path;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.DatasetConfigs;
import io.ratchet.model.ModelCatalogue;
import io.ratchet.model.ModelRegistry;
import io.ratchet.requirement.DatasetRequirements;
import io.ratchet.requirement.Requirements;
import io.ratchet.system.Failures;
import io.ratchet.system.FileCache;
import io.ratchet.system.RatchetPaths;
import io.ratchet.system.SafeNames;
import io.ratchet.system.UnsafeNameException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The files a job works from: dataset configs, the model catalogue, the
 * champion/candidate registry and the requirements, under {@code ratchet.paths} (see this
 * package's README). Each is parsed once and re-read as soon as a file behind it changes,
 * so a long-running process sees edits while a job that asks for the same files once per
 * month does not parse them again.
 */
@Component
public class Workspace {

	private static final Logger log = LoggerFactory.getLogger(Workspace.class);

	private final RatchetPaths paths;

	private final FileCache<DatasetConfig> datasets = new FileCache<>(DatasetConfigs::load);

	private final FileCache<ModelCatalogue> catalogues = new FileCache<>(ModelCatalogue::scan);

	private final FileCache<ModelRegistry> registries = new FileCache<>(ModelRegistry::load);

	private final FileCache<Requirements> requirements = new FileCache<>(Requirements::load);

	public Workspace(RatchetPaths paths) {
		this.paths = paths;
	}

	public RatchetPaths paths() {
		return this.paths;
	}

	public DatasetConfig dataset(String name) {
		return this.datasets.get(DatasetConfigs.fileOf(this.paths.config(), name));
	}

	/**
	 * {@code historical-data/<name>/}.
	 * @throws UnsafeNameException for a name that could reach outside the data folder
	 * (see {@link SafeNames})
	 */
	public Path datasetDir(String name) {
		return this.paths.data().resolve(SafeNames.require("dataset", name));
	}

	public ModelCatalogue models() {
		return this.catalogues.get(this.paths.config().resolve("models"));
	}

	public ModelRegistry registry() {
		return this.registries.get(this.paths.config().resolve("registry.yml"));
	}

	public Requirements requirements() {
		return this.requirements.get(this.paths.config().resolve("requirements.yml"));
	}

	/**
	 * The requirements a job judges a dataset by ({@link Requirements#requireFor}).
	 * @throws io.ratchet.requirement.RequirementsException when the file cannot be read,
	 * or has no requirements for the dataset and does not mark it
	 * {@code unmonitored: true}
	 */
	public DatasetRequirements requirementsFor(String dataset) {
		return requirements().requireFor(dataset);
	}

	/**
	 * As {@link #requirementsFor}, once at the start of a job: also logs the dataset keys
	 * of the requirements file that name no dataset (warnings: see
	 * {@link Requirements#unknownDatasets}) and that the dataset is unmonitored, and
	 * refuses a bound on a metric the dataset does not have
	 * ({@link DatasetRequirements#requireMetricsOf}).
	 */
	public DatasetRequirements checkRequirements(String dataset) {
		Requirements requirements = requirements();
		DatasetRequirements judged = requirements.requireFor(dataset);
		judged.requireMetricsOf(dataset(dataset), requirements.at(dataset));
		requirements
			.unknownDatasets(DatasetConfigs.names(this.paths.config()), this.paths.config().resolve("datasets") + "/")
			.forEach((warning) -> log.warn("{}", warning));
		if (requirements.isUnmonitored(dataset)) {
			log.warn("Dataset {} is marked unmonitored ({}): its figures are stored and reported, nothing is judged",
					dataset, requirements.at(dataset));
		}
		return judged;
	}

	/**
	 * Checks, before a job is scheduled, that it could run on the dataset: its
	 * configuration loads, it has requirements ({@link #requirementsFor}) and its folder
	 * of month files exists.
	 * @throws IllegalArgumentException saying what is missing or wrong
	 */
	public void requireRunnable(String dataset) {
		try {
			dataset(dataset);
			requirementsFor(dataset);
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException(Failures.describe(ex), ex);
		}
		if (!Files.isDirectory(datasetDir(dataset))) {
			throw new IllegalArgumentException("dataset '" + dataset + "' has no data folder " + datasetDir(dataset)
					+ " (import its data with jobs/import)");
		}
	}

	/** The folder of one run's report: {@code reports/<job>/<run>/}. */
	public Path reportDir(String job, long runId) {
		return this.paths.reports().resolve(job).resolve(Long.toString(runId));
	}

}
