package io.ratchet.backtest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.LogCoverage;
import io.ratchet.data.ReadStats;
import io.ratchet.data.RowRange;
import io.ratchet.metrics.Accumulators;
import io.ratchet.metrics.MetricAccumulator;
import io.ratchet.metrics.MetricIntervals;
import io.ratchet.metrics.MetricValues;
import io.ratchet.report.FeatureMeanStore;
import io.ratchet.report.FeatureMeans;
import io.ratchet.requirement.DatasetRequirements;
import io.ratchet.requirement.RequirementCheck;
import io.ratchet.run.Attempt;
import io.ratchet.run.IntervalProperties;
import io.ratchet.run.LoggedPredictionsStore;
import io.ratchet.run.ModelFigures;
import io.ratchet.run.PartitionResult;
import io.ratchet.run.RangeStateStore;
import io.ratchet.run.ResultsStore;
import io.ratchet.run.RunModel;
import io.ratchet.workspace.Workspace;

import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Merges the row-range partitions of each split month into the month's own rows, before
 * the summary merges the months: the same rows an unsplit month stores (read counts,
 * figures, monthly verdict and breaches, accumulator state, feature means, logged
 * coverage, rejected-rows file), so the report, drift and every later reader see one
 * month.
 *
 * <p>
 * What is exact: every count (rows read, accepted, rejected, unlabelled; per metric the
 * row counts; coverage), the verdicts, and every figure computed from the set of scores
 * (ranks, thresholds, counts), because the accumulators' merge is the one the whole
 * period uses and keeps the scores themselves (up to its exact capacity, see
 * {@code metrics/ScoreHistogram}). Sums of doubles (feature means, losses, errors) are
 * added in another order than one pass would, so they agree to the last bits of a double
 * (a relative 1e-12 in the tests).
 *
 * <p>
 * Each month is merged in a transaction of its own; a month already stored (an earlier
 * attempt of the summary merged it) is left as it is.
 */
class MonthRanges {

	private final Workspace workspace;

	private final ResultsStore results;

	private final RangeStateStore ranges;

	private final FeatureMeanStore featureMeans;

	private final LoggedPredictionsStore loggedPredictions;

	private final TransactionTemplate transactions;

	private final IntervalProperties intervals;

