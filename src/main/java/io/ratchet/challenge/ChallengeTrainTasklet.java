package io.ratchet.challenge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.MonthFiles;
import io.ratchet.data.Row;
import io.ratchet.model.LinearModel;
import io.ratchet.model.ModelCases;
import io.ratchet.model.ModelDefinition;
import io.ratchet.model.ModelFiles;
import io.ratchet.model.ModelVersion;
import io.ratchet.model.RegistryWriter;
import io.ratchet.run.ResultsStore;
import io.ratchet.training.CandidateFiles;
import io.ratchet.training.SearchSpace;
import io.ratchet.training.SearchSpaces;
import io.ratchet.training.ThresholdObjective;
import io.ratchet.training.ThresholdTuning;
import io.ratchet.training.Trainer;
import io.ratchet.training.TrainingData;
import io.ratchet.training.TrainingException;
import io.ratchet.training.TrainingSpec;
import io.ratchet.workspace.Workspace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Trains the search space's candidates and registers them. Every candidate is trained in
 * memory first, on the months of its window that end the month before the evaluation
 * months (the time-based split of {@link TimeSplit}), so a bad search space or a window
 * without both classes fails before any file is written or the registry touched. Then
 * each is written as a new model version with its regression cases (unless it is
 * identical to a version made earlier, which is then the candidate again: same data and
 * search point, same model; one identical to the champion is left out), added to the
 * registry as a candidate and recorded with its spec and window; if that fails half-way,
 * what this step wrote is taken back (files deleted, registry entries removed) and its
 * records roll back with the step's transaction.
 */
class ChallengeTrainTasklet implements Tasklet {

	private static final Logger progress = LoggerFactory.getLogger("io.ratchet.progress");

	private final Workspace workspace;

	private final ResultsStore results;

	private final ChallengeStore store;

	ChallengeTrainTasklet(Workspace workspace, ResultsStore results, ChallengeStore store) {
		this.workspace = workspace;
		this.results = results;
		this.store = store;
	}

	/**
	 * A candidate trained in memory, not written yet, with its tuned decision threshold
	 * ({@code null}: not tuned, the configured default applies).
	 */
	record Trained(TrainingSpec spec, TimeSplit split, long rows, LinearModel model, Double threshold, String tuning,
			Double tunedValue) {

		/**
		 * The spec as recorded and reported, with how its threshold was tuned, e.g.
		 * {@code "...; threshold tuned on 2025-01..2025-12 for f1: 0.35"}; for the
		 * business value, with the value that made it the choice:
		 * {@code "... for business_value (highest, 1234.5 on the window): 0.35"}.
		 */
		String description() {
			if (this.threshold == null) {
				return this.spec.label();
			}
			String why = (this.tunedValue != null && "business_value".equals(this.tuning))
					? " (highest, " + this.tunedValue + " on the window)" : "";
			return this.spec.label() + "; threshold tuned on " + this.split.trainFrom() + ".." + this.split.trainTo()
					+ " for " + this.tuning + why + ": " + this.threshold;
		}

	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
		JobExecution job = chunkContext.getStepContext().getStepExecution().getJobExecution();
		ChallengeParameters parameters = ChallengeParameters.from(job.getJobParameters());
		long runId = job.getJobInstance().getInstanceId();
		DatasetConfig dataset = this.workspace.dataset(parameters.dataset());
		ModelVersion champion = ChallengeCheckTasklet.champion(this.workspace, dataset.name());
		SearchSpace space = SearchSpaces.load(this.workspace.paths().config(), dataset.name());
		List<TrainingSpec> specs = space.specs();
		if (specs.isEmpty()) {
			throw new IllegalStateException(SearchSpaces.fileOf(this.workspace.paths().config(), dataset.name())
					+ ": the search space gives no candidate to train");
		}
		Set<YearMonth> available = MonthFiles.list(this.workspace.datasetDir(dataset.name())).keySet();
		List<YearMonth> evaluation = TimeSplit.evaluationMonths(available, parameters.asOf().toLocalDate(),
				space.evaluationMonths());
		this.store.open(runId, dataset.name(), champion.key(), null, evaluation.get(0).toString(),
				evaluation.get(evaluation.size() - 1).toString());
		this.results.describeRun(runId, evaluation.get(0).toString(), evaluation.get(evaluation.size() - 1).toString(),
				evaluation.size(), List.of());

		List<Trained> trained = train(runId, dataset, specs, available, evaluation, space.tuneThreshold());
		List<String> keys = writeAll(runId, dataset, trained);
		new ChallengeContext(champion.key(), evaluation, keys).store(job.getExecutionContext());
		return RepeatStatus.FINISHED;
	}

