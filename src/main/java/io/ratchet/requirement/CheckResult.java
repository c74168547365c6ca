package io.ratchet.requirement;

import java.util.List;
import java.util.Objects;

import io.ratchet.metrics.MetricId;

/**
 * The outcome of checking one model's figures for one period.
 *
 * @param verdict pass, breach or insufficient data
 * @param breaches the bounds crossed (empty unless the verdict is {@code BREACH})
 * @param notEvaluated bounded metrics that could not be judged: undefined for the period
 * (absent from the figures), or every bounded metric when the verdict is
 * {@code INSUFFICIENT_DATA}
 */
public record CheckResult(Verdict verdict, List<Breach> breaches, List<MetricId> notEvaluated) {

	public CheckResult {
		Objects.requireNonNull(verdict, "verdict");
		breaches = List.copyOf(breaches);
		notEvaluated = List.copyOf(notEvaluated);
	}

}
