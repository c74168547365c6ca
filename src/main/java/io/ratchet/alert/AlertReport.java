package io.ratchet.alert;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import io.ratchet.run.RunModel;
import io.ratchet.run.StoredBreach;

/**
 * Everything one alert says, read from the results store: the verdict first, then each
 * breached figure with its value, bound and trend, drift highlights, too-small periods,
 * the candidates in a line each, and where the report is.
 *
 * @param kind breach, insufficient data or recovered
 * @param dataset the dataset
 * @param job the job's name ({@code backtest}, {@code nowtest}, ...)
 * @param runId the run
 * @param day the run's day (its as-of date)
 * @param model the judged model version (the champion) and its role
 * @param verdict the run's verdict
 * @param breaches the judged model's breached metrics, worst first
 * @param drift the breached drift figures (keys with a colon), worst first
 * @param insufficient periods with too few labelled rows
 * @param recovered for a "recovered" alert: what cleared and since when it had failed
 * @param candidates one line per other model of the run
 * @param failingSince the earliest day a breach of this alert started failing, or
 * {@code null}
 * @param reportLink a link to the run's report, or {@code null}
 * @param metricsCsv the run's metrics CSV (attached when it exists), or {@code null}
 */
public record AlertReport(AlertKind kind, String dataset, String job, long runId, LocalDate day, RunModel model,
		String verdict, List<BreachGroup> breaches, List<BreachGroup> drift, List<Period> insufficient,
		List<Recovered> recovered, List<String> candidates, LocalDate failingSince, String reportLink,
		Path metricsCsv) {

	/** {@code back-test}, {@code now-test} or the job's name. */
	public String jobLabel() {
		return jobLabel(this.job);
	}

	/** {@code back-test}, {@code now-test} or the job's name. */
	public static String jobLabel(String job) {
		return switch (job) {
			case "backtest" -> "back-test";
			case "nowtest" -> "now-test";
			default -> job;
		};
	}

	/** {@code champion sales-logit@1}. */
	public String modelLabel() {
		return (this.model != null) ? this.model.role() + " " + this.model.key() : "no model";
	}

	/**
	 * The file name of the attached metrics CSV, e.g.
	 * {@code sales-nowtest-42-metrics.csv}.
	 */
	public String attachmentName() {
		return this.dataset + "-" + this.job + "-" + this.runId + "-metrics.csv";
	}

	/** The worst breach of all, drift included, or {@code null}. */
	public StoredBreach worst() {
		return java.util.stream.Stream.concat(this.breaches.stream(), this.drift.stream())
			.map(BreachGroup::worst)
			.min(Shortfall.WORST_FIRST)
			.orElse(null);
	}

	/**
	 * One breached figure of the judged model.
	 *
	 * @param metric the figure's key
	 * @param periods its breaches, worst first (one for a now-test, one per month and the
	 * whole period for a back-test)
	 * @param wholePeriod its whole-period value, or {@code null}
	 * @param failingSince since when it fails (the alert state), or {@code null}
	 * @param trendLabel what the trend is over, e.g. {@code last 7 now-tests} or
	 * {@code months}
	 * @param trend its values over previous runs or months, oldest first
	 */
	public record BreachGroup(String metric, List<StoredBreach> periods, Double wholePeriod, LocalDate failingSince,
			String trendLabel, List<Point> trend) {

		StoredBreach worst() {
			return this.periods.get(0);
		}

	}

	/**
	 * A value in a trend; {@code value} is {@code null} when the figure was undefined.
	 */
	public record Point(String label, Double value) {
	}

	/** A period with too few labelled rows. */
	public record Period(String period, long rows) {
	}

	/** A breach that cleared. */
	public record Recovered(String metric, LocalDate failingSince) {
	}

}
