package io.ratchet.nowtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.ratchet.data.AtomicFiles;
import io.ratchet.data.DatasetConfig;
import io.ratchet.data.DatasetImporter;
import io.ratchet.data.ImportResult;
import io.ratchet.model.ModelCases;
import io.ratchet.model.ModelCatalogue;
import io.ratchet.model.ModelVersion;
import io.ratchet.run.ImportBatchStore;
import io.ratchet.workspace.Workspace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * First step of a now-test: runs the regression cases of the models it will score (a
 * changed model fails the run before anything is imported), then merges the files waiting
 * in {@code historical-data/<dataset>/incoming/} into the month files, oldest name first,
 * with the same validated, atomic import as {@code jobs/import}, then moves each to
 * {@code processed/}.
 *
 * <p>
 * One file per call, each call its own transaction ({@link RepeatStatus#CONTINUABLE}
 * until the folder is empty), so a crash loses at most the file in hand. A file whose
 * SHA-256 is already recorded in {@code import_batch} for the dataset is not merged
 * again, only moved. Should the process die after a merge but before its record commits,
 * the next attempt merges the file again, which adds nothing: the import skips rows
 * already in the month files. Rejected rows are quarantined by the import and counted in
 * {@code import_batch} and in the run.
 */
class NowtestImportTasklet implements Tasklet {

	static final String FILES = "ratchet.nowtest.filesImported";

	static final String ROWS = "ratchet.nowtest.rowsImported";

	static final String REJECTED = "ratchet.nowtest.rowsImportRejected";

	static final String CASES_CHECKED = "ratchet.nowtest.casesChecked";

	private static final Logger log = LoggerFactory.getLogger("io.ratchet.progress");

	private final Workspace workspace;

	private final ImportBatchStore imports;

	private final NowtestStore store;

	NowtestImportTasklet(Workspace workspace, ImportBatchStore imports, NowtestStore store) {
		this.workspace = workspace;
		this.imports = imports;
		this.store = store;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
		JobExecution job = chunkContext.getStepContext().getStepExecution().getJobExecution();
		ExecutionContext counts = chunkContext.getStepContext().getStepExecution().getExecutionContext();
		NowtestParameters parameters = NowtestParameters.from(job.getJobParameters());
		DatasetConfig dataset = this.workspace.dataset(parameters.dataset());
		if (!counts.containsKey(CASES_CHECKED)) {
			// none: refused before anything is imported
			this.workspace.checkRequirements(dataset.name());
			checkCases(dataset);
			counts.putString(CASES_CHECKED, "yes");
		}
		Path datasetDir = this.workspace.datasetDir(dataset.name());
		Optional<Path> next = next(datasetDir.resolve("incoming"));
		if (next.isPresent()) {
			Path file = next.get();
			String sha256 = DatasetImporter.sha256(file);
			if (this.store.alreadyImported(dataset.name(), sha256)) {
				log.info("run {}: {} was imported before (same SHA-256); not merged again", jobId(job),
						file.getFileName());
			}
			else {
				ImportResult result = new DatasetImporter(dataset, datasetDir).importFile(file);
				this.imports.record(dataset.name(), result);
				counts.putInt(FILES, counts.getInt(FILES, 0) + 1);
				counts.putLong(ROWS, counts.getLong(ROWS, 0) + result.accepted());
				counts.putLong(REJECTED, counts.getLong(REJECTED, 0) + result.rejected());
				contribution.incrementWriteCount(result.accepted());
				contribution.incrementReadSkipCount(result.rejected());
				log.info("run {}: merged {}: {} rows, {} new, {} already present, {} rejected{}", jobId(job),
						file.getFileName(), result.rows(), result.accepted(), result.duplicates(), result.rejected(),
						(result.quarantineFile() != null) ? " (quarantined in " + result.quarantineFile() + ")" : "");
			}
			moveToProcessed(file, datasetDir.resolve("processed"));
			return RepeatStatus.CONTINUABLE;
		}
		ExecutionContext totals = job.getExecutionContext();
		totals.putInt(FILES, counts.getInt(FILES, 0));
		totals.putLong(ROWS, counts.getLong(ROWS, 0));
		totals.putLong(REJECTED, counts.getLong(REJECTED, 0));
		return RepeatStatus.FINISHED;
	}

	/**
	 * Runs the regression cases of every model the now-test will score (the registry's
	 * contenders), before anything is imported: a model whose outputs changed is refused
	 * with the diff ({@link ModelCases#verify}). Unknown keys are left to the scoring
	 * step, which names them.
	 */
	private void checkCases(DatasetConfig dataset) {
		ModelCatalogue catalogue = this.workspace.models();
		for (String key : this.workspace.registry().contenders(dataset.name())) {
			Optional<ModelVersion> model = catalogue.find(key);
			if (model.isPresent()) {
				ModelCases.verify(model.get(), dataset);
			}
		}
	}

	/** The first regular, non-hidden file of the folder by name, if any. */
	static Optional<Path> next(Path incoming) throws IOException {
		if (!Files.isDirectory(incoming)) {
			return Optional.empty();
		}
		try (Stream<Path> files = Files.list(incoming)) {
			List<Path> waiting = files.filter(Files::isRegularFile)
				.filter((file) -> !file.getFileName().toString().startsWith("."))
				.sorted()
				.toList();
			return waiting.stream().findFirst();
		}
	}

	/**
	 * Moves a file into {@code processed/} with an atomic, durable rename
	 * ({@link AtomicFiles#move}); a name already there gets a number.
	 */
	static Path moveToProcessed(Path file, Path processed) throws IOException {
		Files.createDirectories(processed);
		String name = file.getFileName().toString();
		Path target = processed.resolve(name);
		for (int attempt = 2; Files.exists(target); attempt++) {
			target = processed.resolve(name + "." + attempt);
		}
		AtomicFiles.move(file, target);
		return target;
	}

	private static long jobId(JobExecution job) {
		return job.getJobInstance().getInstanceId();
	}

}
