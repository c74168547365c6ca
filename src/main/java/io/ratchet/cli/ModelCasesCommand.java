package io.ratchet.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.ratchet.data.DatasetConfig;
import io.ratchet.model.CaseCheck;
import io.ratchet.model.LoggedModel;
import io.ratchet.model.ModelCase;
import io.ratchet.model.ModelCases;
import io.ratchet.model.ModelCasesException;
import io.ratchet.model.ModelCatalogue;
import io.ratchet.model.ModelVersion;
import io.ratchet.nowtest.ProductionCases;
import io.ratchet.nowtest.Surprise;
import io.ratchet.nowtest.SurpriseKind;
import io.ratchet.nowtest.SurprisingRowStore;
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
 * {@code jobs/model-cases <name@version> --add-from <run> [--rows ..] [--kind ..]
 * [--limit N] [--dry-run]} appends the now-test run's surprising rows of that version
 * ({@code surprising_row}) to its cases, read back from their month files, with the
 * outputs it gives them now ({@link ProductionCases}, {@link ModelCases#append}).
 */
@Component
class ModelCasesCommand implements Command<ModelCasesCommand.Arguments> {

	private final Workspace workspace;

	private final SurprisingRowStore surprising;

	ModelCasesCommand(Workspace workspace, SurprisingRowStore surprising) {
		this.workspace = workspace;
		this.surprising = surprising;
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
		if (arguments.addFrom() != null) {
			if (arguments.check() || arguments.replace() || keys.size() != 1) {
				throw new UsageException(
						"--add-from takes one model version (name@version), without --check or" + " --replace");
			}
			return addFrom(catalogue, keys.get(0), arguments, out);
		}
		if (arguments.rows() != null || arguments.kind() != null || arguments.limit() != null || arguments.dryRun()) {
			throw new UsageException("--rows, --kind, --limit and --dry-run go with --add-from <run>");
		}
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

	/**
	 * Appends a now-test run's surprising rows of a version to its cases (or prints them,
	 * {@code --dry-run}).
	 */
	private int addFrom(ModelCatalogue catalogue, String key, Arguments arguments, PrintStream out) {
		if (!key.contains("@")) {
			throw new UsageException("give the version too: " + key + "@<version>");
		}
		long run = arguments.addFrom();
		ModelVersion version = catalogue.get(key);
		String job = this.surprising.job(run)
			.orElseThrow(() -> new UsageException("--add-from " + run + ": there is no run " + run));
		if (!"nowtest".equals(job)) {
			throw new UsageException("--add-from " + run + ": run " + run + " is a " + job
					+ " run; surprising rows come from a now-test (jobs/runs --job nowtest)");
		}
		if (!this.surprising.judged(run, version.name(), version.version())) {
			throw new UsageException("--add-from " + run + ": run " + run + " did not now-test " + version.key());
		}
		String what = "run " + run + " for " + version.key();
		Map<Surprise, List<SurpriseKind>> chosen = SurpriseChoice.choose(
				this.surprising.of(run, version.name(), version.version()), arguments.kind(), arguments.rows(),
				arguments.limit(), what);
		DatasetConfig dataset = this.workspace.dataset(version.dataset());
		List<ProductionCases.Input> inputs = ProductionCases.read(dataset, version.features(), run, chosen);
		List<ModelCase> cases = ModelCases.preview(version, dataset,
				inputs.stream().map((input) -> Map.entry(input.name(), input.values())).toList());
		List<String> changed = new ArrayList<>();
		for (int i = 0; i < cases.size(); i++) {
			if (!ModelCases.matches(inputs.get(i).scored(), cases.get(i).expected(), ModelCases.tolerance(version))) {
				changed.add(cases.get(i).name() + ": scored " + inputs.get(i).scored() + " in the run, "
						+ cases.get(i).expected() + " now");
			}
		}
		if (!changed.isEmpty()) {
			throw new ModelCasesException(ModelCases.fileFor(version), 0, "the rows read back do not score as in run "
					+ run + " (their month file changed since?), nothing added:\n  " + String.join("\n  ", changed));
		}
		Path file = arguments.dryRun() ? ModelCases.fileFor(version) : ModelCases.append(version, dataset, cases);
		out.println((arguments.dryRun() ? "Would add " : "Added ") + cases.size() + " regression cases of "
				+ version.key() + " to " + file + (arguments.dryRun() ? " (dry run: nothing written):"
						: " (commit it beside the model file; every job checks them from now on):"));
		for (ModelCase item : cases) {
			out.println("  " + item.name() + ": " + item.values() + " -> " + item.expected());
		}
		return CommandLine.OK;
	}

	/** {@code jobs/model-cases}' arguments. */
	@picocli.CommandLine.Command(name = "model-cases",
			description = "Writes a model version's regression cases (rows and the scores it gives them), or with "
					+ "--check scores every version's cases again and compares, or with --add-from appends a "
					+ "now-test run's surprising rows to them.")
	interface Arguments {

		@Parameters(arity = "0..1", paramLabel = "NAME@VERSION",
				description = "the model version (with --check: only this one)")
		List<String> keys();

		@Option(names = "--replace", description = "write the cases again over existing ones")
		boolean replace();

		@Option(names = "--check", description = "check the cases instead of writing them")
		boolean check();

		@Option(names = "--add-from", paramLabel = "RUN",
				description = "append this now-test run's surprising rows of the model version to its cases")
		Long addFrom();

		@Option(names = "--rows", split = ",", paramLabel = "LINE",
				description = "with --add-from: only these rows, by line (<file name>:<line> when the window spans"
						+ " two month files)")
		List<String> rows();

		@Option(names = "--kind", paramLabel = "KIND",
				description = "with --add-from: only the rows of this kind: loss, range or unseen")
		String kind();

		@Option(names = "--limit", paramLabel = "N", description = "with --add-from: at most N rows (by kind, rank)")
		Integer limit();

		@Option(names = "--dry-run", description = "with --add-from: print what would be added, write nothing")
		boolean dryRun();

	}

}
