package io.ratchet.api;

/**
 * One stored figure of a run.
 *
 * @param model {@code name@version}
 * @param role the model's role in the run
 * @param period {@code YYYY-MM}, or {@code ALL} for the whole period (a now-test's
 * window)
 * @param metric the metric's key, e.g. {@code roc_auc}
 * @param value the figure, {@code null} when undefined for the period
 * @param rows the labelled rows behind it
 */
public record FigureView(String model, String role, String period, String metric, Double value, long rows) {

}