	/**
	 * @param transactionManager each month is merged and committed in a transaction of
	 * its own, before the summary's whole-period merge reads the months' states on
	 * connections of its own
	 * @param intervals the bootstrap settings of the figures' intervals (as a whole
	 * month's)
	 */
	MonthRanges(Workspace workspace, ResultsStore results, RangeStateStore ranges, FeatureMeanStore featureMeans,
			LoggedPredictionsStore loggedPredictions, PlatformTransactionManager transactionManager,
			IntervalProperties intervals) {
		this.intervals = intervals;
		this.workspace = workspace;
		this.results = results;
		this.ranges = ranges;
		this.featureMeans = featureMeans;
		this.loggedPredictions = loggedPredictions;
		this.transactions = new TransactionTemplate(transactionManager);
		this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/**
	 * Merges every split month of the plan not yet stored.
	 * @param attempt whether an earlier execution of the run can have stored rows of a
	 * month (then its save replaces them, as a whole month's does)
	 * @return how many months were merged
	 */
	int mergeAll(RunContext run, DatasetConfig dataset, MonthGroups plan, Attempt attempt) {
		Set<String> stored = this.results.storedPeriods(run.runId());
		int merged = 0;
		for (Map.Entry<YearMonth, List<RowRange>> month : plan.splitMonths().entrySet()) {
			if (!stored.contains(month.getKey().toString())) {
				this.transactions
					.executeWithoutResult((status) -> merge(run, dataset, month.getKey(), month.getValue(), attempt));
				merged++;
			}
		}
		return merged;
	}

	private void merge(RunContext run, DatasetConfig dataset, YearMonth month, List<RowRange> planned,
			Attempt attempt) {
		String period = month.toString();
		List<RangeStateStore.RangeResult> parts = this.ranges.results(run.runId(), period);
		if (parts.size() != planned.size()) {
			throw new IllegalStateException("month " + period + " of run " + run.runId() + ": " + parts.size() + " of "
					+ planned.size() + " row ranges stored; restart the run to score the others");
		}
		long rows = 0;
		long accepted = 0;
		long rejected = 0;
		long unlabelled = 0;
		long millis = 0;
		FeatureMeans means = new FeatureMeans(dataset);
		for (RangeStateStore.RangeResult part : parts) {
			ReadStats stats = part.stats();
			rows += stats.rows();
			accepted += stats.accepted();
			rejected += stats.rejected();
			unlabelled += stats.unlabelled();
			millis += part.millis();
			means.merge(part.featureState());
		}
		Path rejectedFile = BacktestMonthTasklet.rejectedFile(this.workspace, run.runId(), month, RowRange.ALL);
		joinRejected(parts.stream()
			.map((part) -> BacktestMonthTasklet.rejectedFile(this.workspace, run.runId(), month, part.range()))
			.toList(), rejectedFile);
		DatasetRequirements requirements = this.workspace.requirementsFor(dataset.name());
		List<ModelFigures> figures = new ArrayList<>();
		List<LoggedPredictionsStore.StoredCoverage> coverages = new ArrayList<>();
		for (RunModel model : this.results.runModels(run.runId())) {
			double threshold = run.threshold(model.key());
			MetricAccumulator merged = Accumulators.create(dataset, threshold);
			List<RangeStateStore.RangeState> states = this.ranges.states(run.runId(), period, model.id());
			for (RangeStateStore.RangeState state : states) {
				merged.merge(Accumulators.fromBytes(dataset.task(), threshold, dataset.valueMatrix(), state.state()));
			}
			figures.add(figures(requirements, dataset, model.id(), model.name(), month, merged, this.intervals));
			LogCoverage coverage = coverage(states);
			if (coverage != null) {
				coverages.add(new LoggedPredictionsStore.StoredCoverage(model.id(), period, coverage));
			}
		}
		Path file = this.workspace.datasetDir(dataset.name()).resolve(month + ".csv");
		this.results.savePartition(new PartitionResult(run.runId(), period, file.toString(), rows, accepted, rejected,
				unlabelled, (rejected > 0) ? rejectedFile.toString() : null, millis), figures, attempt);
		this.featureMeans.save(run.runId(), period, means, attempt);
		this.loggedPredictions.saveCoverage(run.runId(), period, coverages, attempt);
	}

	/**
	 * A model's figures of a month with their intervals, checked against the monthly
	 * bounds (as a whole month's figures are).
	 */
	static ModelFigures figures(DatasetRequirements requirements, DatasetConfig dataset, long modelId, String modelName,
			YearMonth month, MetricAccumulator accumulator, IntervalProperties intervalSettings) {
		MetricValues values = accumulator.result();
		MetricIntervals intervals = intervalSettings.of(accumulator, values);
		return new ModelFigures(modelId, dataset.task(), values,
				RequirementCheck.check(requirements, modelName, month.toString(), false, values, intervals),
				accumulator.toBytes(), intervals);
	}

	/**
	 * A logged model's coverage of the month from its ranges', or {@code null} for a
	 * model that is not logged. Rows counted (joined, unlogged) add up. A prediction
	 * log's every range counts all the month's predictions ({@code logged}) and those its
	 * rows did not join as awaiting, so the month's awaiting are its predictions less all
	 * joined; a score column's awaiting rows add up like the others.
	 */
	static LogCoverage coverage(List<RangeStateStore.RangeState> states) {
		LogCoverage sum = null;
		for (RangeStateStore.RangeState state : states) {
			if (state.coverage() != null) {
				sum = (sum == null) ? state.coverage() : sum.plus(state.coverage());
			}
		}
		if (sum == null || !states.get(0).fromLog()) {
			return sum;
		}
		long logged = states.get(0).coverage().logged();
		return new LogCoverage(logged, sum.joined(), sum.unlogged(), logged - sum.joined());
	}

	/**
	 * Joins the ranges' rejected-rows files, in row order, into the month's (one header),
	 * and deletes them; nothing is written when no range rejected a row.
	 */
	private static void joinRejected(List<Path> parts, Path month) {
		List<Path> present = parts.stream().filter(Files::exists).toList();
		if (present.isEmpty()) {
			return;
		}
		try (Writer out = Files.newBufferedWriter(month, StandardCharsets.UTF_8)) {
			boolean first = true;
			for (Path part : present) {
				try (BufferedReader in = Files.newBufferedReader(part, StandardCharsets.UTF_8)) {
					String header = in.readLine();
					if (first) {
						out.write(header + "\r\n");
						first = false;
					}
					in.transferTo(out);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot join the rejected rows of " + month + ": " + ex.getMessage(), ex);
		}
		for (Path part : present) {
			try {
				Files.delete(part);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("cannot delete " + part + ": " + ex.getMessage(), ex);
			}
		}
	}

}
