package io.ratchet.nowtest;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * The days a now-test judges. The window is the {@code days} days up to and including the
 * as-of date: {@code start = asOf − (days − 1)}, so {@code start ≤ date ≤ asOf}. Rows
 * dated after {@code labelCutoff = asOf − labelDelay} are awaiting their label: they
 * count for drift (which needs no label) but not for the metrics. With a label delay of 0
 * every row of the window is judged.
 *
 * @param start the first day of the window
 * @param asOf the last day of the window
 * @param labelCutoff the last day whose rows are judged
 */
public record NowtestWindow(LocalDate start, LocalDate asOf, LocalDate labelCutoff) {

	/**
	 * The window of {@code days} days ending on {@code asOf}, with a label delay of
	 * {@code labelDelay} days.
	 */
	public static NowtestWindow of(LocalDate asOf, int days, int labelDelay) {
		if (days < 1) {
			throw new IllegalArgumentException("the window must be at least 1 day, not " + days);
		}
		if (labelDelay < 0) {
			throw new IllegalArgumentException("the label delay must not be negative, not " + labelDelay);
		}
		return new NowtestWindow(asOf.minusDays(days - 1L), asOf, asOf.minusDays(labelDelay));
	}

	/** Whether a day is inside the window. */
	public boolean contains(LocalDate date) {
		return !date.isBefore(this.start) && !date.isAfter(this.asOf);
	}

	/** Whether a day of the window is too recent to have its final label. */
	public boolean awaitingLabel(LocalDate date) {
		return date.isAfter(this.labelCutoff);
	}

	/** The calendar months the window touches, in order. */
	public List<YearMonth> months() {
		List<YearMonth> months = new ArrayList<>();
		for (YearMonth month = YearMonth.from(this.start); !month.isAfter(YearMonth.from(this.asOf)); month = month
			.plusMonths(1)) {
			months.add(month);
		}
		return months;
	}

}
