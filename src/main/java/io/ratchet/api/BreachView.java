package io.ratchet.api;

/**
 * A figure of a run that crossed its bound.
 *
 * @param model {@code name@version}
 * @param role the model's role in the run
 * @param period {@code YYYY-MM} or {@code ALL}
 * @param metric the figure's key: a metric ({@code roc_auc}) or a drift statistic
 * ({@code psi:tenure_months})
 * @param bound {@code min} or {@code max}
 * @param limit the bound's value
 * @param value the figure that crossed it
 */
public record BreachView(String model, String role, String period, String metric, String bound, double limit,
		double value) {

}
