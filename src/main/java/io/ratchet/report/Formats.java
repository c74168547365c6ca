package io.ratchet.report;

import java.util.Locale;

import io.ratchet.metrics.Metric;
import io.ratchet.metrics.MetricId;

/**
 * How figures are written: counts as integers, other metrics with enough digits to
 * compare.
 */
public final class Formats {

	private Formats() {
	}

	/** Full precision for files meant for machines (CSV). */
	public static String full(MetricId metric, double value) {
		return isCount(metric) ? Long.toString(Math.round(value)) : Double.toString(value);
	}

	/** Four decimals for people (tables, HTML). */
	public static String brief(MetricId metric, double value) {
		if (isCount(metric)) {
			return String.format(Locale.ROOT, "%,d", Math.round(value));
		}
		double magnitude = Math.abs(value);
		return String.format(Locale.ROOT, (magnitude >= 1000) ? "%.1f" : (magnitude >= 10) ? "%.3f" : "%.4f", value);
	}

	private static boolean isCount(MetricId metric) {
		return metric == Metric.N || metric == Metric.POSITIVES || metric == Metric.TP || metric == Metric.FP
				|| metric == Metric.TN || metric == Metric.FN;
	}

}
