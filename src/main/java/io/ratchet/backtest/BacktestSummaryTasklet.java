package io.ratchet.backtest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.Segment;
import io.ratchet.metrics.Accumulators;
import io.ratchet.metrics.MetricAccumulator;
import io.ratchet.metrics.MetricIntervals;
import io.ratchet.metrics.MetricValues;
import io.ratchet.report.ReportSection;
import io.ratchet.report.RunReports;
import io.ratchet.requirement.CheckResult;
import io.ratchet.requirement.DatasetRequirements;
import io.ratchet.requirement.RequirementCheck;
import io.ratchet.requirement.Verdict;
import io.ratchet.run.IntervalProperties;
import io.ratchet.run.JobKind;
import io.ratchet.run.ModelFigures;
import io.ratchet.run.PartitionResult;
import io.ratchet.run.ResultsStore;
import io.ratchet.run.Role;
import io.ratchet.run.RunModel;
import io.ratchet.run.RunStatus;
import io.ratchet.run.RunSummaries;
import io.ratchet.run.RunSummary;
import io.ratchet.run.StoredVerdict;
import io.ratchet.segment.SegmentFigures;
import io.ratchet.segment.SegmentJudge;
import io.ratchet.segment.SegmentReport;
import io.ratchet.segment.SegmentStore;
import io.ratchet.workspace.Workspace;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Last step of a back-test: merges the whole-period figures from the states the
 * partitions stored (never from JVM memory, so it works whoever ran the partitions),
 * checks the whole-period requirements, decides the verdict, writes the reports and
 * closes the run. A run whose rejected rows exceed the configured share fails here, after
 * its report is written.
 */
class BacktestSummaryTasklet implements Tasklet {

	private static final Logger log = LoggerFactory.getLogger(BacktestSummaryTasklet.class);

	/** The bootstrap settings of the figures' intervals. */
	private final IntervalProperties intervals;

	private final Workspace workspace;

	private final ResultsStore results;

	private final RunSummaries summaries;

	private final RunReports reports;

	private final BacktestProperties properties;

	private final SegmentStore segments;

	private final MonthRanges monthRanges;

	/**
	 * @param summaries reads the finished run for the report, and remembers it for the
	 * command's printout
	 * @param monthRanges merges the row ranges of split months first
	 */
	BacktestSummaryTasklet(Workspace workspace, ResultsStore results, RunSummaries summaries, RunReports reports,
			BacktestProperties properties, MonthRanges monthRanges, SegmentStore segments,
			IntervalProperties intervals) {
		this.intervals = intervals;
		this.workspace = workspace;
		this.results = results;
		this.summaries = summaries;
		this.reports = reports;
		this.properties = properties;
		this.monthRanges = monthRanges;
		this.segments = segments;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
		JobExecution job = chunkContext.getStepContext().getStepExecution().getJobExecution();
		RunContext run = RunContext.of(job);
		DatasetConfig dataset = this.workspace.dataset(run.dataset());
		DatasetRequirements requirements = this.workspace.requirementsFor(dataset.name());
		String plan = job.getExecutionContext().getString(MonthPartitioner.PLAN, null);
		if (plan != null) {
			// split months first: each gets its own rows, as if read whole
			this.monthRanges.mergeAll(run, dataset, MonthGroups.parse(plan), RunContext.attempt(job));
		}

		List<RunModel> models = this.results.runModels(run.runId());
		List<SegmentFigures> segmentFigures = Collections.synchronizedList(new ArrayList<>());
		// Models are merged in parallel (the common pool: one per core): each merge reads
		// its own months' states on its
		// own connection, already committed by the worker steps, and sorting the whole
		// period's scores is the costly
		// part. One month's state at a time: the merged accumulator is bounded (see
		// MetricAccumulator), so memory stays
		// flat however long the history is.
		List<ModelFigures> whole = models.parallelStream().map((model) -> {
			double threshold = run.threshold(model.key());
			MetricAccumulator merged = Accumulators.create(dataset, threshold);
			this.results.forEachPartitionState(run.runId(), model.id(), (state) -> merged
				.merge(Accumulators.fromBytes(dataset.task(), threshold, dataset.valueMatrix(), state)));
			MetricValues values = merged.result();
			MetricIntervals intervals = this.intervals.of(merged, values);
			CheckResult check = RequirementCheck.check(requirements, model.name(), ResultsStore.ALL, true, values,
					intervals);
			if (!dataset.segments().isEmpty()) {
				List<SegmentFigures> judged = judgedSegments(run, dataset, requirements, model, threshold);
				segmentFigures.addAll(judged);
				check = SegmentJudge.withSegments(check, judged);
			}
			return new ModelFigures(model.id(), dataset.task(), values, check, null, intervals);
		}).toList();
		this.results.saveWholePeriod(run.runId(), whole);
		if (!dataset.segments().isEmpty()) {
			this.segments.save(run.runId(), ResultsStore.ALL, dataset.task(),
					models.stream().map(RunModel::id).toList(), segmentFigures);
			Set<Segment> seen = new HashSet<>();
			segmentFigures.forEach((figure) -> seen.add(figure.segment()));
			SegmentJudge.unseenLevels(requirements, seen, this.workspace.requirements().at(dataset.name()))
				.forEach((warning) -> log.warn("{}", warning));
		}

		// The run is closed from its row counts and verdicts alone; every figure of the
		// run
		// (some 160,000 rows for 840 months of 4 models) is read once, for the report,
		// after the run has finished: the figures are all stored by then, and the run's
		// own time no longer includes reading them back.
		long read = 0;
		long rejected = 0;
		long unlabelled = 0;
		for (PartitionResult partition : this.results.partitions(run.runId())) {
			read += partition.rowsRead();
			rejected += partition.rowsRejected();
			unlabelled += partition.rowsUnlabelled();
		}
		Verdict verdict = verdict(models, this.results.verdicts(run.runId()));
		Path reportDir = this.workspace.reportDir(JobKind.BACKTEST.jobName(), run.runId());
		String failure = rejectedShareFailure(read, rejected, reportDir);
		RunStatus status = (failure != null) ? RunStatus.FAILED : RunStatus.COMPLETED;
		this.results.finishRun(run.runId(), status, verdict.name(), read, rejected, unlabelled,
				reportDir.resolve(RunReports.PAGE).toString(), failure);
		RunSummary finished = this.summaries.load(run.runId());
		List<ReportSection> sections = new ArrayList<>();
		if (!dataset.segments().isEmpty()) {
			List<SegmentStore.StoredSegmentValue> stored = this.segments.values(run.runId());
			SegmentReport.writeCsv(reportDir, finished, dataset, stored);
			sections.add(SegmentReport.section(finished, dataset, requirements, stored));
		}
		this.reports.write(finished, dataset, requirements, reportDir, sections);
		if (failure != null) {
			throw new RejectedRowsException(failure);
		}
		contribution.setExitStatus(new ExitStatus(verdict.name()));
		return RepeatStatus.FINISHED;
	}

