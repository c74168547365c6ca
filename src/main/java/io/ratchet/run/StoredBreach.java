package io.ratchet.run;

/**
 * One stored breach: a figure that crossed its bound.
 *
 * @param metric the figure's key: a {@link io.ratchet.metrics.Metric#key()} such as
 * {@code roc_auc}, or a drift figure such as {@code psi:tenure_months}
 */
public record StoredBreach(long modelVersionId, String period, String metric, String boundKind, double bound,
		double value) {

	/** e.g. {@code roc_auc 0.7100 < 0.7500}. */
	public String describe() {
		return String.format(java.util.Locale.ROOT, "%s %.4f %s %.4f", this.metric, this.value,
				"MIN".equals(this.boundKind) ? "<" : ">", this.bound);
	}

}
