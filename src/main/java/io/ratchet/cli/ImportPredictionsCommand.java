package io.ratchet.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Locale;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.ImportResult;
import io.ratchet.data.LogCoverage;
import io.ratchet.data.MonthFileReader;
import io.ratchet.data.MonthFiles;
import io.ratchet.data.PredictionImporter;
import io.ratchet.data.PredictionLog;
import io.ratchet.model.LoggedModel;
import io.ratchet.model.LoggedScorer;
import io.ratchet.model.ModelVersion;
import io.ratchet.run.LoggedPredictionsStore;
import io.ratchet.run.ModelVersionStore;
import io.ratchet.workspace.Workspace;
import picocli.CommandLine.Parameters;

import org.springframework.stereotype.Component;

/**
 * {@code jobs/import-predictions <dataset> <model@version> <file.csv>}: validates a
 * prediction log (id, timestamp, score, as the model file names the columns) and merges
 * it into the model's log,
 * {@code historical-data/<dataset>/predictions/<model>-v<version>/YYYY-MM.csv}. Rejected
 * rows (duplicate ids, scores outside [0, 1] for a binary task, unreadable timestamps…)
 * go to a quarantine file with line and reason; importing the same file twice adds
 * nothing. Then, per month it added to, how the log meets the dataset: predictions joined
 * with a labelled row, predictions awaiting their label (kept, joined when it arrives),
 * labelled rows without a prediction. The model file is pinned by its SHA-256 here as in
 * every job.
 */
@Component
class ImportPredictionsCommand implements Command<ImportPredictionsCommand.Arguments> {

	private final Workspace workspace;

	private final ModelVersionStore modelVersions;

	private final LoggedPredictionsStore store;

	ImportPredictionsCommand(Workspace workspace, ModelVersionStore modelVersions, LoggedPredictionsStore store) {
		this.workspace = workspace;
		this.modelVersions = modelVersions;
		this.store = store;
	}

	@Override
	public Class<Arguments> arguments() {
		return Arguments.class;
	}

	@Override
	public int run(Arguments arguments, PrintStream out) {
		DatasetConfig dataset = this.workspace.dataset(Names.dataset(arguments.dataset()));
		String key = Names.modelKey(arguments.model());
		if (!key.contains("@")) {
			throw new UsageException("give the version too: " + key + "@<version>");
		}
		Path source = Path.of(arguments.file());
		if (!Files.isRegularFile(source)) {
			throw new UsageException("no such file: " + source);
		}
		ModelVersion model = this.workspace.models().get(key);
		if (!model.dataset().equals(dataset.name())) {
			throw new UsageException(
					key + " scores dataset " + model.dataset() + ", not " + dataset.name() + " (" + model.file() + ")");
		}
		if (!(model.definition() instanceof LoggedModel logged) || logged.log() == null) {
			String what = (model.definition() instanceof LoggedModel logged)
					? "reads its logged scores from the" + " dataset's " + logged.source()
							+ ": they come with the data (jobs/import)"
					: "is a " + model.kind() + " model: Ratchet computes its scores";
			throw new UsageException(key + " " + what + "; a prediction log belongs to a model of kind logged with"
					+ " \"log\" in its file (" + model.file() + ")");
		}
		Path datasetDir = this.workspace.datasetDir(dataset.name());
		model.bind(dataset, datasetDir);
		long modelId = this.modelVersions.register(model);
		PredictionLog log = new PredictionLog(dataset,
				PredictionLog.folderOf(datasetDir, model.name(), model.version()), logged.log());
		ImportResult result = new PredictionImporter(log).importFile(source);
		out.printf(Locale.ROOT, "Imported %s into %s: %,d predictions, %,d new, %,d already present, %,d rejected%n",
				source, log.folder(), result.rows(), result.accepted(), result.duplicates(), result.rejected());
		long awaiting = 0;
		for (YearMonth month : result.acceptedByMonth().keySet()) {
			LogCoverage coverage = coverage(model, dataset, datasetDir, month);
			awaiting += coverage.awaitingLabel();
			out.printf(Locale.ROOT,
					"  %s  %,d new · %,d logged: %,d joined with a label, %,d awaiting label · %,d"
							+ " labelled rows without a prediction%n",
					month, result.acceptedByMonth().get(month), coverage.logged(), coverage.joined(),
					coverage.awaitingLabel(), coverage.unlogged());
		}
		this.store.recordImport(dataset.name(), modelId, result, awaiting);
		if (result.quarantineFile() != null) {
			out.println("Rejected rows, with line and reason: " + result.quarantineFile());
		}
		if (awaiting > 0) {
			out.printf(Locale.ROOT, "%,d predictions await their label: kept, and joined once the labels are imported"
					+ " (jobs/import)%n", awaiting);
		}
		return CommandLine.OK;
	}

	/** How a month of the log meets the dataset's month file as it is now. */
	static LogCoverage coverage(ModelVersion model, DatasetConfig dataset, Path datasetDir, YearMonth month) {
		LoggedScorer scorer = (LoggedScorer) model.bind(dataset, datasetDir);
		scorer.countBetween(month.atDay(1), month.atEndOfMonth());
		Path file = MonthFiles.fileFor(datasetDir, month);
		if (Files.exists(file)) {
			new MonthFileReader(dataset).read(file, month,
					(row) -> scorer.count(row, scorer.score(row), row.labelled()), (rejection) -> {
					});
		}
		return scorer.coverage();
	}

	/** {@code jobs/import-predictions}' arguments. */
	@picocli.CommandLine.Command(name = "import-predictions",
			description = "Imports a logged model's predictions (a CSV of row id and score) for back-tests and "
					+ "now-tests.")
	interface Arguments {

		@Parameters(index = "0", paramLabel = "DATASET", description = "the dataset")
		String dataset();

		@Parameters(index = "1", paramLabel = "MODEL@VERSION", description = "the logged model version")
		String model();

		@Parameters(index = "2", paramLabel = "FILE.csv", description = "the predictions")
		String file();

	}

}
