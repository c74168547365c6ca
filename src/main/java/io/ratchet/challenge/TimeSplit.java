package io.ratchet.challenge;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * The time-based split of a challenge: candidates are trained on months that all come
 * before the evaluation months, so no candidate is ever evaluated on a month it was
 * trained on.
 *
 * @param training the months with data of the training window, in order
 * @param evaluation the evaluation months, in order
 */
public record TimeSplit(List<YearMonth> training, List<YearMonth> evaluation) {

	public TimeSplit {
		training = List.copyOf(training);
		evaluation = List.copyOf(evaluation);
		if (evaluation.isEmpty()) {
			throw new IllegalArgumentException("no evaluation months");
		}
		if (!training.isEmpty() && !training.get(training.size() - 1).isBefore(evaluation.get(0))) {
			throw new IllegalStateException("training window " + training.get(0) + ".."
					+ training.get(training.size() - 1) + " reaches into the evaluation months " + evaluation.get(0)
					+ ".." + evaluation.get(evaluation.size() - 1));
		}
	}

	/**
	 * The evaluation months: the last {@code count} complete months with data up to the
	 * as-of day (a month counts once its last day is not after the as-of day).
	 * @param available the months that have a data file
	 * @throws IllegalStateException when there are not enough such months
	 */
	public static List<YearMonth> evaluationMonths(Collection<YearMonth> available, LocalDate asOf, int count) {
		List<YearMonth> complete = new ArrayList<>(new TreeSet<>(available)).stream()
			.filter((month) -> !month.atEndOfMonth().isAfter(asOf))
			.toList();
		if (complete.size() < count + 1) {
			throw new IllegalStateException("a challenge as of " + asOf + " needs " + count
					+ " evaluation month(s) and at least one training month before them, but only " + complete.size()
					+ " complete month(s) have data up to then" + (available.isEmpty() ? "" : " (months with data: "
							+ new TreeSet<>(available).first() + ".." + new TreeSet<>(available).last() + ")"));
		}
		return complete.subList(complete.size() - count, complete.size());
	}

	/**
	 * The split for a training window of {@code windowMonths} calendar months ending the
	 * month before the first evaluation month; months of the window without data are left
	 * out.
	 * @throws IllegalStateException when the window has no month with data
	 */
	public static TimeSplit of(Collection<YearMonth> available, List<YearMonth> evaluation, int windowMonths) {
		if (windowMonths < 1) {
			throw new IllegalArgumentException("a training window needs at least one month, not " + windowMonths);
		}
		YearMonth last = evaluation.get(0).minusMonths(1);
		YearMonth first = last.minusMonths(windowMonths - 1L);
		List<YearMonth> training = new TreeSet<>(available).stream()
			.filter((month) -> !month.isBefore(first) && !month.isAfter(last))
			.toList();
		if (training.isEmpty()) {
			throw new IllegalStateException("the training window " + first + ".." + last + " (" + windowMonths
					+ " months before the evaluation months " + evaluation.get(0) + ".."
					+ evaluation.get(evaluation.size() - 1) + ") has no month with data");
		}
		return new TimeSplit(training, evaluation);
	}

	/** The first training month. */
	public YearMonth trainFrom() {
		return this.training.get(0);
	}

	/** The last training month. */
	public YearMonth trainTo() {
		return this.training.get(this.training.size() - 1);
	}

	/**
	 * Whether any month is both trained on and evaluated on (never true for a split built
	 * here).
	 */
	public boolean overlaps() {
		return this.training.stream().anyMatch(this.evaluation::contains);
	}

}
