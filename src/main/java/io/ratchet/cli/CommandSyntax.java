package io.ratchet.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The syntax of {@code jobs/ratchet}: every command's options (the picocli-annotated
 * {@code Arguments} interface of each {@link io.ratchet.cli.Command}), the help, the
 * version and the usage errors. Plain picocli, no Spring: {@code RatchetApplication}
 * answers {@code --help}, {@code help}, {@code <command> --help}, {@code --version} and a
 * command line picocli cannot parse through {@link #answerWithoutSpring} before it starts
 * Spring or opens the database.
 */
@Command(name = "ratchet", mixinStandardHelpOptions = true, versionProvider = CommandSyntax.Version.class,
		description = "Keeps production predictive models honest: back-tests and now-tests each model month by "
				+ "month against its dataset's requirements, stores every figure, writes reports and alerts.",
		synopsisSubcommandLabel = "COMMAND",
		commandListHeading = "%nCommands (jobs/<command> runs jobs/ratchet <command>; "
				+ "jobs/ratchet <command> --help lists its options):%n",
		subcommands = { HelpCommand.class, BacktestCommand.Arguments.class, NowtestCommand.Arguments.class,
				ChallengeCommand.Arguments.class, RestartCommand.Arguments.class, RunsCommand.Arguments.class,
				AlertsCommand.Arguments.class, HistoryCommand.Arguments.class, PromoteCommand.Arguments.class,
				RollbackCommand.Arguments.class, ImportCommand.Arguments.class,
				ImportPredictionsCommand.Arguments.class, ImportModelCommand.Arguments.class,
				ModelCasesCommand.Arguments.class, ScoreCommand.Arguments.class, SchedulerCommand.Arguments.class,
				ConsoleCommand.Arguments.class, WorkerCommand.Arguments.class, BrokerCommand.Arguments.class },
		footerHeading = "%n",
		footer = { "Spring Boot settings go before or after the command as --name=value, e.g. "
				+ "--ratchet.backtest.threads=4 (README, Configuration); an unknown ratchet.* setting is refused.", "",
				"Developer commands (scripts run from the project root; the notes at the top of each say more):",
				"  jobs/dev/bench [--rows 2400000] [--repeat 3] [--seed 7] [--keep] [--workers \"1 2 4\" | --segments]",
				"      times the back-test against a plain Java loop on a synthetic corpus (or remote workers,"
						+ " or without against with segments)",
				"  jobs/dev/bench-peers [--rows \"2400000 240000\"] [--repeat 5] [--no-demo]",
				"      times Ratchet against pandas, polars and duckdb on ../shared/bench/",
				"  jobs/dev/bench-daemon [--repeat 5] [--dataset D --config DIR --data DIR]",
				"      times a back-test run here against the same through a warm daemon (RATCHET_DAEMON)",
				"  jobs/dev/fault-suite [--db h2|postgresql|both] [--trials N] [--seed S]",
				"      kill -9, lost database, full disk, SMTP down ... injected into real runs",
				"  jobs/dev/demo-promotion", "      the demo's challenge and promotion story in a temporary workspace",
				"  jobs/dev/generate-demo [--last-month YYYY-MM] [--seed N] [--root DIR]",
				"      regenerates the demo dataset, its models, registry and requirements",
				"  jobs/dev/phases [--repeat N] [backtest options]",
				"      times each phase of a whole back-test (default: the demo) from process start to exit",
				"  jobs/dev/scheduler-cluster-demo",
				"      two scheduler daemons on one PostgreSQL database, one of them killed",
				"  jobs/dev/screenshot-report [--out DIR] [--width W] [--height H] [--reuse]",
				"      screenshots of the demo reports in headless Chromium",
				"  jobs/dev/screenshot-console [--out DIR] [--port P] [--reuse]",
				"      screenshots of the console's pages in headless Chromium", "  jobs/dev/base-image",
				"      the container image's Debian base, made without Docker (as root, once)",
				"  jobs/dev/image-tar <rootfs> <name:tag> <output.tar>",
				"      packs a root file system into an image tar (used by base-image)",
				"  jobs/dev/image-check [image.tar]",
				"      checks the container image (mvn compile jib:buildTar) without Docker",
				"  jobs/dev/tool <class> [args...]", "      runs a developer tool: a main class of the test tree" })
public final class CommandSyntax {

	/** The exit codes every command shares ({@link CommandLine}). */
	private static final Map<String, String> EXIT_CODES = exitCodes();

	private CommandSyntax() {
	}

	/**
	 * A parser of the whole command line: every command as a subcommand, each with
	 * {@code --help}, its defaults shown and the exit codes.
	 */
	static picocli.CommandLine parser() {
		picocli.CommandLine parser = new picocli.CommandLine(CommandSyntax.class);
		parser.getSubcommands().values().forEach((sub) -> {
			CommandSpec spec = sub.getCommandSpec();
			if (!(spec.userObject() instanceof HelpCommand)) {
				// --help only: --version belongs to the whole command line (import-model
				// has its own)
				spec.addOption(OptionSpec.builder("-h", "--help")
					.usageHelp(true)
					.description("Show this help message and exit.")
					.build());
				spec.usageMessage().showDefaultValues(true).exitCodeListHeading("%nExit codes:%n");
				spec.usageMessage().exitCodeList(EXIT_CODES);
			}
		});
		parser.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(EXIT_CODES);
		return parser;
	}

	/**
	 * Answers what needs no Spring: no command (the help, exit 2), the help of every
	 * command, the version, and a command line that does not parse (picocli's message and
	 * the command's usage on {@code err}, exit 2).
	 * @return the exit code, or -1 when the command is to run
	 */
	public static int answerWithoutSpring(String[] command, PrintStream out, PrintStream err) {
		picocli.CommandLine parser = parser();
		if (command.length == 0) {
			parser.usage(out);
			return CommandLine.USAGE;
		}
		try {
			ParseResult parsed = parser.parseArgs(command);
			PrintWriter helpOut = new PrintWriter(out, true);
			PrintWriter helpErr = new PrintWriter(err, true);
			parser.setOut(helpOut);
			parser.setErr(helpErr);
			parser.setColorScheme(picocli.CommandLine.Help.defaultColorScheme(picocli.CommandLine.Help.Ansi.OFF));
			boolean helped = picocli.CommandLine.printHelpIfRequested(parsed);
			helpOut.flush();
			helpErr.flush();
			if (helped) {
				return CommandLine.OK;
			}
			return parsed.hasSubcommand() ? -1 : usageError(parser, "give a command", err);
		}
		catch (ParameterException ex) {
			return usageError(ex.getCommandLine(), ex.getMessage(), err);
		}
	}

	/** Prints a usage error, the message then the usage of the command it is about. */
	static int usageError(picocli.CommandLine command, String message, PrintStream err) {
		err.println("ratchet" + (command.getParent() != null ? " " + command.getCommandName() : "") + ": " + message);
		command.usage(err);
		return CommandLine.USAGE;
	}

	/**
	 * A whole number given for {@code option} that must be at least 1.
	 * @throws UsageException when it is less
	 */
	static int atLeastOne(String option, int value) {
		if (value < 1) {
			throw new UsageException(option + " must be a whole number of at least 1, not '" + value + "'");
		}
		return value;
	}

	private static Map<String, String> exitCodes() {
		Map<String, String> codes = new LinkedHashMap<>();
		codes.put("0", "done; for a run: every requirement met");
		codes.put("1", "the run failed (data, model, database or mail); the message says why, "
				+ "jobs/restart <run id> resumes a failed job");
		codes.put("2", "the command was wrong (unknown option, bad value, missing argument), "
				+ "or the requirements it would judge by are unreadable or missing");
		codes.put("3", "a requirement was breached, or there was too little data to tell");
		return codes;
	}

	/**
	 * The project version, from {@code io/ratchet/cli/version.properties} (filled in by
	 * Maven from the pom).
	 */
	static final class Version implements IVersionProvider {

		@Override
		public String[] getVersion() {
			return new String[] { "Ratchet " + version() };
		}

		static String version() {
			try (InputStream in = CommandSyntax.class.getResourceAsStream("version.properties")) {
				Properties properties = new Properties();
				properties.load(in);
				return properties.getProperty("version");
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

}
