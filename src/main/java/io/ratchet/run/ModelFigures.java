package io.ratchet.run;

import io.ratchet.data.Task;
import java.util.Objects;

import io.ratchet.metrics.MetricIntervals;
import io.ratchet.metrics.MetricValues;
import io.ratchet.requirement.CheckResult;

/**
 * What one model version scored over one period, how that compares with the requirements,
 * and (for a month) the accumulator state that whole-period figures are merged from.
 *
 * @param modelVersionId the {@code model_version} row
 * @param task the task, which decides the metrics stored: every one of them, an undefined
 * one as NULL
 * @param values the metric values
 * @param check the verdict and breaches for the period
 * @param state the serialised accumulators, or {@code null} for the whole period
 * @param intervals the 95% intervals of the figures ({@code metric_interval})
 */
public record ModelFigures(long modelVersionId, Task task, MetricValues values, CheckResult check, byte[] state,
		MetricIntervals intervals) {

	public ModelFigures {
		Objects.requireNonNull(intervals, "intervals");
	}

	/** Figures without intervals. */
	public ModelFigures(long modelVersionId, Task task, MetricValues values, CheckResult check, byte[] state) {
		this(modelVersionId, task, values, check, state, MetricIntervals.NONE);
	}

}
