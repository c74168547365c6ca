package io.ratchet.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.ratchet.data.DatasetConfig;
import io.ratchet.nowtest.LatestDate;
import io.ratchet.nowtest.NowtestParameters;
import io.ratchet.nowtest.NowtestProperties;
import io.ratchet.workspace.Workspace;

import org.springframework.batch.core.job.Job;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * {@code jobs/nowtest}: judges the latest window of a dataset (merging incoming files
 * first) and prints the verdict, the window's figures per model and the largest drift.
 * Without {@code --as-of} the window ends on the latest date in the data.
 */
@Component
class NowtestCommand implements Command {

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
	public String usage() {
		return "nowtest [--dataset D] [--as-of YYYY-MM-DD] [--window 30d] [--label-delay 0d]";
	}

	@Override
	public int run(String[] args, PrintStream out) {
		Options options = Options.named(args, Set.of("dataset", "as-of", "window", "label-delay"));
		String name = this.datasets.name(options);
		this.datasets.check(name);
		DatasetConfig dataset = this.workspace.dataset(name);
		int window = (options.get("window") != null) ? days(options.get("window"), "window", 1)
				: this.properties.windowDays(name);
		int labelDelay = (options.get("label-delay") != null) ? days(options.get("label-delay"), "label-delay", 0)
				: this.properties.labelDelayDays(name);
		LocalDate asOf;
		if (options.get("as-of") != null) {
			asOf = date(options.get("as-of"));
		}
		else {
			Path dir = this.workspace.datasetDir(name);
			asOf = LatestDate.of(dataset, dir)
				.orElseThrow(() -> new IllegalStateException("dataset " + name + " has no data in " + dir
						+ " to find the latest date in; give --as-of or import data with jobs/import"));
		}
		NowtestParameters parameters = new NowtestParameters(name, asOf, window, labelDelay);
		out.println("Now-testing " + name + ": window " + parameters.window().start() + ".." + asOf + " (" + window
				+ " days" + ((labelDelay > 0) ? ", labels up to " + parameters.window().labelCutoff() : "") + ")");
		return this.starter.startAndPrint(this.nowtest, parameters.toJobParameters(), "now-test",
				"same dataset, as-of, window and label delay", out);
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

}
