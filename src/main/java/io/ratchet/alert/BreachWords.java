package io.ratchet.alert;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.ratchet.metrics.Metric;
import io.ratchet.run.StoredBreach;

/**
 * A breached figure in the words of an alert: a requirement in the business's terms is
 * named as the business says it, rates as percentages, counts as integers and values as
 * plain numbers ({@code false positives 11.2% > 8%}, {@code true positives 120 < 150},
 * {@code business value per row 1.4 < 2}, {@code precision in the top 5% 31% < 40%});
 * every other figure keeps its key and four decimals ({@code roc_auc 0.6793 < 0.7600}).
 * The top k% are told from their keys ({@code precision_top<k>pct}), so any k reads
 * alike.
 */
final class BreachWords {

	/** How a figure is written. */
	private enum Kind {

		/** A share, as a percentage with one decimal. */
		RATE,
		/** A count of rows, as an integer. */
		COUNT,
		/** A value or a ratio, with at most two decimals. */
		NUMBER,
		/** Any other figure: its key and four decimals, as alerts always wrote them. */
		PLAIN

	}

	private record Word(String name, Kind kind) {
	}

	private static final Map<String, Word> WORDS = Map.ofEntries(
			Map.entry(Metric.TP.key(), new Word("true positives", Kind.COUNT)),
			Map.entry(Metric.FP.key(), new Word("false positives", Kind.COUNT)),
			Map.entry(Metric.TN.key(), new Word("true negatives", Kind.COUNT)),
			Map.entry(Metric.FN.key(), new Word("false negatives", Kind.COUNT)),
			Map.entry(Metric.FALSE_POSITIVE_RATE.key(), new Word("false positives", Kind.RATE)),
			Map.entry(Metric.FALSE_NEGATIVE_RATE.key(), new Word("false negatives", Kind.RATE)),
			Map.entry(Metric.SPECIFICITY.key(), new Word("specificity", Kind.RATE)),
			Map.entry(Metric.BALANCED_ACCURACY.key(), new Word("balanced accuracy", Kind.RATE)),
			Map.entry(Metric.MCC.key(), new Word("Matthews correlation", Kind.NUMBER)),
			Map.entry(Metric.BUSINESS_VALUE.key(), new Word("business value", Kind.NUMBER)),
			Map.entry(Metric.BUSINESS_VALUE_PER_ROW.key(), new Word("business value per row", Kind.NUMBER)));

	private static final Pattern TOP = Pattern.compile("(precision|recall|lift)_top(\\d+)pct");

	/** Decimals of a percentage and of a number, before more are needed. */
	private static final int RATE_DECIMALS = 1;

	private static final int NUMBER_DECIMALS = 2;

	private BreachWords() {
	}

	/**
	 * The breach in a few words: {@code false positives 11.2% > 8%}, or for a figure
	 * without business words {@code roc_auc 0.7100 < 0.7500}.
	 */
	static String describe(StoredBreach breach) {
		return name(breach.metric()) + " " + value(breach.metric(), breach.value(), breach.bound())
				+ ("MIN".equals(breach.boundKind()) ? " < " : " > ") + bound(breach.metric(), breach.bound())
				+ judged(breach);
	}

	/**
	 * {@code " (judged on its 95% interval [0.55, 0.67])"} for a breach whose bound
	 * judged the figure's interval ({@code judge: interval}), in the figure's words; else
	 * empty.
	 */
	static String judged(StoredBreach breach) {
		return breach.judgedOnInterval()
				? breach.intervalNote(value(breach.metric(), breach.intervalLo(), breach.bound()),
						value(breach.metric(), breach.intervalHi(), breach.bound()))
				: "";
	}

	/** What the figure is called: {@code false positives}, or its key. */
	static String name(String metric) {
		Word word = word(metric);
		return (word.kind() == Kind.PLAIN) ? metric : word.name();
	}

	/**
	 * The group heading of a breached figure:
	 * {@code false positives (false_positive_rate)}, or its key when it has no business
	 * words.
	 */
	static String heading(String metric) {
		return (word(metric).kind() == Kind.PLAIN) ? metric : name(metric) + " (" + metric + ")";
	}

	/**
	 * A value of the figure, with enough digits to tell it from {@code bound}
	 * ({@code 8.04%}, not {@code 8%}, against a bound of 8%).
	 */
	static String value(String metric, Double value, double bound) {
		if (value == null) {
			return "–";
		}
		Kind kind = word(metric).kind();
		return switch (kind) {
			case PLAIN -> AlertText.number(value);
			case COUNT -> Long.toString(Math.round(value));
			case RATE -> rounded(BigDecimal.valueOf(value).movePointRight(2), RATE_DECIMALS,
					bound(metric, bound).replace("%", "")) + "%";
			case NUMBER -> rounded(BigDecimal.valueOf(value), NUMBER_DECIMALS, bound(metric, bound));
		};
	}

	/** A value of the figure without a bound to tell it from (a whole-period value). */
	static String value(String metric, Double value) {
		return value(metric, value, Double.NaN);
	}

	/** A bound as written in the requirements: {@code 8%}, {@code 2}, {@code 0.7500}. */
	static String bound(String metric, double bound) {
		if (Double.isNaN(bound)) {
			return "";
		}
		return switch (word(metric).kind()) {
			case PLAIN -> AlertText.number(bound);
			case RATE -> plain(BigDecimal.valueOf(bound).movePointRight(2)) + "%";
			case COUNT, NUMBER -> plain(BigDecimal.valueOf(bound));
		};
	}

	private static Word word(String metric) {
		Word word = WORDS.get(metric);
		if (word != null) {
			return word;
		}
		Matcher top = TOP.matcher(metric);
		if (top.matches()) {
			String share = " in the top " + top.group(2) + "%";
			return new Word(top.group(1) + share, "lift".equals(top.group(1)) ? Kind.NUMBER : Kind.RATE);
		}
		return new Word(metric, Kind.PLAIN);
	}

	/**
	 * The number rounded half up to {@code decimals}, trailing zeros dropped, with more
	 * decimals while it reads like {@code bound} but is not equal to it.
	 */
	private static String rounded(BigDecimal number, int decimals, String bound) {
		boolean equal = !bound.isEmpty() && number.compareTo(new BigDecimal(bound)) == 0;
		for (int digits = decimals; digits < 17; digits++) {
			String text = plain(number.setScale(digits, RoundingMode.HALF_UP));
			if (equal || !text.equals(bound)) {
				return text;
			}
		}
		return plain(number);
	}

	private static String plain(BigDecimal number) {
		String text = number.stripTrailingZeros().toPlainString();
		return text.equals("-0") ? "0" : text;
	}

}
