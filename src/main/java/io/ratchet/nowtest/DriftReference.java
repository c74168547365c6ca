package io.ratchet.nowtest;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import io.ratchet.model.ModelVersion;

/**
 * The months a now-test's window is compared with for drift.
 *
 * @param months the reference months, in order
 * @param description e.g. {@code training window of sales-logit@1 (2024-11..2025-10)}
 */
record DriftReference(List<YearMonth> months, String description) {

	/**
	 * Resolves the reference: the champion's training window
	 * ({@code training.window: [from, to]} of its model file) when {@code reference} is
	 * {@code training} and the champion has one, else the {@code months} calendar months
	 * before the window's first month.
	 * @param champion the champion, or {@code null} when the dataset has none
	 */
	static DriftReference resolve(String reference, int months, ModelVersion champion, NowtestWindow window) {
		String fallback = "";
		if (reference.equals("training")) {
			if (champion == null) {
				fallback = " (no champion, so no training window)";
			}
			else {
				List<YearMonth> training = trainingWindow(champion);
				if (training != null) {
					return new DriftReference(span(training.get(0), training.get(1)), "training window of "
							+ champion.key() + " (" + training.get(0) + ".." + training.get(1) + ")");
				}
				fallback = " (" + champion.key() + " has no training.window)";
			}
		}
		YearMonth last = YearMonth.from(window.start()).minusMonths(1);
		YearMonth first = last.minusMonths(months - 1L);
		return new DriftReference(span(first, last),
				"last " + months + " months before the window (" + first + ".." + last + ")" + fallback);
	}

	/**
	 * {@code [from, to]} of the model's {@code training.window}, or {@code null} when
	 * absent or malformed.
	 */
	static List<YearMonth> trainingWindow(ModelVersion model) {
		Object window = model.definition().training().get("window");
		if (!(window instanceof List<?> list) || list.size() != 2) {
			return null;
		}
		try {
			YearMonth from = YearMonth.parse(String.valueOf(list.get(0)));
			YearMonth to = YearMonth.parse(String.valueOf(list.get(1)));
			return from.isAfter(to) ? null : List.of(from, to);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static List<YearMonth> span(YearMonth from, YearMonth to) {
		List<YearMonth> months = new ArrayList<>();
		for (YearMonth month = from; !month.isAfter(to); month = month.plusMonths(1)) {
			months.add(month);
		}
		return months;
	}

}
