package io.ratchet.alert;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.ratchet.alert.AlertPolicy.State;
import io.ratchet.alert.AlertReport.BreachGroup;
import io.ratchet.alert.AlertReport.Period;
import io.ratchet.alert.AlertReport.Point;
import io.ratchet.alert.AlertReport.Recovered;
import io.ratchet.requirement.Verdict;
import io.ratchet.run.JobKind;
import io.ratchet.run.ResultsStore;
import io.ratchet.run.RunModel;
import io.ratchet.run.RunRecord;
import io.ratchet.run.StoredBreach;
import io.ratchet.run.StoredVerdict;
import io.ratchet.system.RatchetPaths;

import org.springframework.stereotype.Component;

/**
 * Gathers what an alert says about a run ({@link AlertReport}): each breached figure with
 * its periods, whole-period value and trend (the run's months, or the last
 * {@code trend-runs} runs of the same job), drift apart from metrics, the periods with
 * too few labelled rows, one line per candidate, and the link to the run's report.
 */
@Component
class AlertReports {

	private final RunFacts facts;

	private final AlertProperties properties;

	private final RatchetPaths paths;

	AlertReports(RunFacts facts, AlertProperties properties, RatchetPaths paths) {
		this.facts = facts;
		this.properties = properties;
		this.paths = paths;
	}

	/**
	 * The report of one alert of a run about the model it is judged by.
	 * @param failing the failing states by {@link Alerts#key key}, for the "failing
	 * since" of each figure
	 * @param recovered the figures that recovered (a {@link AlertKind#RECOVERED} alert)
	 */
	AlertReport report(AlertKind kind, RunRecord run, RunModel model, LocalDate day, List<StoredBreach> breaches,
			List<StoredVerdict> verdicts, Map<String, State> failing, List<Recovered> recovered,
			LocalDate failingSince) {
		Map<String, List<StoredBreach>> byMetric = new LinkedHashMap<>();
		breaches.forEach((breach) -> byMetric.computeIfAbsent(breach.metric(), (m) -> new ArrayList<>()).add(breach));
		List<BreachGroup> metrics = new ArrayList<>();
		List<BreachGroup> drift = new ArrayList<>();
		byMetric.forEach((metric, periods) -> {
			State state = failing.get(Alerts.key(run.jobName(), metric));
			List<Point> monthly = this.facts.monthly(run.id(), model.id(), metric);
			String label;
			List<Point> trend;
			if (monthly.size() > 1) {
				label = "month by month";
				trend = monthly;
			}
			else {
				trend = this.facts.acrossRuns(run, model.id(), metric, this.properties.trendRuns());
				label = "last " + trend.size() + " " + AlertReport.jobLabel(run.jobName())
						+ ((trend.size() == 1) ? "" : "s");
			}
			BreachGroup group = new BreachGroup(metric, List.copyOf(periods),
					this.facts.figure(run.id(), model.id(), ResultsStore.ALL, metric),
					(state != null) ? state.failingSince() : null, label, trend);
			(Shortfall.isDrift(metric) ? drift : metrics).add(group);
		});
		List<Period> insufficient = verdicts.stream()
			.filter((v) -> v.is(Verdict.INSUFFICIENT_DATA))
			.map((v) -> new Period(ResultsStore.ALL.equals(v.period()) ? "whole window" : v.period(), v.rowCount()))
			.toList();
		List<String> candidates = new ArrayList<>();
		for (RunModel other : this.facts.models(run.id())) {
			if (other.id() == model.id()) {
				continue;
			}
			List<StoredBreach> own = new ArrayList<>(this.facts.breaches(run.id(), other.id()));
			own.sort(Shortfall.WORST_FIRST);
			candidates.add(other.key() + " (" + other.role() + "): " + this.facts.verdictOf(run.id(), other.id())
					+ (own.isEmpty() ? "" : ", " + own.size() + " breach" + ((own.size() == 1) ? "" : "es") + ", worst "
							+ periodName(run.jobName(), own.get(0).period()) + " " + own.get(0).describe()));
		}
		return new AlertReport(kind, run.dataset(), run.jobName(), run.id(), day, model,
				(run.verdict() != null) ? run.verdict() : "", metrics, drift, insufficient, recovered, candidates,
				failingSince, link(run), RunFacts.metricsCsv(run));
	}

	private String link(RunRecord run) {
		Path page = RunFacts.reportPage(run);
		if (page == null) {
			return null;
		}
		if (this.properties.reportBaseUrl() != null) {
			Path reports = this.paths.reports().toAbsolutePath().normalize();
			Path absolute = page.toAbsolutePath().normalize();
			String relative = absolute.startsWith(reports) ? reports.relativize(absolute).toString().replace('\\', '/')
					: page.getFileName().toString();
			String base = this.properties.reportBaseUrl();
			return base.endsWith("/") ? base + relative : base + "/" + relative;
		}
		return page.toAbsolutePath().normalize().toUri().toString();
	}

	private static String periodName(String jobName, String period) {
		if (!ResultsStore.ALL.equals(period)) {
			return period;
		}
		return JobKind.NOWTEST.is(jobName) ? "window" : "whole period";
	}

}
