package io.ratchet.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

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
class ImportModelCommand implements Command {

	private final Workspace workspace;

	ImportModelCommand(Workspace workspace) {
		this.workspace = workspace;
	}

	@Override
	public String usage() {
		return "import-model <dataset> <model-file> [--format " + ModelFormat.keys()
				+ "] [--version V] [--name N] [--threshold T] [--candidate]\n"
				+ "       import-model <dataset> <model.onnx> [--format onnx] [--name N] [--version V]"
				+ " [--inputs col1,col2,...] [--codes 'feature=a,b;...'] [--output name[:column]] [--threshold T]"
				+ " [--candidate]\n"
				+ "       --threshold T: the version's decision threshold, a number in (0, 1), kept in its model file"
				+ " (default: ratchet.defaults.threshold)";
	}

	@Override
	public int run(String[] args, PrintStream out) {
		Options options = Options.parse(args,
				Set.of("version", "format", "name", "inputs", "codes", "output", "threshold"), Set.of("candidate"));
		if (options.positional().size() != 2) {
			throw new UsageException("give a dataset and a model file");
		}
		String version = (options.get("version") != null) ? Names.version(options.get("version")) : "1";
		String name = (options.get("name") != null) ? Names.model(options.get("name")) : null;
		Path given = Path.of(options.positional().get(1));
		Path registry = this.workspace.paths().config().resolve("registry.yml");
		if (OnnxModelImport.wanted(options, given)) {
			if (!Files.isRegularFile(given)) {
				throw new UsageException("no such file: " + given);
			}
			var dataset = this.workspace.dataset(Names.dataset(options.positional().get(0)));
			Double threshold = threshold(options.get("threshold"), dataset.task());
			if (options.flag("candidate")) {
				// a broken registry stops the import before anything is written
				ModelRegistry.load(registry);
			}
			OnnxImport.Imported imported = OnnxModelImport.run(options, dataset, given, version, threshold,
					this.workspace.paths().config().resolve("models"), out);
			return registerOrHint(options, registry, dataset.name(), imported.version(), imported.onnxFile(), out);
		}
		OnnxModelImport.refuseOptions(options);
		ModelFormat format = null;
		if (options.get("format") != null) {
			try {
				format = ModelFormat.fromKey(options.get("format"));
			}
			catch (IllegalArgumentException ex) {
				throw new UsageException(ex.getMessage() + ", or " + OnnxImport.FORMAT);
			}
		}
		var dataset = this.workspace.dataset(Names.dataset(options.positional().get(0)));
		Double threshold = threshold(options.get("threshold"), dataset.task());
		Path file = Path.of(options.positional().get(1));
		if (!Files.isRegularFile(file)) {
			throw new UsageException("no such file: " + file);
		}
		ModelImport.Result converted = ModelImport.convert(file, format, dataset, name, version);
		if (threshold != null) {
			converted = new ModelImport.Result(converted.format(),
					ModelFiles.withThreshold(converted.json(), threshold, file));
		}
		if (options.flag("candidate")) {
			// a broken registry stops the import before anything is written
			ModelRegistry.load(registry);
		}
		ModelVersion model = ModelImport.install(converted, this.workspace.paths().config().resolve("models"), dataset);
		out.println("Imported " + file + " (" + converted.format().key() + ") as " + model.file() + " (" + model.key()
				+ ", sha256 " + model.sha256() + describeThreshold(model) + ") with its regression cases "
				+ ModelCases.fileFor(model).getFileName());
		return registerOrHint(options, registry, dataset.name(), model, null, out);
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
	private static int registerOrHint(Options options, Path registry, String dataset, ModelVersion model,
			Path companion, PrintStream out) {
		if (options.flag("candidate")) {
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

}
