package io.ratchet.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.ratchet.data.LogCoverage;
import io.ratchet.report.ReportTable.Cell;
import io.ratchet.run.PartitionResult;
import io.ratchet.run.RunRecord;
import io.ratchet.run.RunSummary.ModelSummary;

/**
 * The report's last section, "Run facts": the run's parameters, times, duration and row
 * counts; the models with their decision threshold, SHA-256 and file; for models whose
 * scores are logged, how their rows and scores met ({@code logged_coverage}); the data
 * files with their counts, newest first (at most {@value MetricTables#TABLE_MONTHS}).
 */
final class RunFactTables {

	private final ReportedRun reported;

	private final ReportReads reads;

	RunFactTables(ReportedRun reported, ReportReads reads) {
		this.reported = reported;
		this.reads = reads;
	}

	ReportSection section() {
		RunRecord run = this.reported.run();
		List<List<Cell>> facts = new ArrayList<>();
		fact(facts, "parameters", run.parameters());
		fact(facts, "status", run.status());
		fact(facts, "started", String.valueOf(run.startedAt()));
		fact(facts, "finished", String.valueOf(run.finishedAt()));
		if (run.startedAt() != null && run.finishedAt() != null) {
			fact(facts, "duration", duration(Duration.between(run.startedAt(), run.finishedAt())));
		}
		fact(facts, "rows read", String.valueOf(run.rowsRead()));
		fact(facts, "rows rejected", String.valueOf(run.rowsRejected()));
		fact(facts, "rows unlabelled", String.valueOf(run.rowsUnlabelled()));
		if (run.absentPeriods() != null) {
			fact(facts, "months without data", run.absentPeriods());
		}
		if (run.failure() != null) {
			facts.add(List.of(Cell.of("failure"), new Cell(run.failure(), true)));
		}
		List<List<Cell>> models = new ArrayList<>();
		for (ModelSummary model : this.reported.models()) {
			models.add(List.of(Cell.of(model.model().key()), Cell.of(model.model().role()),
					Cell.of((model.threshold() != null) ? Double.toString(model.threshold()) : "–"),
					Cell.of(model.model().sha256()), Cell.of(model.model().file())));
		}
		List<List<Cell>> files = new ArrayList<>();
		List<PartitionResult> partitions = new ArrayList<>(this.reported.summary().partitions());
		Collections.reverse(partitions);
		for (PartitionResult partition : partitions.subList(0,
				Math.min(MetricTables.TABLE_MONTHS, partitions.size()))) {
			files.add(List.of(Cell.of(partition.file()), Cell.of(Long.toString(partition.rowsRead())),
					new Cell(Long.toString(partition.rowsRejected()), partition.rowsRejected() > 0),
					Cell.of(Long.toString(partition.rowsUnlabelled())), Cell.of(Long.toString(partition.millis()))));
		}
		int omitted = partitions.size() - files.size();
		List<ReportTable> tables = new ArrayList<>(List
			.of(new ReportTable("Run", "", List.of("fact", "value"), facts, 40, ""), new ReportTable("Models",
					"Each model is judged at its own decision threshold (a row is predicted positive when its"
							+ " score is at least the threshold): its model file's, else ratchet.defaults.threshold.",
					List.of("model", "role", "threshold", "SHA-256", "file"), models, 8, "")));
		ReportTable logged = loggedPredictions(run);
		if (logged != null) {
			tables.add(logged);
		}
		tables.add(new ReportTable("Data files, newest first", "",
				List.of("file", "rows", "rejected", "unlabelled", "ms"), files, 12,
				(omitted > 0) ? omitted + " earlier files are listed in the database (run_partition)." : ""));
		return ReportSection.ofTables("facts", "Run facts", "", tables);
	}

	/**
	 * The logged models' join of rows and scores, or {@code null} when the run scored
	 * none.
	 */
	private ReportTable loggedPredictions(RunRecord run) {
		Map<Long, LogCoverage> coverage = this.reads.loggedCoverage(run.id());
		if (coverage.isEmpty()) {
			return null;
		}
		List<List<Cell>> rows = new ArrayList<>();
		for (ModelSummary model : this.reported.models()) {
			LogCoverage counts = coverage.get(model.model().id());
			if (counts != null) {
				rows.add(List.of(Cell.of(model.model().key()), Cell.of(Long.toString(counts.logged())),
						Cell.of(Long.toString(counts.joined())),
						new Cell(Long.toString(counts.unlogged()), counts.unlogged() > 0),
						Cell.of(Long.toString(counts.awaitingLabel()))));
			}
		}
		return new ReportTable("Logged predictions", "Scores logged in production: a model's metrics are over the"
				+ " labelled rows joined with a logged score; labelled rows without one are left out (never scored as"
				+ " something), and predictions whose row has no label yet wait for it.",
				List.of("model", "logged", "joined with a label", "labelled, no logged score", "awaiting label"), rows,
				8, "");
	}

	private static void fact(List<List<Cell>> facts, String name, String value) {
		facts.add(List.of(Cell.of(name), Cell.of((value != null) ? value : "–")));
	}

	private static String duration(Duration duration) {
		long seconds = duration.toSeconds();
		if (seconds < 60) {
			return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
		}
		return (seconds / 60) + " min " + (seconds % 60) + " s";
	}

}
