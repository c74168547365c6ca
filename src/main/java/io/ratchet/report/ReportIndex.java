package io.ratchet.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.ratchet.data.AtomicFiles;
import io.ratchet.run.ResultsStore;
import io.ratchet.run.RunFinished;
import io.ratchet.run.RunRecord;
import io.ratchet.system.RatchetPaths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * {@code reports/index.html}: every run, newest first, with its verdict badge, dataset,
 * models and a link to its report. Rewritten from the database whenever a run of any job
 * ends ({@link RunFinished}), a failed one too, so it never depends on what an earlier
 * page said.
 */
@Component
public class ReportIndex {

	private static final Logger log = LoggerFactory.getLogger(ReportIndex.class);

	/** Runs listed at most. */
	static final int LIMIT = 2000;

	private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	private final ResultsStore results;

	private final ReportReads reads;

	private final RatchetPaths paths;

	public ReportIndex(ResultsStore results, ReportReads reads, RatchetPaths paths) {
		this.results = results;
		this.reads = reads;
		this.paths = paths;
	}

	@EventListener
	void runFinished(RunFinished event) {
		try {
			write();
		}
		catch (RuntimeException ex) {
			// the run itself is recorded; a report index that could not be written must
			// not change its outcome
			log.warn("cannot write {}: {}", this.paths.reports().resolve("index.html"), ex.getMessage());
		}
	}

	/** Rewrites {@code reports/index.html}; returns its path. */
	public Path write() {
		Path reports = this.paths.reports();
		Path target = reports.resolve("index.html");
		Listing listing = listing();
		try {
			Files.createDirectories(reports);
			AtomicFiles.write(target, ReportTemplates.render("index", Map.of("runs", listing.rows(), "omitted",
					listing.omitted(), "written", LocalDateTime.now().format(MINUTES))));
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write " + target, ex);
		}
	}

	/**
	 * The rows of the index, read from the database now (the console shows them without
	 * the file); each row's link is relative to the reports folder.
	 */
	public Listing listing() {
		Path reports = this.paths.reports();
		List<RunRecord> runs = this.results.recentRuns(LIMIT + 1);
		Map<Long, String> models = this.reads.modelsOfRuns();
		List<Row> rows = new ArrayList<>();
		for (RunRecord run : runs.subList(0, Math.min(LIMIT, runs.size()))) {
			rows.add(row(run, models.getOrDefault(run.id(), "–"), reports));
		}
		return new Listing(rows, Math.max(0, runs.size() - LIMIT));
	}

	/** One run's row, read now; empty when no run has this id (yet). */
	public Optional<Row> row(long runId) {
		return this.results.run(runId)
			.map((run) -> row(run, this.reads.modelsOfRuns().getOrDefault(runId, "–"), this.paths.reports()));
	}

	private static Row row(RunRecord run, String models, Path reports) {
		boolean failed = "FAILED".equals(run.status()) || "STOPPED".equals(run.status());
		String verdict = (failed || run.verdict() == null) ? run.status() : run.verdict();
		Path page = reports.resolve(run.jobName()).resolve(Long.toString(run.id())).resolve(RunReports.PAGE);
		String link = Files.isRegularFile(page) ? run.jobName() + "/" + run.id() + "/" + RunReports.PAGE
				: otherPage(run, reports);
		String period = (run.fromPeriod() == null) ? "" : run.fromPeriod().equals(run.toPeriod()) ? run.fromPeriod()
				: run.fromPeriod() + " … " + run.toPeriod();
		String duration = "";
		if (run.startedAt() != null && run.finishedAt() != null) {
			long seconds = Duration.between(run.startedAt(), run.finishedAt()).toSeconds();
			duration = (seconds < 60) ? seconds + " s" : (seconds / 60) + " min " + (seconds % 60) + " s";
		}
		return new Row(run.id(), run.jobName(), run.dataset(), verdict, period, models,
				(run.startedAt() != null) ? run.startedAt().format(MINUTES) : "", duration, link,
				failed ? run.failure() : null);
	}

	/**
	 * A job whose page is not {@code index.html}: its recorded report path, when it is a
	 * page under the reports.
	 */
	private static String otherPage(RunRecord run, Path reports) {
		if (run.reportPath() == null || !run.reportPath().endsWith(".html")) {
			return null;
		}
		Path page = Path.of(run.reportPath()).toAbsolutePath().normalize();
		Path root = reports.toAbsolutePath().normalize();
		return (page.startsWith(root) && Files.isRegularFile(page))
				? root.relativize(page).toString().replace('\\', '/') : null;
	}

	/**
	 * The runs of the index, newest first.
	 *
	 * @param omitted how many older runs are left out ({@link #LIMIT})
	 */
	public record Listing(List<Row> rows, int omitted) {
	}

	/** One line of the index. */
	public record Row(long id, String job, String dataset, String verdict, String period, String models, String started,
			String duration, String link, String failure) {

		public String verdictLabel() {
			return (this.verdict != null) ? this.verdict.replace('_', ' ') : "RUNNING";
		}

		public String badgeStyle() {
			return Badges.style(this.verdict);
		}

	}

}
