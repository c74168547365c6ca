package io.ratchet.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import io.ratchet.model.ModelCases;
import io.ratchet.model.ModelFiles;
import io.ratchet.model.ModelVersion;
import io.ratchet.model.SklearnExport;
import io.ratchet.system.Workspace;

import org.springframework.stereotype.Component;

/**
 * {@code jobs/import-model <dataset> <export.json> [--version V]}: converts a scikit-learn linear or logistic model,
 * exported as plain JSON (intercept, per-feature impute/center/scale/weight, per-level weights), into a Ratchet model
 * file under {@code config/models/}, checked against the dataset, with its regression cases beside it
 * ({@link ModelCases}). An existing file is never overwritten: a changed model needs a new version. With
 * {@code --format onnx} (or a file ending in {@code .onnx}) it imports an ONNX model instead ({@link OnnxModelImport}).
 */
@Component
class ImportModelCommand implements Command {

	private final Workspace workspace;

	ImportModelCommand(Workspace workspace) {
		this.workspace = workspace;
	}

	@Override
	public String usage() {
		return "import-model <dataset> <sklearn-export.json> [--version V]\n"
				+ "       import-model <dataset> <model.onnx> [--format onnx] [--name N] [--version V]"
				+ " [--inputs col1,col2,...] [--codes 'feature=a,b;...'] [--output name[:column]]";
	}

	@Override
	public int run(String[] args, PrintStream out) {
		Options options = Options.parse(args, Set.of("version", "format", "name", "inputs", "codes", "output"));
		if (options.positional().size() != 2) {
			throw new UsageException("give a dataset and an exported model file");
		}
		Names.version(options.get("version"));
		var dataset = this.workspace.dataset(Names.dataset(options.positional().get(0)));
		Path export = Path.of(options.positional().get(1));
		if (!Files.isRegularFile(export)) {
			throw new UsageException("no such file: " + export);
		}
		String version = (options.get("version") != null) ? options.get("version") : "1";
		if (OnnxModelImport.wanted(options, export)) {
			return OnnxModelImport.run(options, dataset, export, version,
					this.workspace.paths().config().resolve("models"), out);
		}
		OnnxModelImport.refuseOptions(options);
		if (options.get("format") != null) {
			throw new UsageException("unknown --format " + options.get("format") + " (expected onnx)");
		}
		String json = SklearnExport.toRatchetJson(export, dataset.name(), version);
		try {
			Path models = Files.createDirectories(this.workspace.paths().config().resolve("models"));
			Path temp = Files.createTempFile(models, "import-", ".json.tmp");
			Files.writeString(temp, json);
			ModelVersion model;
			try {
				model = ModelFiles.load(temp);
				model.bind(dataset);
			}
			finally {
				Files.deleteIfExists(temp);
			}
			Path target = models.resolve(model.name() + "-v" + model.version() + ".json");
			if (Files.exists(target)) {
				throw new UsageException(target + " already exists; give the model a new --version");
			}
			// the regression cases first (outputs recorded now), so the model never appears without them
			Path cases = ModelCases.write(new ModelVersion(model.name(), model.version(), model.dataset(),
					model.task(), model.kind(), model.sha256(), target, model.definition()), dataset, true);
			Files.writeString(target, json);
			out.println("Wrote " + target + " (" + model.key() + ", sha256 " + model.sha256()
					+ ") and its regression cases " + cases.getFileName());
			out.println("Register it in " + this.workspace.paths().config().resolve("registry.yml")
					+ " as champion or candidate of " + dataset.name() + ".");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return CommandLine.OK;
	}

}
