package io.ratchet.run;

import java.util.Locale;

/**
 * One stored breach: a figure that crossed its bound.
 *
 * @param metric the figure's key: a {@link io.ratchet.metrics.Metric#key()} such as
 * {@code roc_auc}, or a drift figure such as {@code psi:tenure_months}
 * @param intervalLo the low end of the 95% interval the bound judged ({@code judge:
 * interval}), or {@code null} when it judged the figure itself
 * @param intervalHi the high end of that interval, or {@code null}
 */
public record StoredBreach(long modelVersionId, String period, String metric, String boundKind, double bound,
		double value, Double intervalLo, Double intervalHi) {

	/** A breach judged on the figure itself. */
	public StoredBreach(long modelVersionId, String period, String metric, String boundKind, double bound,
			double value) {
		this(modelVersionId, period, metric, boundKind, bound, value, null, null);
	}

	/** Whether the bound judged the figure's interval rather than the figure. */
	public boolean judgedOnInterval() {
		return this.intervalLo != null && this.intervalHi != null;
	}

	/**
	 * e.g. {@code roc_auc 0.7100 < 0.7500}, or judged on the interval
	 * {@code roc_auc 0.6100 < 0.7000 (judged on its 95% interval [0.5500, 0.6700])}.
	 */
	public String describe() {
		return String.format(Locale.ROOT, "%s %.4f %s %.4f", this.metric, this.value,
				"MIN".equals(this.boundKind) ? "<" : ">", this.bound)
				+ intervalNote(String.format(Locale.ROOT, "%.4f", this.intervalLo),
						String.format(Locale.ROOT, "%.4f", this.intervalHi));
	}

	/**
	 * {@code " (judged on its 95% interval [lo, hi])"} with the ends as given, or an
	 * empty string for a breach judged on the figure.
	 */
	public String intervalNote(String lo, String hi) {
		return judgedOnInterval() ? " (judged on its 95% interval [" + lo + ", " + hi + "])" : "";
	}

}
