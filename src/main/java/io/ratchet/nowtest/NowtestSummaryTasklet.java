package io.ratchet.nowtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.ratchet.data.AtomicFiles;
import io.ratchet.data.DatasetConfig;
import io.ratchet.report.ReportSection;
import io.ratchet.report.ReportTable;
import io.ratchet.report.RunReports;
import io.ratchet.requirement.DatasetRequirements;
import io.ratchet.requirement.DriftStatistic;
import io.ratchet.requirement.Verdict;
import io.ratchet.run.ResultsStore;
import io.ratchet.run.Role;
import io.ratchet.run.RunStatus;
import io.ratchet.run.RunSummary;
import io.ratchet.workspace.Workspace;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Last step of a now-test: decides the verdict from what the scoring step stored (the
 * worst of the champion's metric verdict and the drift verdict; {@code INSUFFICIENT_DATA}
 * when the window had fewer labelled rows than {@code min-rows}), closes the run and
 * writes {@code reports/nowtest/<run>/}: {@code metrics.csv} and {@code index.html} as
 * for a back-test (period {@code ALL} is the window), {@code drift.csv} and
 * {@code surprising.csv}.
 */
class NowtestSummaryTasklet implements Tasklet {

	private final Workspace workspace;

	private final ResultsStore results;

	private final NowtestStore store;

	private final RunReports reports;

	private final EstimateStore estimates;

	private final EarlyWarningMail earlyWarnings;

	private final SurprisingRowStore surprising;

