package io.ratchet.promotion;

import java.util.Locale;

import io.ratchet.metrics.Metric;

/**
 * The candidate against the champion on one metric over the same rows.
 * {@code difference}, {@code lower} and {@code upper} are oriented so that positive means
 * the candidate is better: candidate minus champion for a higher-is-better metric,
 * champion minus candidate for a lower-is-better one (log loss, Brier, RMSE...).
 *
 * @param metric the metric
 * @param method {@code delong} or {@code paired-bootstrap}
 * @param champion the champion's figure over the rows
 * @param candidate the candidate's figure over the rows
 * @param difference the oriented difference (positive: the candidate is better)
 * @param lower the lower end of the 95% interval of the oriented difference
 * @param upper the upper end
 * @param z DeLong's z statistic, NaN for the bootstrap
 * @param p DeLong's two-sided p-value, NaN for the bootstrap
 * @param rows the rows compared
 * @param resamples bootstrap resamples used (0 for DeLong)
 */
public record Comparison(Metric metric, String method, double champion, double candidate, double difference,
		double lower, double upper, double z, double p, int rows, int resamples) {

	/** One line: figures, difference and interval, e.g. for a gate's reason. */
	public String describe() {
		String stats = "delong".equals(this.method) ? String.format(Locale.ROOT, ", z %.2f, p %.3g", this.z, this.p)
				: String.format(Locale.ROOT, ", %d resamples", this.resamples);
		return String.format(Locale.ROOT,
				"%s %.4f vs champion %.4f: better by %+.4f, 95%% interval [%+.4f, %+.4f]" + " (%s over %d rows%s)",
				this.metric.key(), this.candidate, this.champion, this.difference, this.lower, this.upper, this.method,
				this.rows, stats);
	}

}
