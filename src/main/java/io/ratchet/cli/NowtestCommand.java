package io.ratchet.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.ratchet.data.DatasetConfig;
import io.ratchet.nowtest.LatestDate;
import io.ratchet.nowtest.NowtestParameters;
import io.ratchet.nowtest.NowtestProperties;
import io.ratchet.workspace.Workspace;
import picocli.CommandLine.Option;

import org.springframework.batch.core.job.Job;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * {@code jobs/nowtest}: judges the latest window of a dataset (merging incoming files
 * first) and prints the verdict, the window's figures per model and the largest drift.
 * Without {@code --as-of} the window ends on the latest date in the data.
 */
@Component
class NowtestCommand implements Command<NowtestCommand.Arguments> {

	private static final Pattern DAYS = Pattern.compile("(\\d+)d");

	private final Job nowtest;

	private final Workspace workspace;

	private final NowtestProperties properties;

	private final JobStarter starter;

	private final JobDataset datasets;

	NowtestCommand(@Qualifier("nowtest") Job nowtest, Workspace workspace, NowtestProperties properties,
			JobDataset datasets, JobStarter starter) {
		this.nowtest = nowtest;
		this.workspace = workspace;
		this.properties = properties;
		this.datasets = datasets;
		this.starter = starter;
	}

	@Override
	public Class<Arguments> arguments() {
		return Arguments.class;
	}

	@Override
	public int run(Arguments arguments, PrintStream out) {
		String name = this.datasets.name(arguments.dataset());
		this.datasets.check(name);
		DatasetConfig dataset = this.workspace.dataset(name);
		int window = (arguments.window() != null) ? days(arguments.window(), "window", 1)
				: this.properties.windowDays(name);
		int labelDelay = (arguments.labelDelay() != null) ? days(arguments.labelDelay(), "label-delay", 0)
				: this.properties.labelDelayDays(name);
		LocalDate asOf;
		if (arguments.asOf() != null) {
			asOf = date(arguments.asOf());
		}
		else {
			Path dir = this.workspace.datasetDir(name);
			asOf = LatestDate.of(dataset, dir)
				.orElseThrow(() -> new IllegalStateException("dataset " + name + " has no data in " + dir
						+ " to find the latest date in; give --as-of or import data with jobs/import"));
		}
		NowtestParameters parameters = new NowtestParameters(name, asOf, window, labelDelay);
		out.println(heading(parameters));
		return this.starter.startAndPrint(this.nowtest, parameters.toJobParameters(), "now-test",
				"same dataset, as-of, window and label delay", out);
	}

	/** The line printed before the run starts (also by a daemon's client). */
	static String heading(NowtestParameters parameters) {
		return "Now-testing " + parameters.dataset() + ": window " + parameters.window().start() + ".."
				+ parameters.asOf() + " (" + parameters.windowDays() + " days"
				+ ((parameters.labelDelayDays() > 0) ? ", labels up to " + parameters.window().labelCutoff() : "")
				+ ")";
	}

	static int days(String text, String name, int least) {
		Matcher matcher = DAYS.matcher(text.trim());
		if (!matcher.matches() || Integer.parseInt(matcher.group(1)) < least) {
			throw new UsageException(
					"--" + name + " must be a number of days like 30d (at least " + least + "d), not '" + text + "'");
		}
		return Integer.parseInt(matcher.group(1));
	}

	private static LocalDate date(String text) {
		try {
			return LocalDate.parse(text.trim());
		}
		catch (DateTimeParseException ex) {
			throw new UsageException("--as-of must be a date YYYY-MM-DD, not '" + text + "'");
		}
	}

	/** {@code jobs/nowtest}'s options. */
	@picocli.CommandLine.Command(name = "nowtest",
			description = "Now-tests the champion on the latest window of rows (metrics and drift against the "
					+ "requirements); exit 3 when a requirement is breached.")
	interface Arguments {

		@Option(names = "--dataset", paramLabel = "DATASET",
				description = "the dataset (default: the setting ratchet.defaults.dataset)")
		String dataset();

		@Option(names = "--as-of", paramLabel = "YYYY-MM-DD",
				description = "the window's last day (default: the latest date in the dataset's data)")
		String asOf();

		@Option(names = "--window", paramLabel = "DAYSd",
				description = "the window's length, e.g. 30d (default: ratchet.nowtest.window, per dataset)")
		String window();

		@Option(names = "--label-delay", paramLabel = "DAYSd",
				description = "leave out rows younger than this, whose labels are not known yet, e.g. 7d "
						+ "(default: ratchet.nowtest.label-delay, per dataset)")
		String labelDelay();

	}

}
