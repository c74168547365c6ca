package io.ratchet.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.Task;
import io.ratchet.requirement.DatasetRequirements;
import io.ratchet.run.ResultsStore;
import io.ratchet.run.RunRecord;
import io.ratchet.run.RunSummary;

/**
 * The page of a back-test or now-test run, in the order people read it: the verdict and
 * the breached requirements ({@link VerdictLines}); each required metric by month (by run
 * for a now-test) against its bound ({@link RequiredMetricCharts}); the months × metrics
 * tables ({@link MetricTables}); a binary model's decisions at its threshold
 * ({@link ThresholdDecisions}); the curves of the latest month or the window
 * ({@link LatestCurves}; a regression's {@link PredictedAndActual}); drift
 * ({@link DriftCharts}); the job's own sections; the run's facts ({@link RunFactTables}).
 * Built from what the run stored ({@link ReportedRun}): metric values, breaches, the
 * partitions' accumulator states (curves), feature means and drift values.
 *
 * <p>
 * Large histories: charts aggregate months beyond {@link Periods#LIMIT} points; the
 * champion and the {@value Charts#HIGHLIGHTED} best other models are drawn in colour, the
 * rest grey; month tables exist for those models only, newest month first,
 * {@value MetricTables#VISIBLE_MONTHS} months before the fold and at most
 * {@value MetricTables#TABLE_MONTHS} in all.
 */
final class StandardReport {

	/** Months of the month-by-month chart added when a long history is aggregated. */
	static final int RECENT_MONTHS = RequiredMetricCharts.RECENT_MONTHS;

	private final ReportedRun reported;

	private final ResultsStore results;

	private final ReportReads reads;

	private final FeatureMeanStore featureMeans;

	StandardReport(RunSummary summary, DatasetConfig dataset, DatasetRequirements requirements, ResultsStore results,
			ReportReads reads, FeatureMeanStore featureMeans) {
		this.reported = new ReportedRun(summary, dataset, requirements);
		this.results = results;
		this.reads = reads;
		this.featureMeans = featureMeans;
	}

	RunPage page(List<ReportSection> extra) {
		// Drawing the charts is most of a report's time, and the sections are independent
		// (each reads what the run stored and draws its own charts): they are built in
		// parallel, in the common pool, and kept in reading order. A section built on a
		// pool thread reads the database on its own connection, outside the summary
		// step's transaction: so sections read only what earlier steps committed (month
		// figures, states, feature means, drift) and the run's summary in memory
		// (ReportedRun), never what the summary step writes before the report (its
		// whole-period figures and run status are in ReportedRun). An absent section (no
		// curves, no drift) is null.
		List<Supplier<ReportSection>> builders = List.of(
				() -> new RequiredMetricCharts(this.reported, this.reads).section(),
				() -> new MetricTables(this.reported).section(),
				() -> (this.reported.dataset().task() == Task.BINARY)
						? new ThresholdDecisions(this.reported, this.results).section() : null,
				() -> switch (this.reported.dataset().task()) {
					case REGRESSION -> new PredictedAndActual(this.reported).section();
					case BINARY -> new LatestCurves(this.reported, this.results).section();
					// the curves are a binary model's: a multiclass report has its tables
					// and charts
					case MULTICLASS -> null;
				}, () -> new DriftCharts(this.reported, this.reads, this.featureMeans).section());
		List<ReportSection> sections = new ArrayList<>(
				builders.parallelStream().map(Supplier::get).filter(Objects::nonNull).toList());
		sections.addAll(extra);
		sections.add(new RunFactTables(this.reported, this.reads).section());
		RunRecord run = this.reported.run();
		String verdict = (run.verdict() != null && !"FAILED".equals(run.status())) ? run.verdict() : run.status();
		return new RunPage(run.jobName(), run.id(), run.dataset(), title(), verdict, subtitle(),
				new VerdictLines(this.reported).lines(), sections);
	}

	private String title() {
		RunRecord run = this.reported.run();
		return (this.reported.nowtest() ? "Now-test" : "Back-test") + " of " + run.dataset() + ", run " + run.id();
	}

	private String subtitle() {
		RunRecord run = this.reported.run();
		if (this.reported.nowtest()) {
			return "Window: " + run.parameters();
		}
		if (run.fromPeriod() == null) {
			return "";
		}
		return run.fromPeriod() + " … " + run.toPeriod() + ", " + this.reported.months().size() + " months, "
				+ this.reported.models().size() + " models" + ((run.absentPeriods() != null)
						? "; months without data: " + run.absentPeriods().replace(",", ", ") : "");
	}

}
