package io.ratchet.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.ratchet.metrics.Interval;
import io.ratchet.metrics.IntervalMethod;

/**
 * Periods of a chart: the months themselves while they are few, else quarters, else
 * years, else runs of years, so a chart never has more than {@code limit} points. An
 * aggregated point is the mean of the months' defined values, and it is marked (breached)
 * when any of its months is.
 *
 * @param labels the chart's periods, e.g. {@code 2024-11}, {@code 2024-Q4}, {@code 2024},
 * {@code 1990-1994}
 * @param bucketOf for each month given, the index of its period
 * @param unit {@code month}, {@code quarter}, {@code year} or {@code N years}
 */
record Periods(List<String> labels, int[] bucketOf, String unit) {

	/** Points of a chart by month, at most. */
	static final int LIMIT = 120;

	static Periods of(List<String> months, int limit) {
		if (months.size() <= limit) {
			int[] identity = new int[months.size()];
			for (int i = 0; i < identity.length; i++) {
				identity[i] = i;
			}
			return new Periods(List.copyOf(months), identity, "month");
		}
		int first = year(months.get(0));
		int last = year(months.get(months.size() - 1));
		if (quarterCount(months) <= limit) {
			return group(months, (month) -> year(month) + "-Q" + ((monthOf(month) - 1) / 3 + 1), "quarter");
		}
		int span = Math.max(1, (int) Math.ceil((last - first + 1) / (double) limit));
		if (span == 1) {
			return group(months, (month) -> Integer.toString(year(month)), "year");
		}
		return group(months, (month) -> {
			int start = first + (year(month) - first) / span * span;
			return start + "–" + (start + span - 1);
		}, span + " years");
	}

	boolean aggregated() {
		return !"month".equals(this.unit);
	}

	/**
	 * The mean per period of the months' values ({@code null} for a period without any).
	 */
	List<Double> aggregate(List<Double> monthly) {
		double[] sums = new double[this.labels.size()];
		int[] counts = new int[this.labels.size()];
		for (int i = 0; i < monthly.size(); i++) {
			Double value = monthly.get(i);
			if (value != null && !value.isNaN()) {
				sums[this.bucketOf[i]] += value;
				counts[this.bucketOf[i]]++;
			}
		}
		List<Double> values = new ArrayList<>();
		for (int b = 0; b < sums.length; b++) {
			values.add((counts[b] > 0) ? sums[b] / counts[b] : null);
		}
		return values;
	}

	/**
	 * The 95% interval of each period's mean ({@link #aggregate}), from its months'
	 * values and stored intervals: the months are disjoint rows, so their errors are
	 * independent and the mean's lower (upper) half-width is the root of the sum of the
	 * months' squared lower (upper) half-widths over the number of months. Months are
	 * periods of their own: their intervals as given. {@code null} for a period with a
	 * month that has a value but no interval, or without any value.
	 * @param monthly each month's value ({@code null} or NaN: none)
	 * @param intervals each month's interval ({@code null}: none)
	 */
	List<Interval> aggregateBand(List<Double> monthly, List<Interval> intervals) {
		if (!aggregated()) {
			return intervals;
		}
		int periods = this.labels.size();
		double[] lower = new double[periods];
		double[] upper = new double[periods];
		int[] counts = new int[periods];
		IntervalMethod[] methods = new IntervalMethod[periods];
		boolean[] missing = new boolean[periods];
		for (int i = 0; i < monthly.size(); i++) {
			Double value = monthly.get(i);
			if (value == null || value.isNaN()) {
				continue;
			}
			int b = this.bucketOf[i];
			Interval interval = intervals.get(i);
			counts[b]++;
			if (interval == null) {
				missing[b] = true;
				continue;
			}
			lower[b] += (value - interval.lo()) * (value - interval.lo());
			upper[b] += (interval.hi() - value) * (interval.hi() - value);
			methods[b] = interval.method();
		}
		List<Double> means = aggregate(monthly);
		List<Interval> band = new ArrayList<>();
		for (int b = 0; b < periods; b++) {
			double mean = (counts[b] > 0) ? means.get(b) : Double.NaN;
			band.add((counts[b] == 0 || missing[b]) ? null : new Interval(mean - Math.sqrt(lower[b]) / counts[b],
					mean + Math.sqrt(upper[b]) / counts[b], methods[b]));
		}
		return band;
	}

	/** The periods holding any of the marked months. */
	Set<String> marked(List<String> months, Set<String> markedMonths) {
		Set<String> marked = new java.util.HashSet<>();
		for (int i = 0; i < months.size(); i++) {
			if (markedMonths.contains(months.get(i))) {
				marked.add(this.labels.get(this.bucketOf[i]));
			}
		}
		return marked;
	}

	/**
	 * Periods for a sentence: all of them up to six, else the first three … the last two.
	 */
	static String abbreviate(List<String> periods) {
		if (periods.size() <= 6) {
			return String.join(", ", periods);
		}
		return String.join(", ", periods.subList(0, 3)) + " … "
				+ String.join(", ", periods.subList(periods.size() - 2, periods.size()));
	}

	private static Periods group(List<String> months, java.util.function.Function<String, String> key, String unit) {
		List<String> labels = new ArrayList<>();
		int[] bucketOf = new int[months.size()];
		for (int i = 0; i < months.size(); i++) {
			String label = key.apply(months.get(i));
			if (labels.isEmpty() || !labels.get(labels.size() - 1).equals(label)) {
				labels.add(label);
			}
			bucketOf[i] = labels.size() - 1;
		}
		return new Periods(List.copyOf(labels), bucketOf, unit);
	}

	private static long quarterCount(List<String> months) {
		return months.stream().map((month) -> year(month) * 4 + (monthOf(month) - 1) / 3).distinct().count();
	}

	private static int year(String month) {
		return Integer.parseInt(month.substring(0, 4));
	}

	private static int monthOf(String month) {
		return Integer.parseInt(month.substring(5, 7));
	}

}
