package io.ratchet.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import io.ratchet.data.Task;
import io.ratchet.model.ModelCases;
import io.ratchet.model.ModelFiles;
import io.ratchet.model.ModelRegistry;
import io.ratchet.model.ModelVersion;
import io.ratchet.model.OnnxImport;
import io.ratchet.model.RegistryWriter;
import io.ratchet.model.importers.ModelFormat;
import io.ratchet.model.importers.ModelImport;
import io.ratchet.workspace.Workspace;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import org.springframework.stereotype.Component;

/**
 * {@code jobs/import-model <dataset> <file> [--format F] [--version V] [--name N] [--threshold T] [--candidate]}:
 * converts a model of another library ({@link ModelImport}: XGBoost JSON, LightGBM text,
 * a scikit-learn tree dump or linear export; the format is told from the file when not
 * given) into a Ratchet model file under {@code config/models/}, checked against the
 * dataset, with its regression cases beside it ({@link ModelCases}). An existing file is
 * never overwritten: a changed model needs a new version. With {@code --candidate} the
 * version joins the dataset's candidates in {@code config/registry.yml}; the champion
 * changes only through {@code jobs/promote}. {@code --threshold T} writes the version's
 * decision threshold into its model file (pinned by its SHA-256 like the numbers); a
 * threshold that is not a number in (0, 1), or given for a regression dataset, is a usage
 * error before anything is read. On any error nothing is written or registered. With
 * {@code --format onnx} (or a file ending in {@code .onnx}) it imports an ONNX model
 * instead ({@link OnnxModelImport}).
 */
@Component
class ImportModelCommand implements Command<ImportModelCommand.Arguments> {

	private final Workspace workspace;

	ImportModelCommand(Workspace workspace) {
		this.workspace = workspace;
	}

	@Override
	public Class<Arguments> arguments() {
		return Arguments.class;
	}

	@Override
	public int run(Arguments arguments, PrintStream out) {
		String version = Names.version(arguments.version());
		String name = (arguments.name() != null) ? Names.model(arguments.name()) : null;
		Path given = Path.of(arguments.file());
		Path registry = this.workspace.paths().config().resolve("registry.yml");
		if (OnnxModelImport.wanted(arguments.format(), given)) {
			if (!Files.isRegularFile(given)) {
				throw new UsageException("no such file: " + given);
			}
			var dataset = this.workspace.dataset(Names.dataset(arguments.dataset()));
			Double threshold = threshold(arguments.threshold(), dataset.task());
			if (arguments.candidate()) {
				// a broken registry stops the import before anything is written
				ModelRegistry.load(registry);
			}
			OnnxImport.Imported imported = OnnxModelImport.run(arguments, dataset, given, version, threshold,
					this.workspace.paths().config().resolve("models"), out);
			return registerOrHint(arguments.candidate(), registry, dataset.name(), imported.version(),
					imported.onnxFile(), out);
		}
		OnnxModelImport.refuseOptions(arguments);
		ModelFormat format = null;
		if (arguments.format() != null) {
			try {
				format = ModelFormat.fromKey(arguments.format());
			}
			catch (IllegalArgumentException ex) {
				throw new UsageException(ex.getMessage() + ", or " + OnnxImport.FORMAT);
			}
		}
		var dataset = this.workspace.dataset(Names.dataset(arguments.dataset()));
		Double threshold = threshold(arguments.threshold(), dataset.task());
		Path file = Path.of(arguments.file());
		if (!Files.isRegularFile(file)) {
			throw new UsageException("no such file: " + file);
		}
		ModelImport.Result converted = ModelImport.convert(file, format, dataset, name, version);
		if (threshold != null) {
			converted = new ModelImport.Result(converted.format(),
					ModelFiles.withThreshold(converted.json(), threshold, file));
		}
		if (arguments.candidate()) {
			// a broken registry stops the import before anything is written
			ModelRegistry.load(registry);
		}
		ModelVersion model = ModelImport.install(converted, this.workspace.paths().config().resolve("models"), dataset);
		out.println("Imported " + file + " (" + converted.format().key() + ") as " + model.file() + " (" + model.key()
				+ ", sha256 " + model.sha256() + describeThreshold(model) + ") with its regression cases "
				+ ModelCases.fileFor(model).getFileName());
		return registerOrHint(arguments.candidate(), registry, dataset.name(), model, null, out);
	}