	NowtestSummaryTasklet(Workspace workspace, ResultsStore results, NowtestStore store, RunReports reports,
			EstimateStore estimates, EarlyWarningMail earlyWarnings, SurprisingRowStore surprising) {
		this.surprising = surprising;
		this.estimates = estimates;
		this.earlyWarnings = earlyWarnings;
		this.workspace = workspace;
		this.results = results;
		this.store = store;
		this.reports = reports;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
		JobExecution job = chunkContext.getStepContext().getStepExecution().getJobExecution();
		long runId = job.getJobInstance().getInstanceId();
		NowtestParameters parameters = NowtestParameters.from(job.getJobParameters());
		DatasetConfig dataset = this.workspace.dataset(parameters.dataset());
		DatasetRequirements requirements = this.workspace.requirementsFor(dataset.name());
		NowtestStore.WindowRecord window = this.store.window(runId)
			.orElseThrow(() -> new IllegalStateException("run " + runId + " has no window record"));
		Verdict verdict = Verdict.worst(window.metricVerdict(), window.driftVerdict());
		var partition = this.results.partitions(runId)
			.stream()
			.filter((p) -> ResultsStore.ALL.equals(p.period().strip()))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("run " + runId + " stored no window figures"));
		Path reportDir = this.workspace.reportDir(NowtestJobConfiguration.JOB_NAME, runId);
		this.results.finishRun(runId, RunStatus.COMPLETED, verdict.name(), partition.rowsRead(),
				partition.rowsRejected(), partition.rowsUnlabelled() + window.rowsAwaitingLabel(),
				reportDir.resolve(RunReports.PAGE).toString(), null);
		RunSummary summary = RunSummary.load(this.results, runId);
		// read once for the table and the CSV
		List<NowtestStore.StoredDrift> drift = this.store.drift(runId);
		List<EstimateStore.StoredEstimate> estimated = this.estimates.of(runId);
		List<ReportSection> sections = new ArrayList<>(List
			.of(ReportSection.ofTables("drift-figures", "Drift figures", "", List.of(driftTable(drift, summary)))));
		if (!estimated.isEmpty()) {
			sections.add(EstimateTable.section(estimated));
		}
		List<SurprisingRowStore.StoredSurprise> surprises = this.surprising.of(runId);
		sections.add(SurpriseTable.section(surprises, window.referenceDesc()));
		this.reports.write(summary, dataset, requirements, reportDir, sections);
		writeDriftCsv(runId, drift, reportDir);
		SurpriseTable.writeCsv(runId, surprises, reportDir);
		summary.models()
			.stream()
			.map(RunSummary.ModelSummary::model)
			.filter((model) -> model.is(Role.CHAMPION))
			.findFirst()
			.ifPresent((champion) -> this.earlyWarnings.sendIfBreached(runId, dataset.name(), parameters.asOf(),
					champion, estimated, reportDir.resolve(RunReports.PAGE).toString()));
		contribution.setExitStatus(new ExitStatus(verdict.name()));
		return RepeatStatus.FINISHED;
	}

	/**
	 * The drift of every feature and score as one table for {@code index.html}: a row per
	 * subject, a column per statistic, breached cells marked as breached metrics are.
	 */
	private static ReportTable driftTable(List<NowtestStore.StoredDrift> drift, RunSummary summary) {
		List<String> statistics = new ArrayList<>(
				Arrays.stream(DriftStatistic.values()).map(DriftStatistic::key).toList());
		if (drift.stream().anyMatch((value) -> value.statistic().equals(DriftFindings.QUALITY_VIOLATIONS))) {
			statistics.add(DriftFindings.QUALITY_VIOLATIONS);
		}
		Map<String, Map<String, Double>> bySubject = new TreeMap<>((a, b) -> {
			boolean scoreA = a.startsWith("score:");
			boolean scoreB = b.startsWith("score:");
			return (scoreA != scoreB) ? Boolean.compare(scoreA, scoreB) : a.compareTo(b);
		});
		String reference = "";
		for (NowtestStore.StoredDrift value : drift) {
			bySubject.computeIfAbsent(value.subject(), (subject) -> new HashMap<>())
				.put(value.statistic(), value.value());
			reference = value.referenceDesc() + ", " + value.referenceRows() + " rows; window " + value.windowRows()
					+ " rows";
		}
		Map<String, Set<String>> breached = new HashMap<>();
		for (RunSummary.ModelSummary model : summary.models()) {
			model.breaches()
				.forEach((breach) -> breached.computeIfAbsent(model.model().key(), (key) -> new HashSet<>())
					.add(breach.metric()));
		}
		List<List<ReportTable.Cell>> rows = new ArrayList<>();
		bySubject.forEach((subject, values) -> {
			List<ReportTable.Cell> row = new ArrayList<>();
			row.add(ReportTable.Cell.of(subject));
			for (String statistic : statistics) {
				Double value = values.get(statistic);
				// a p-value with three significant digits, so 2e-9 does not read 0.0000
				String format = statistic.equals(DriftStatistic.P_VALUE.key()) ? "%.3g"
						: statistic.equals(DriftFindings.QUALITY_VIOLATIONS) ? "%.0f" : "%.4f";
				row.add(new ReportTable.Cell((value == null) ? "–" : String.format(Locale.ROOT, format, value),
						value != null && isBreached(breached, subject, statistic)));
			}
			rows.add(row);
		});
		List<String> header = new ArrayList<>(List.of("feature or score"));
		header.addAll(statistics);
		return new ReportTable("Drift", "Against " + reference + ".", header, rows);
	}

	private static boolean isBreached(Map<String, Set<String>> breached, String subject, String statistic) {
		if (subject.startsWith("score:")) {
			return breached.getOrDefault(subject.substring("score:".length()), Set.of()).contains(statistic + ":score");
		}
		// a missing share above the dataset file's max-missing marks the missing_rate
		// cell
		return breached.values()
			.stream()
			.anyMatch((keys) -> keys.contains(statistic + ":" + subject)
					|| (statistic.equals(DriftStatistic.MISSING_RATE.key())
							&& keys.contains(DriftFindings.QUALITY_MISSING_RATE + ":" + subject)));
	}

	private static void writeDriftCsv(long runId, List<NowtestStore.StoredDrift> drift, Path dir) throws IOException {
		Files.createDirectories(dir);
		Path target = dir.resolve("drift.csv");
		AtomicFiles.write(target, (out) -> {
			CSVPrinter csv = new CSVPrinter(out,
					CSVFormat.DEFAULT.builder()
						.setRecordSeparator('\n')
						.setHeader("run", "subject", "statistic", "value", "reference", "reference_rows", "window_rows")
						.get());
			for (NowtestStore.StoredDrift value : drift) {
				csv.printRecord(runId, value.subject(), value.statistic(), value.value(), value.referenceDesc(),
						value.referenceRows(), value.windowRows());
			}
			csv.flush();
		});
	}

}
