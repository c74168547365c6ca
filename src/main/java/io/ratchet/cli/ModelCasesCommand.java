package io.ratchet.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

import io.ratchet.model.CaseCheck;
import io.ratchet.model.LoggedModel;
import io.ratchet.model.ModelCases;
import io.ratchet.model.ModelCatalogue;
import io.ratchet.model.ModelVersion;
import io.ratchet.workspace.Workspace;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import org.springframework.stereotype.Component;

/**
 * {@code jobs/model-cases <name@version> [--replace]}: writes the regression cases of a
 * model version made by hand ({@code config/models/<file>.cases.csv}, outputs recorded
 * now); an existing cases file is kept unless {@code --replace}.
 * {@code jobs/model-cases --check [name@version]} runs the cases of one version, or of
 * every version, and prints the diff of any that no longer match. A logged-prediction
 * model has no cases (its scores are read, not computed): both say so and go on.
 */
@Component
class ModelCasesCommand implements Command<ModelCasesCommand.Arguments> {

	private final Workspace workspace;

	ModelCasesCommand(Workspace workspace) {
		this.workspace = workspace;
	}

	@Override
	public Class<Arguments> arguments() {
		return Arguments.class;
	}

	@Override
	public int run(Arguments arguments, PrintStream out) {
		List<String> keys = (arguments.keys() != null) ? arguments.keys() : List.of();
		Names.modelKeys(keys);
		if (keys.size() > 1 || (keys.isEmpty() && !arguments.check())) {
			throw new UsageException("give one model version (name@version), or --check");
		}
		ModelCatalogue catalogue = this.workspace.models();
		if (arguments.check()) {
			if (arguments.replace()) {
				throw new UsageException("--check and --replace do not go together");
			}
			List<ModelVersion> versions = keys.isEmpty() ? catalogue.all() : List.of(catalogue.get(keys.get(0)));
			int refused = 0;
			for (ModelVersion version : versions) {
				CaseCheck check = ModelCases.check(version, this.workspace.dataset(version.dataset()));
				if (check.skipped() != null) {
					out.println("skipped " + version.key() + ": a logged-prediction model: " + check.skipped());
				}
				else if (check.passed()) {
					out.println(
							"ok      " + version.key() + ": " + check.cases() + " cases match (" + check.file() + ")");
				}
				else {
					refused++;
					out.println("REFUSED " + check.diff());
				}
			}
			return (refused == 0) ? CommandLine.OK : CommandLine.FAILED;
		}
		String key = keys.get(0);
		if (!key.contains("@")) {
			throw new UsageException("give the version too: " + key + "@<version>");
		}
		ModelVersion version = catalogue.get(key);
		if (version.definition() instanceof LoggedModel) {
			out.println("No regression cases for " + version.key() + ", a logged-prediction model: "
					+ LoggedModel.NO_CASES + "; nothing written");
			return CommandLine.OK;
		}
		Path file = ModelCases.write(version, this.workspace.dataset(version.dataset()), arguments.replace());
		out.println("Wrote " + file + ": " + ModelCases.read(version).size() + " regression cases of " + version.key()
				+ " (outputs recorded now; commit it beside the model file)");
		return CommandLine.OK;
	}

	/** {@code jobs/model-cases}' arguments. */
	@picocli.CommandLine.Command(name = "model-cases",
			description = "Writes a model version's regression cases (rows and the scores it gives them), or with "
					+ "--check scores every version's cases again and compares.")
	interface Arguments {

		@Parameters(arity = "0..1", paramLabel = "NAME@VERSION",
				description = "the model version (with --check: only this one)")
		List<String> keys();

		@Option(names = "--replace", description = "write the cases again over existing ones")
		boolean replace();

		@Option(names = "--check", description = "check the cases instead of writing them")
		boolean check();

	}

}