	private List<Trained> train(long runId, DatasetConfig dataset, List<TrainingSpec> specs, Set<YearMonth> available,
			List<YearMonth> evaluation, String tuneThreshold) {
		Path dir = this.workspace.datasetDir(dataset.name());
		List<Trained> trained = new ArrayList<>();
		TimeSplit read = null;
		List<Row> rows = List.of();
		for (TrainingSpec spec : specs) {
			TimeSplit split = TimeSplit.of(available, evaluation, spec.windowMonths());
			// the grid varies the penalty fastest: consecutive candidates share a window,
			// read once for them all
			if (read == null || !read.trainFrom().equals(split.trainFrom())
					|| !read.trainTo().equals(split.trainTo())) {
				rows = TrainingData.read(dataset, dir, split.trainFrom(), split.trainTo());
				read = split;
			}
			LinearModel model;
			try {
				model = Trainer.fit(dataset, spec, rows);
			}
			catch (TrainingException ex) {
				throw new TrainingException("candidate " + (trained.size() + 1) + " of " + specs.size() + " ("
						+ spec.label() + ", training window " + split.trainFrom() + ".." + split.trainTo() + "): "
						+ ex.getMessage() + "; nothing was written");
			}
			Optional<ThresholdTuning.Tuned> tuned = (tuneThreshold != null) ? ThresholdTuning.tuned(dataset, model,
					rows, ThresholdObjective.forKey(tuneThreshold, dataset.valueMatrix())) : Optional.empty();
			trained.add(new Trained(spec, split, rows.size(), model,
					tuned.map(ThresholdTuning.Tuned::threshold).orElse(null), tuneThreshold,
					tuned.map(ThresholdTuning.Tuned::value).orElse(null)));
			progress.info("challenge run {}: {}/{} candidates trained ({}, window {}..{}, {} rows)", runId,
					trained.size(), specs.size(), spec.label(), split.trainFrom(), split.trainTo(), rows.size());
		}
		return trained;
	}

	private List<String> writeAll(long runId, DatasetConfig dataset, List<Trained> trained) {
		Path models = this.workspace.paths().config().resolve("models");
		Path registry = this.workspace.registry().file();
		String champion = this.workspace.registry().champion(dataset.name()).orElse(null);
		Map<String, String> existing = existingVersions(dataset);
		List<ModelVersion> written = new ArrayList<>();
		List<String> registered = new ArrayList<>();
		List<String> keys = new ArrayList<>();
		try {
			for (Trained candidate : trained) {
				String name = modelName(dataset, candidate.spec());
				String content = content(name, dataset, candidate.model(), candidate.threshold());
				String key = existing.get(content);
				String file;
				if (key == null) {
					ModelVersion version = CandidateFiles.write(models, name, dataset, candidate.model(),
							candidate.threshold());
					written.add(version);
					existing.put(content, version.key());
					key = version.key();
					file = version.file().toString();
				}
				else if (key.equals(champion) || keys.contains(key)) {
					progress.info("challenge run {}: {} is identical to {}{}: not a new candidate", runId,
							candidate.description(), key, key.equals(champion) ? ", the champion" : "");
					continue;
				}
				else {
					// the same data and search point give the same model: the version
					// made earlier is the candidate,
					// so its shadow now-tests count, and the models folder does not grow
					// night after night
					progress.info("challenge run {}: {} is identical to {}, made earlier: kept as it is", runId,
							candidate.description(), key);
					file = this.workspace.models().get(key).file().toString();
				}
				if (!this.workspace.registry().candidates(dataset.name()).contains(key)) {
					RegistryWriter.addCandidate(registry, dataset.name(), key);
					registered.add(key);
				}
				this.store.addCandidate(runId, key, candidate.description(), candidate.split().trainFrom().toString(),
						candidate.split().trainTo().toString(), candidate.rows(), file);
				keys.add(key);
			}
		}
		catch (RuntimeException ex) {
			for (String key : registered) {
				unregister(registry, dataset.name(), key);
			}
			for (ModelVersion version : written) {
				delete(version);
			}
			throw ex;
		}
		return keys;
	}

	/**
	 * The dataset's model versions by their content (the model file with its version left
	 * out).
	 */
	private Map<String, String> existingVersions(DatasetConfig dataset) {
		Map<String, String> byContent = new HashMap<>();
		for (ModelVersion version : this.workspace.models().forDataset(dataset.name())) {
			byContent.putIfAbsent(content(version.name(), dataset, version.definition(), version.threshold()),
					version.key());
		}
		return byContent;
	}

	private static String content(String name, DatasetConfig dataset, ModelDefinition definition, Double threshold) {
		return ModelFiles.toJson(name, "0", dataset.name(), dataset.task(), definition, threshold);
	}

	private static void unregister(Path registry, String dataset, String key) {
		try {
			RegistryWriter.removeCandidate(registry, dataset, key);
		}
		catch (RuntimeException ex) {
			// reported with the original failure's log
		}
	}

	private static void delete(ModelVersion version) {
		try {
			Files.deleteIfExists(ModelCases.fileFor(version));
			Files.deleteIfExists(version.file());
		}
		catch (IOException ex) {
			// best effort: the original failure is what the run reports
		}
	}

	/**
	 * A candidate's model name: {@code <dataset>-logit} or {@code <dataset>-ridge}; the
	 * version is the next free.
	 */
	static String modelName(DatasetConfig dataset, TrainingSpec spec) {
		return dataset.name() + "-" + switch (spec.algorithm()) {
			case LOGISTIC -> "logit";
			case RIDGE -> "ridge";
		};
	}

}
