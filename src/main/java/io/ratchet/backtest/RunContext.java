package io.ratchet.backtest;

import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * What the prepare step decided, kept in the job execution context (stored in the job
 * repository, so it survives a restart and reaches remote workers): the months, the model
 * keys and the class threshold.
 *
 * @param runId the run id (the job instance id)
 * @param dataset the dataset
 * @param months the months to score, in order
 * @param modelKeys the model versions to score ({@code name@version})
 * @param threshold the class threshold
 */
record RunContext(long runId, String dataset, List<YearMonth> months, List<String> modelKeys, double threshold) {

	private static final String MONTHS = "ratchet.months";

	private static final String MODELS = "ratchet.models";

	private static final String THRESHOLD = "ratchet.threshold";

	private static final String DATASET = "ratchet.dataset";

	void store(ExecutionContext context) {
		context.putString(DATASET, this.dataset);
		context.putString(MONTHS, String.join(",", this.months.stream().map(YearMonth::toString).toList()));
		context.putString(MODELS, String.join(",", this.modelKeys));
		context.putDouble(THRESHOLD, this.threshold);
	}

	/** Whether the prepare step's decisions reached the job execution context. */
	static boolean present(ExecutionContext context) {
		return context.containsKey(MONTHS) && context.containsKey(MODELS);
	}

	static RunContext of(JobExecution execution) {
		ExecutionContext context = execution.getExecutionContext();
		return new RunContext(execution.getJobInstance().getInstanceId(), context.getString(DATASET),
				MonthGroups.months(context.getString(MONTHS)), Arrays.asList(context.getString(MODELS).split(",")),
				context.getDouble(THRESHOLD));
	}

}
