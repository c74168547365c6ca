package io.ratchet.requirement;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Objects;

import io.ratchet.data.Segment;
import io.ratchet.metrics.Interval;
import io.ratchet.metrics.MetricId;

/**
 * A value that crossed a bound.
 *
 * @param model the model's name
 * @param period {@code YYYY-MM} for a month, {@link RequirementCheck#WHOLE_PERIOD} for
 * the whole period
 * @param metric the metric
 * @param value the value it had
 * @param kind below a minimum or above a maximum
 * @param bound the limit it crossed
 * @param segment the segment whose figure it is ({@code region=north}), or {@code null}
 * for the model's overall figure
 * @param interval the figure's 95% interval when the bound judged it ({@code judge:
 * interval}: the whole interval crossed the limit), else {@code null}
 */
public record Breach(String model, String period, MetricId metric, double value, BoundKind kind, double bound,
		Segment segment, Interval interval) {

	/** A breach of an overall figure. */
	public Breach(String model, String period, MetricId metric, double value, BoundKind kind, double bound,
			Segment segment) {
		this(model, period, metric, value, kind, bound, segment, null);
	}

	/** Significant digits shown at least. */
	private static final int DIGITS = 4;

	public Breach {
		Objects.requireNonNull(model, "model");
		Objects.requireNonNull(period, "period");
		Objects.requireNonNull(metric, "metric");
		Objects.requireNonNull(kind, "kind");
	}

	/** A breach of the figure itself. */
	public Breach(String model, String period, MetricId metric, double value, BoundKind kind, double bound) {
		this(model, period, metric, value, kind, bound, null);
	}

	/**
	 * The figure breached, as stored and alerted on: the metric's key, or for a segment
	 * {@code roc_auc in region=north}.
	 */
	public String figure() {
		return (this.segment != null) ? this.metric.key() + " in " + this.segment : this.metric.key();
	}

	/**
	 * The breach in a few words, e.g. {@code roc_auc 0.71 < 0.75},
	 * {@code log_loss 0.6123 > 0.55} or {@code roc_auc in region=north 0.64 < 0.7}. The
	 * value is rounded to 4 significant digits, or more when needed to tell it from the
	 * bound ({@code 0.74999 < 0.75}). Judged on the interval, it says so:
	 * {@code roc_auc 0.61 < 0.7 (judged on its 95% interval [0.55, 0.67], wholly below)}.
	 */
	public String describe() {
		String limit = plain(BigDecimal.valueOf(this.bound));
		String text = figure() + " " + rounded(this.value, limit) + ((this.kind == BoundKind.MIN) ? " < " : " > ")
				+ limit;
		if (this.interval == null) {
			return text;
		}
		return text + " (judged on its 95% interval [" + rounded(this.interval.lo(), limit) + ", "
				+ rounded(this.interval.hi(), limit) + "], wholly " + ((this.kind == BoundKind.MIN) ? "below" : "above")
				+ ")";
	}

	private static String rounded(double value, String limit) {
		BigDecimal exact = BigDecimal.valueOf(value);
		for (int digits = DIGITS; digits < 17; digits++) {
			String text = plain(exact.round(new MathContext(digits)));
			if (!text.equals(limit)) {
				return text;
			}
		}
		return plain(exact);
	}

	private static String plain(BigDecimal number) {
		String text = number.stripTrailingZeros().toPlainString();
		return text.equals("-0") ? "0" : text;
	}

}
