package io.ratchet.data;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The logged predictions of one month, looked up by the dataset row's id. Remembers which
 * predictions were joined with a row the metrics judged, so that the others (awaiting a
 * label, or a row) can be counted. Not thread-safe: one per pass over the data.
 */
public final class MonthPredictions {

	private final YearMonth month;

	private final Map<String, Integer> index;

	private final double[] scores;

	private final int[] days;

	private final BitSet judged;

	/**
	 * @throws IllegalArgumentException when two entries have the same id
	 */
	MonthPredictions(YearMonth month, List<LogRowParser.Entry> entries) {
		this.month = month;
		this.index = new HashMap<>(Math.max(16, entries.size() * 4 / 3 + 1));
		this.scores = new double[entries.size()];
		this.days = new int[entries.size()];
		this.judged = new BitSet(entries.size());
		for (int i = 0; i < entries.size(); i++) {
			LogRowParser.Entry entry = entries.get(i);
			if (this.index.putIfAbsent(entry.key(), i) != null) {
				throw new IllegalArgumentException("id " + String.join(", ", entry.ids()) + " is logged twice");
			}
			this.scores[i] = entry.score();
			this.days[i] = (int) entry.date().toEpochDay();
		}
	}

	public YearMonth month() {
		return this.month;
	}

	/** The number of predictions of the month. */
	public int size() {
		return this.scores.length;
	}

	/**
	 * The score logged for a row's ids ({@link Row#ids()}), {@link Double#NaN} when none
	 * was.
	 */
	public double score(String[] ids) {
		Integer at = this.index.get(PredictionLog.key(ids));
		return (at != null) ? this.scores[at] : Double.NaN;
	}

	/**
	 * Marks the prediction of a row's ids, if any, as joined with a row the metrics
	 * judged.
	 */
	public void judge(String[] ids) {
		Integer at = this.index.get(PredictionLog.key(ids));
		if (at != null) {
			this.judged.set(at);
		}
	}

	/**
	 * Predictions dated from {@code from} to {@code to} (both included) that no judged
	 * row was joined with.
	 */
	public long unjudged(LocalDate from, LocalDate to) {
		long first = from.toEpochDay();
		long last = to.toEpochDay();
		long count = 0;
		for (int i = this.judged.nextClearBit(0); i < this.days.length; i = this.judged.nextClearBit(i + 1)) {
			if (this.days[i] >= first && this.days[i] <= last) {
				count++;
			}
		}
		return count;
	}

}
