package io.ratchet.launch;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.ratchet.backtest.BacktestParameters;
import io.ratchet.challenge.ChallengeParameters;
import io.ratchet.nowtest.LatestDate;
import io.ratchet.nowtest.NowtestParameters;
import io.ratchet.nowtest.NowtestProperties;
import io.ratchet.run.JobKind;
import io.ratchet.system.RatchetDefaults;
import io.ratchet.system.SafeNames;
import io.ratchet.system.UnsafeNameException;
import io.ratchet.workspace.Workspace;

import org.springframework.batch.core.job.Job;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Turns a launch asked for by name and text parameters (the HTTP API's JSON, the
 * console's form) into a {@link LaunchRequest}, with the command line's defaults and
 * checks: the dataset defaults to {@value RatchetDefaults#DATASET_SETTING} and must load
 * and have requirements; a now-test's as-of defaults to the latest date in the data, its
 * window and label delay to {@code ratchet.nowtest}; a back-test's and a challenge's
 * as-of to now. Two launches are the same when the command line's would be: a back-test's
 * claim leaves its as-of out.
 *
 * <table>
 * <caption>Parameters per job</caption>
 * <tr>
 * <th>job</th>
 * <th>parameters</th>
 * </tr>
 * <tr>
 * <td>{@code backtest}</td>
 * <td>{@code dataset}, {@code from}, {@code to} ({@code YYYY-MM}), {@code models}
 * ({@code name@version,...}), {@code asOf} ({@code YYYY-MM-DDTHH:MM:SS})</td>
 * </tr>
 * <tr>
 * <td>{@code nowtest}</td>
 * <td>{@code dataset}, {@code asOf} ({@code YYYY-MM-DD}), {@code window},
 * {@code labelDelay} (days: {@code 30} or {@code 30d})</td>
 * </tr>
 * <tr>
 * <td>{@code challenge}</td>
 * <td>{@code dataset}, {@code asOf} (a date or a date-time)</td>
 * </tr>
 * </table>
 */
@Component
public class JobRequests {

	private static final Pattern DAYS = Pattern.compile("(\\d{1,5})d?");

	private static final Map<JobKind, Set<String>> PARAMETERS = Map.of(JobKind.BACKTEST,
			Set.of("dataset", "from", "to", "models", "asOf"), JobKind.NOWTEST,
			Set.of("dataset", "asOf", "window", "labelDelay"), JobKind.CHALLENGE, Set.of("dataset", "asOf"));

	private final Map<JobKind, Job> jobs;

	private final Workspace workspace;

	private final RatchetDefaults defaults;

	private final NowtestProperties nowtest;

	JobRequests(@Qualifier("backtest") Job backtest, @Qualifier("nowtest") Job nowtest,
			@Qualifier("challenge") Job challenge, Workspace workspace, RatchetDefaults defaults,
			NowtestProperties nowtestProperties) {
		this.jobs = Map.of(JobKind.BACKTEST, backtest, JobKind.NOWTEST, nowtest, JobKind.CHALLENGE, challenge);
		this.workspace = workspace;
		this.defaults = defaults;
		this.nowtest = nowtestProperties;
	}

	/**
	 * The launch of {@code job} with {@code parameters}.
	 * @param job {@code backtest}, {@code nowtest} or {@code challenge}
	 * @param parameters by name (see the class comment); absent ones take their defaults
	 * @throws BadLaunchException naming the first bad field ({@code job} or
	 * {@code parameters.<name>}) and why
	 */
	public LaunchRequest request(String job, Map<String, String> parameters) {
		JobKind kind = JobKind.of((job != null) ? job.trim() : null)
			.orElseThrow(() -> new BadLaunchException("job",
					((job == null || job.isBlank()) ? "missing" : "unknown job '" + job + "'")
							+ "; one of backtest, nowtest, challenge"));
		Map<String, String> given = (parameters != null) ? parameters : Map.of();
		Set<String> unknown = new TreeSet<>(given.keySet());
		unknown.removeAll(PARAMETERS.get(kind));
		if (!unknown.isEmpty()) {
			String name = unknown.iterator().next();
			throw new BadLaunchException("parameters." + name, "not a parameter of " + kind.jobName() + " (its "
					+ "parameters: " + new TreeSet<>(PARAMETERS.get(kind)) + ")");
		}
		Parameters values = new Parameters(given);
		String dataset = dataset(values.text("dataset"));
		Job target = this.jobs.get(kind);
		return switch (kind) {
			case BACKTEST -> backtest(target, dataset, values);
			case NOWTEST -> nowtest(target, dataset, values);
			case CHALLENGE -> {
				ChallengeParameters challenge = new ChallengeParameters(dataset, values.parse("asOf",
						"a date YYYY-MM-DD or a date-time YYYY-MM-DDTHH:MM:SS", (text) -> (text.length() == 10)
								? LocalDate.parse(text).atStartOfDay() : LocalDateTime.parse(text))
					.orElseGet(JobRequests::now));
				yield new LaunchRequest(target, challenge.toJobParameters(), "challenge", "same dataset and as-of");
			}
		};
	}

	private LaunchRequest backtest(Job job, String dataset, Parameters values) {
		List<String> models = values.text("models")
			.map((text) -> Arrays.stream(text.split(",")).map(String::trim).filter((m) -> !m.isEmpty()).toList())
			.orElse(List.of());
		for (String key : models) {
			int at = key.lastIndexOf('@');
			safe("parameters.models", "model", (at < 0) ? key : key.substring(0, at));
			if (at >= 0) {
				safe("parameters.models", "version", key.substring(at + 1));
			}
		}
		YearMonth from = values.parse("from", "a month YYYY-MM", YearMonth::parse).orElse(null);
		YearMonth to = values.parse("to", "a month YYYY-MM", YearMonth::parse).orElse(null);
		if (from != null && to != null && from.isAfter(to)) {
			throw new BadLaunchException("parameters.from", from + " is after to " + to + ": no month lies between");
		}
		BacktestParameters parameters = new BacktestParameters(dataset, from, to, models,
				values.parse("asOf", "a date-time YYYY-MM-DDTHH:MM:SS", LocalDateTime::parse)
					.orElseGet(JobRequests::now));
		// as the command line: the same back-test when only the request time differs
		String claim = parameters.describe().replaceAll(" asOf=\\S+", "");
		return new LaunchRequest(job, parameters.toJobParameters(), claim, "back-test",
				"same dataset, months, models and as-of");
	}

	private LaunchRequest nowtest(Job job, String dataset, Parameters values) {
		int window = values.parse("window", "a number of days like 30d (at least 1d)", (text) -> days(text, 1))
			.orElseGet(() -> this.nowtest.windowDays(dataset));
		int labelDelay = values.parse("labelDelay", "a number of days like 3d", (text) -> days(text, 0))
			.orElseGet(() -> this.nowtest.labelDelayDays(dataset));
		LocalDate asOf = values.parse("asOf", "a date YYYY-MM-DD", LocalDate::parse)
			.orElseGet(() -> LatestDate.of(this.workspace.dataset(dataset), this.workspace.datasetDir(dataset))
				.orElseThrow(() -> new BadLaunchException("parameters.asOf", "dataset " + dataset
						+ " has no data to find the latest date in; give asOf or import data with jobs/import")));
		return new LaunchRequest(job, new NowtestParameters(dataset, asOf, window, labelDelay).toJobParameters(),
				"now-test", "same dataset, as-of, window and label delay");
	}

	/**
	 * The dataset given or the default, refused when it does not load or has no
	 * requirements.
	 */
	private String dataset(Optional<String> given) {
		String dataset = given.map((name) -> safe("parameters.dataset", "dataset", name))
			.or(this.defaults::defaultDataset)
			.orElseThrow(() -> new BadLaunchException("parameters.dataset",
					"missing, and no default dataset is configured (" + RatchetDefaults.DATASET_SETTING + ")"));
		try {
			this.workspace.dataset(dataset);
			this.workspace.requirementsFor(dataset);
		}
		catch (RuntimeException ex) {
			throw new BadLaunchException("parameters.dataset", ex.getMessage());
		}
		return dataset;
	}

	private static String safe(String field, String what, String name) {
		try {
			return SafeNames.require(what, name);
		}
		catch (UnsafeNameException ex) {
			throw new BadLaunchException(field, ex.getMessage());
		}
	}

	private static int days(String text, int least) {
		Matcher matcher = DAYS.matcher(text);
		if (!matcher.matches() || Integer.parseInt(matcher.group(1)) < least) {
			throw new DateTimeParseException("not a number of days", text, 0);
		}
		return Integer.parseInt(matcher.group(1));
	}

	private static LocalDateTime now() {
		// milliseconds, so that two launches within one second are two runs
		return LocalDateTime.now().truncatedTo(ChronoUnit.MILLIS);
	}

	/** The given parameters, each parsed or refused naming it. */
	private record Parameters(Map<String, String> given) {

		Optional<String> text(String name) {
			String value = this.given.get(name);
			return (value == null || value.isBlank()) ? Optional.empty() : Optional.of(value.trim());
		}

		<T> Optional<T> parse(String name, String expected, Function<String, T> parser) {
			return text(name).map((text) -> {
				try {
					return parser.apply(text);
				}
				catch (DateTimeParseException ex) {
					throw new BadLaunchException("parameters." + name, "must be " + expected + ", not '" + text + "'");
				}
			});
		}

	}

}
