package io.ratchet.backtest;

import java.time.YearMonth;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.ratchet.run.Attempt;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * What the prepare step decided, kept in the job execution context (stored in the job
 * repository, so it survives a restart and reaches remote workers): the months, the model
 * keys, the configured default threshold and each model's own decision threshold.
 *
 * @param runId the run id (the job instance id)
 * @param dataset the dataset
 * @param months the months to score, in order
 * @param modelKeys the model versions to score ({@code name@version})
 * @param threshold the configured default threshold ({@code ratchet.defaults.threshold})
 * @param thresholds per model key, the decision threshold its accumulators use (its
 * file's own, or the default); empty for a run prepared before thresholds were per model
 */
record RunContext(long runId, String dataset, List<YearMonth> months, List<String> modelKeys, double threshold,
		Map<String, Double> thresholds) {

	private static final String MONTHS = "ratchet.months";

	private static final String MODELS = "ratchet.models";

	private static final String THRESHOLD = "ratchet.threshold";

	private static final String THRESHOLDS = "ratchet.thresholds";

	private static final String DATASET = "ratchet.dataset";

	/**
	 * The id of the run's first job execution, written by the prepare step of that
	 * execution; a restart copies the job execution context, and with it this id, into an
	 * execution of another id.
	 */
	private static final String FIRST_EXECUTION = "ratchet.firstExecution";

	RunContext {
		thresholds = Map.copyOf(thresholds);
	}

	/** The decision threshold a model's accumulators use in this run. */
	double threshold(String modelKey) {
		return this.thresholds.getOrDefault(modelKey, this.threshold);
	}

	void store(ExecutionContext context) {
		context.putString(DATASET, this.dataset);
		context.putString(MONTHS, String.join(",", this.months.stream().map(YearMonth::toString).toList()));
		context.putString(MODELS, String.join(",", this.modelKeys));
		context.putDouble(THRESHOLD, this.threshold);
		context.putString(THRESHOLDS, String.join(",",
				this.thresholds.entrySet().stream().map((entry) -> entry.getKey() + "=" + entry.getValue()).toList()));
	}

	/**
	 * Records that this execution is the run's first (called by the prepare step when it
	 * decides the run).
	 */
	static void markFirst(JobExecution execution) {
		execution.getExecutionContext().putLong(FIRST_EXECUTION, execution.getId());
	}

	/**
	 * {@link Attempt#FIRST} in the run's first execution, where no earlier attempt can
	 * have stored a month; {@link Attempt#REPEATED} in a restart (and in a run prepared
	 * before the first execution was recorded).
	 */
	static Attempt attempt(JobExecution execution) {
		ExecutionContext context = execution.getExecutionContext();
		boolean first = context.containsKey(FIRST_EXECUTION) && context.getLong(FIRST_EXECUTION) == execution.getId();
		return first ? Attempt.FIRST : Attempt.REPEATED;
	}

	/** Whether the prepare step's decisions reached the job execution context. */
	static boolean present(ExecutionContext context) {
		return context.containsKey(MONTHS) && context.containsKey(MODELS);
	}

	static RunContext of(JobExecution execution) {
		ExecutionContext context = execution.getExecutionContext();
		Map<String, Double> thresholds = new LinkedHashMap<>();
		String perModel = context.getString(THRESHOLDS, "");
		if (!perModel.isEmpty()) {
			for (String entry : perModel.split(",")) {
				int equals = entry.lastIndexOf('=');
				thresholds.put(entry.substring(0, equals), Double.parseDouble(entry.substring(equals + 1)));
			}
		}
		return new RunContext(execution.getJobInstance().getInstanceId(), context.getString(DATASET),
				MonthGroups.months(context.getString(MONTHS)), Arrays.asList(context.getString(MODELS).split(",")),
				context.getDouble(THRESHOLD), thresholds);
	}

}
