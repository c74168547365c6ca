package io.ratchet.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.ratchet.data.AtomicFiles;
import io.ratchet.data.DatasetConfig;
import io.ratchet.metrics.Interval;
import io.ratchet.metrics.Intervals;
import io.ratchet.metrics.Metric;
import io.ratchet.metrics.MetricId;
import io.ratchet.requirement.DatasetRequirements;
import io.ratchet.run.ResultsStore;
import io.ratchet.run.RunSummary;
import io.ratchet.run.RunSummary.ModelSummary;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Writes a run's report folder {@code reports/<job>/<run>/}: {@code index.html} (from the
 * Thymeleaf template {@code report/run.html}), its PNG charts beside it, and
 * {@code metrics.csv} (one row per model and period, every metric a column, with the
 * model's decision threshold; empty for regression). Every file is written aside and
 * moved into place, the page last, so a reader never sees half a report. Back-tests and
 * now-tests call {@link #write}; any other job builds a {@link RunPage} of
 * {@link ReportSection}s and calls {@link #writePage}.
 */
@Component
public class RunReports {

	private static final Logger log = LoggerFactory.getLogger(RunReports.class);

	/** The page of a run's report folder. */
	public static final String PAGE = "index.html";

	private final ResultsStore results;

	private final ReportReads reads;

	private final FeatureMeanStore featureMeans;

	public RunReports(ResultsStore results, ReportReads reads, FeatureMeanStore featureMeans) {
		this.results = results;
		this.reads = reads;
		this.featureMeans = featureMeans;
	}

	public void write(RunSummary summary, DatasetConfig dataset, DatasetRequirements requirements, Path dir) {
		write(summary, dataset, requirements, dir, List.of());
	}

	/**
	 * Writes the standard report of a back-test or now-test, with the job's own sections
	 * placed before the run's facts.
	 */
	public void write(RunSummary summary, DatasetConfig dataset, DatasetRequirements requirements, Path dir,
			List<ReportSection> sections) {
		// debug lines: jobs/dev/phases times the report by them
		long start = System.nanoTime();
		log.debug("writing the report of run {} in {}", summary.run().id(), dir);
		RunPage page = new StandardReport(summary, dataset, requirements, this.results, this.reads, this.featureMeans)
			.page(sections);
		try {
			Files.createDirectories(dir);
			AtomicFiles.write(dir.resolve("metrics.csv"), (out) -> writeCsv(summary, dataset, out));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write the report in " + dir, ex);
		}
		writePage(page, dir);
		log.debug("report written in {} ms", (System.nanoTime() - start) / 1_000_000);
	}

	/**
	 * Writes {@code index.html} and the page's charts into {@code dir} (a job's own
	 * metrics file, if any, is the job's to write).
	 * @return the page's path
	 */
	public Path writePage(RunPage page, Path dir) {
		try {
			Files.createDirectories(dir);
			for (ReportChart chart : page.charts()) {
				Path target = dir.resolve(chart.file());
				AtomicFiles.write(target, chart.png());
			}
			Path target = dir.resolve(PAGE);
			AtomicFiles.write(target, render(page));
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write the report in " + dir, ex);
		}
	}

	/** The page's HTML, charts referenced by file name. */
	public static String render(RunPage page) {
		return ReportTemplates.render("run", Map.of("page", page));
	}

	private void writeCsv(RunSummary summary, DatasetConfig dataset, Writer out) throws IOException {
		List<MetricId> metrics = MetricId.forDataset(dataset);
		List<String> header = new ArrayList<>(
				List.of("run", "dataset", "model", "version", "role", "sha256", "threshold", "period", "verdict"));
		metrics.forEach((metric) -> header.add(metric.key()));
		List<MetricId> intervalled = Intervals.intervalled(dataset.task(), metrics);
		intervalled.forEach((metric) -> {
			header.add(metric.key() + "_lo");
			header.add(metric.key() + "_hi");
		});
		Map<String, Interval> intervals = new HashMap<>();
		this.results.metricIntervals(summary.run().id())
			.forEach((stored) -> intervals
				.put(stored.modelVersionId() + "/" + stored.period() + "/" + stored.metric().key(), stored.interval()));
		try (CSVPrinter csv = new CSVPrinter(out,
				CSVFormat.DEFAULT.builder().setRecordSeparator('\n').setHeader(header.toArray(String[]::new)).get())) {
			for (ModelSummary model : summary.models()) {
				for (Map.Entry<String, Map<MetricId, Double>> month : model.monthly().entrySet()) {
					csv.printRecord(row(summary, model, month.getKey(), month.getValue(), metrics,
							bounds(intervals, model, month.getKey(), intervalled)));
				}
				csv.printRecord(row(summary, model, ResultsStore.ALL, model.wholePeriod(), metrics,
						bounds(intervals, model, ResultsStore.ALL, intervalled)));
			}
		}
	}

	/**
	 * The {@code _lo} and {@code _hi} cells of a period's intervals, empty where a figure
	 * has none.
	 */
	private static List<Object> bounds(Map<String, Interval> intervals, ModelSummary model, String period,
			List<MetricId> intervalled) {
		List<Object> cells = new ArrayList<>();
		for (MetricId metric : intervalled) {
			Interval interval = intervals.get(model.model().id() + "/" + period + "/" + metric.key());
			cells.add((interval == null) ? "" : Formats.full(metric, interval.lo()));
			cells.add((interval == null) ? "" : Formats.full(metric, interval.hi()));
		}
		return cells;
	}

	private List<Object> row(RunSummary summary, ModelSummary model, String period, Map<MetricId, Double> values,
			List<MetricId> metrics, List<Object> intervals) {
		List<Object> row = new ArrayList<>(List.of(summary.run().id(), summary.run().dataset(), model.model().name(),
				model.model().version(), model.model().role(), model.model().sha256(),
				(model.threshold() != null) ? model.threshold() : "", period,
				model.verdicts().getOrDefault(period, "")));
		for (MetricId metric : metrics) {
			Double value = values.get(metric);
			row.add((value == null) ? "" : Formats.full(metric, value));
		}
		row.addAll(intervals);
		return row;
	}

}
