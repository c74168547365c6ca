package io.ratchet.run;

import io.ratchet.metrics.Metric;

/** One stored breach: a metric value that crossed its bound. */
public record StoredBreach(long modelVersionId, String period, Metric metric, String boundKind, double bound,
		double value) {

	/** e.g. {@code roc_auc 0.7100 < 0.7500}. */
	public String describe() {
		return String.format(java.util.Locale.ROOT, "%s %.4f %s %.4f", this.metric.key(), this.value,
				"MIN".equals(this.boundKind) ? "<" : ">", this.bound);
	}

}
