package io.ratchet.nowtest;

import java.time.LocalDate;
import java.util.Comparator;

/**
 * One surprising row of a now-test window for one model.
 *
 * @param kind why it is surprising
 * @param measure how surprising (larger is more): the loss, the distance outside the
 * reference's range in widths of it, or the count of unseen levels
 * @param file the month file the row was read from
 * @param line its line in that file (1 is the header)
 * @param key the dataset's id columns as {@code column=value}, comma-separated, or
 * {@code null} when the dataset has none
 * @param date the row's date
 * @param score the model's score of the row
 * @param label the row's label, {@link Double#NaN} when it has none yet
 * @param detail what a reader needs to see why, e.g. {@code colour=green} or
 * {@code above [0.02, 0.97]}
 */
public record Surprise(SurpriseKind kind, double measure, String file, long line, String key, LocalDate date,
		double score, double label, String detail) {

	/**
	 * The most surprising first; ties by file, then line, so that the order never depends
	 * on the order rows were scored in.
	 */
	static final Comparator<Surprise> MOST_SURPRISING_FIRST = Comparator.comparingDouble(Surprise::measure)
		.reversed()
		.thenComparing(Surprise::file)
		.thenComparingLong(Surprise::line);

}
