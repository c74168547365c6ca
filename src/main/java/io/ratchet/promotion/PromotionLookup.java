package io.ratchet.promotion;

import java.nio.file.Path;
import java.util.Locale;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.DatasetConfigException;
import io.ratchet.model.ModelRegistry;
import io.ratchet.model.ModelVersion;
import io.ratchet.run.ResultsStore;
import io.ratchet.run.RunModel;
import io.ratchet.run.RunRecord;
import io.ratchet.run.RunStatus;
import io.ratchet.workspace.Workspace;

import org.springframework.stereotype.Component;

/**
 * Resolves what a promotion, a rollback or the gate is given (a dataset, a model key, a
 * run) into the workspace's configuration and the stored runs, refusing with a
 * {@link PromotionException} that changes nothing: an unknown dataset or version, a model
 * of another dataset, a candidate that already is champion, a run that did not score a
 * model or scored another file.
 */
@Component
class PromotionLookup {

	private final Workspace workspace;

	private final ResultsStore results;

	private final PromotionProperties properties;

	PromotionLookup(Workspace workspace, ResultsStore results, PromotionProperties properties) {
		this.workspace = workspace;
		this.results = results;
		this.properties = properties;
	}

	DatasetConfig dataset(String dataset) {
		try {
			return this.workspace.dataset(dataset);
		}
		catch (DatasetConfigException ex) {
			throw new PromotionException(ex.getMessage(), ex);
		}
	}

	/** The settings that apply to a dataset. */
	PromotionSettings settings(String dataset) {
		return this.properties.forDataset(dataset, dataset(dataset).task());
	}

	/** The version with that key, checked to score the dataset. */
	ModelVersion version(String dataset, String key) {
		ModelVersion version = this.workspace.models()
			.find(key)
			.filter((found) -> key.contains("@"))
			.orElseThrow(() -> new PromotionException("unknown model version " + key + " (known versions of dataset \""
					+ dataset + "\": "
					+ String.join(", ",
							this.workspace.models().forDataset(dataset).stream().map(ModelVersion::key).toList())
					+ "); nothing was changed"));
		if (!version.dataset().equals(dataset)) {
			throw new PromotionException(key + " is a model of dataset \"" + version.dataset() + "\" (" + version.file()
					+ "), not of \"" + dataset + "\"; nothing was changed");
		}
		return version;
	}

	/** The dataset's champion, refusing a candidate that already is champion. */
	String champion(String dataset, String candidateKey) {
		ModelRegistry registry = this.workspace.registry();
		String champion = registry.champion(dataset)
			.orElseThrow(() -> new PromotionException(
					"dataset \"" + dataset + "\" has no champion in " + registry.file() + "; set one there first"));
		if (champion.equals(candidateKey)) {
			throw new PromotionException(
					candidateKey + " is already the champion of \"" + dataset + "\"; nothing was changed");
		}
		return champion;
	}

	/** The stored run with that id. */
	RunRecord run(long runId) {
		return this.results.run(runId).orElseThrow(() -> new PromotionException("there is no run " + runId));
	}

	/** A completed back-test (or challenge) run of the dataset. */
	RunRecord evidenceRun(String dataset, long runId) {
		RunRecord run = run(runId);
		if (!run.dataset().equals(dataset) || run.jobKind().filter(PromotionStore.EVIDENCE_JOBS::contains).isEmpty()
				|| !run.is(RunStatus.COMPLETED)) {
			throw new PromotionException("run " + runId + " is a " + run.status().toLowerCase(Locale.ROOT) + " "
					+ run.jobName() + " of dataset \"" + run.dataset() + "\", not a completed back-test of \"" + dataset
					+ "\"");
		}
		return run;
	}

	/**
	 * How the run stored a version, refused when the run did not score it or the
	 * version's file changed since.
	 */
	RunModel scored(RunRecord run, ModelVersion version) {
		RunModel scored = this.results.runModels(run.id())
			.stream()
			.filter((model) -> model.key().equals(version.key()))
			.findFirst()
			.orElseThrow(() -> new PromotionException("run " + run.id() + " did not score " + version.key()
					+ "; back-test it beside the champion: jobs/backtest --dataset " + run.dataset()));
		if (!scored.sha256().equals(version.sha256())) {
			throw new PromotionException("the file of " + version.key() + " (" + version.file() + ") changed since run "
					+ run.id() + " scored it (SHA-256 " + scored.sha256().substring(0, 12) + "… then, "
					+ version.sha256().substring(0, 12) + "… now)");
		}
		return scored;
	}

	Path registryFile() {
		return this.workspace.paths().config().resolve("registry.yml");
	}

	Path requirementsFile() {
		return this.workspace.paths().config().resolve("requirements.yml");
	}

}