	/**
	 * The {@code --threshold} option, checked before anything is read or written:
	 * {@code null} when not given.
	 */
	static Double threshold(String text, Task task) {
		if (text == null) {
			return null;
		}
		double threshold;
		try {
			threshold = Double.parseDouble(text.strip());
		}
		catch (NumberFormatException ex) {
			throw new UsageException("--threshold " + text + ": not a number (give a decision threshold in (0, 1),"
					+ " e.g. --threshold 0.35)");
		}
		String problem = ModelVersion.thresholdProblem(threshold, task);
		if (problem != null) {
			throw new UsageException("--threshold " + text + ": " + problem);
		}
		return threshold;
	}

	/** {@code ", threshold 0.35"}, or nothing when the version has none of its own. */
	static String describeThreshold(ModelVersion model) {
		return (model.threshold() != null) ? ", threshold " + model.threshold() : "";
	}

	/**
	 * With {@code --candidate}, registers the version as a candidate of the dataset;
	 * otherwise says how to.
	 */
	private static int registerOrHint(boolean candidate, Path registry, String dataset, ModelVersion model,
			Path companion, PrintStream out) {
		if (candidate) {
			register(registry, dataset, model, companion);
			out.println("Registered " + model.key() + " as a candidate of " + dataset + " in " + registry
					+ " (jobs/promote makes it the champion once it passes the gate).");
		}
		else {
			out.println("Register it in " + registry + " as champion or candidate of " + dataset
					+ ", or import it with --candidate.");
		}
		return CommandLine.OK;
	}

	/**
	 * Adds the candidate; when that fails the model's files are removed again, so the
	 * import leaves nothing.
	 */
	private static void register(Path registry, String dataset, ModelVersion model, Path companion) {
		try {
			RegistryWriter.addCandidate(registry, dataset, model.key());
		}
		catch (RuntimeException ex) {
			try {
				Files.deleteIfExists(model.file());
				Files.deleteIfExists(ModelCases.fileFor(model));
				if (companion != null) {
					// an ONNX model's graph, copied beside its model file
					Files.deleteIfExists(companion);
				}
			}
			catch (IOException cleanup) {
				ex.addSuppressed(cleanup);
			}
			throw ex;
		}
	}

	/** {@code jobs/import-model}'s arguments. */
	@picocli.CommandLine.Command(name = "import-model",
			description = {
					"Imports a model trained elsewhere (XGBoost, LightGBM, scikit-learn, or ONNX) as a model "
							+ "version of a dataset, with its regression cases; --candidate also registers it.",
					"ONNX (--format onnx, or a file ending in .onnx) also takes --inputs, --codes and --output." })
	interface Arguments {

		@Parameters(index = "0", paramLabel = "DATASET", description = "the dataset")
		String dataset();

		@Parameters(index = "1", paramLabel = "MODEL-FILE", description = "the model in its library's own format")
		String file();

		@Option(names = "--format", paramLabel = "FORMAT", description = "xgboost, lightgbm, sklearn-trees, "
				+ "sklearn-linear or onnx (default: found from the file)")
		String format();

		@Option(names = "--version", paramLabel = "V", defaultValue = "1", description = "the version to import as")
		String version();

		@Option(names = "--name", paramLabel = "N", description = "the model's name (default: from the file name)")
		String name();

		@Option(names = "--threshold", paramLabel = "T", description = "the version's decision threshold, a number "
				+ "in (0, 1), kept in its model file (default: ratchet.defaults.threshold)")
		String threshold();

		@Option(names = "--candidate", description = "register the version as a candidate in config/registry.yml")
		boolean candidate();

		@Option(names = "--inputs", paramLabel = "COL1,COL2,...",
				description = "ONNX: the columns fed to the " + "model's input, in order")
		String inputs();

		@Option(names = "--codes", paramLabel = "'FEATURE=A,B;...'",
				description = "ONNX: each categorical feature's levels in code order")
		String codes();

		@Option(names = "--output", paramLabel = "NAME[:COLUMN]",
				description = "ONNX: the output (and column) " + "that holds the score")
		String output();

	}

}