	/**
	 * A model's segment levels judged on the whole period, each merged from its months'
	 * stored states and judged before the next level's are read (one level's scores held
	 * at a time).
	 */
	private List<SegmentFigures> judgedSegments(RunContext run, DatasetConfig dataset, DatasetRequirements requirements,
			RunModel model, double threshold) {
		List<SegmentFigures> judged = new ArrayList<>();
		this.segments.forEachMergedSegment(run.runId(), model.id(), () -> Accumulators.create(dataset, threshold),
				(state) -> Accumulators.fromBytes(dataset.task(), threshold, dataset.valueMatrix(), state),
				(segment, merged) -> judged.addAll(SegmentJudge.judge(requirements, dataset.segments().minRows(),
						model.name(), model.id(), ResultsStore.ALL, Map.of(segment, merged), false)));
		return judged;
	}

	/**
	 * The run's verdict follows the champion when the run scored it (a candidate below
	 * its minimums is news, not an alarm); otherwise the worst verdict of the models
	 * scored.
	 */
	static Verdict verdict(List<RunModel> models, List<StoredVerdict> stored) {
		Map<Long, Map<String, String>> byModel = new HashMap<>();
		stored.forEach((verdict) -> byModel.computeIfAbsent(verdict.modelVersionId(), (id) -> new HashMap<>())
			.put(verdict.period(), verdict.verdict()));
		List<RunModel> judged = models.stream().filter((model) -> model.is(Role.CHAMPION)).toList();
		if (judged.isEmpty()) {
			judged = models;
		}
		Verdict verdict = Verdict.PASS;
		for (RunModel model : judged) {
			String own = RunSummary.ModelSummary.modelVerdict(byModel.getOrDefault(model.id(), Map.of()));
			verdict = Verdict.worst(verdict, Verdict.valueOf(own));
		}
		return verdict;
	}

	private String rejectedShareFailure(long read, long rejected, Path reportDir) {
		if (read == 0 || rejected == 0) {
			return null;
		}
		double share = (double) rejected / read;
		if (share <= this.properties.maxRejectedShare()) {
			return null;
		}
		return String.format(Locale.ROOT,
				"%d of %d rows rejected (%.2f%%), more than the limit of %.2f%% (ratchet.backtest.max-rejected-share); "
						+ "the rejected rows and their reasons are in %s",
				rejected, read, 100 * share, 100 * this.properties.maxRejectedShare(), reportDir.resolve("rejected"));
	}

	/** The run read too many bad rows to be trusted. */
	static class RejectedRowsException extends RuntimeException {

		RejectedRowsException(String message) {
			super(message);
		}

	}

}
