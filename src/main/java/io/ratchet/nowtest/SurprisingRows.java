package io.ratchet.nowtest;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.Row;
import io.ratchet.data.Task;

/**
 * The most surprising rows of a now-test window for one model, {@value #LIMIT} at most
 * per {@link SurpriseKind kind}:
 * <ul>
 * <li>{@code loss}: the judged rows (labelled, up to the label cut-off) with the largest
 * loss: {@code -ln p} for a positive and {@code -ln(1 - p)} for a negative of a binary
 * model (p clipped to [1e-15, 1 - 1e-15] as the log loss metric does), {@code |y - ŷ|}
 * for a regression model;</li>
 * <li>{@code range}: every window row whose score lies outside the range the model's
 * scores took over the now-test's drift reference (the champion's training months or the
 * months before the window): models record no training score range, so the reference's
 * stands in for it; measured in widths of that range (absolute when it has none);</li>
 * <li>{@code unseen}: every window row with categorical levels the reference's rows never
 * had ({@link KnownLevels}), measured by how many.</li>
 * </ul>
 * Without reference rows there is no range and no known level: only {@code loss} is kept.
 * Memory is bounded ({@link WorstRows}) and the result does not depend on the order rows
 * are scored in.
 */
final class SurprisingRows {

	/** The most rows kept per kind and model. */
	static final int LIMIT = 20;

	/** Clipping of a probability in a row's log loss, as the log loss metric's. */
	private static final double EPSILON = 1e-15;

	private final DatasetConfig dataset;

	private final KnownLevels known;

	private final Map<SurpriseKind, WorstRows> worst = new EnumMap<>(SurpriseKind.class);

	private double min = Double.POSITIVE_INFINITY;

	private double max = Double.NEGATIVE_INFINITY;

	SurprisingRows(DatasetConfig dataset, KnownLevels known, int limit) {
		this.dataset = dataset;
		this.known = known;
		for (SurpriseKind kind : SurpriseKind.values()) {
			this.worst.put(kind, new WorstRows(limit));
		}
	}

	/** Widens the reference's score range by a reference row's score. */
	void addReference(double score) {
		if (Double.isFinite(score)) {
			this.min = Math.min(this.min, score);
			this.max = Math.max(this.max, score);
		}
	}

	/**
	 * Offers a window row with the model's score.
	 * @param judged whether the row is labelled and up to the label cut-off
	 * @param file the month file it was read from
	 */
	void addWindow(Row row, double score, boolean judged, String file) {
		if (!Double.isFinite(score)) {
			return;
		}
		if (judged) {
			double loss = loss(this.dataset.task(), row.label(), score);
			if (!Double.isNaN(loss)) {
				offer(SurpriseKind.LOSS, loss, row, score, file, "label " + number(row.label()));
			}
		}
		if (this.min <= this.max && (score < this.min || score > this.max)) {
			double width = this.max - this.min;
			double outside = (score > this.max) ? score - this.max : this.min - score;
			offer(SurpriseKind.RANGE, (width > 0) ? outside / width : outside, row, score, file,
					((score > this.max) ? "above " : "below ") + "[" + number(this.min) + ", " + number(this.max)
							+ "]");
		}
		if (this.known.any() && this.worst.get(SurpriseKind.UNSEEN).admits(1)) {
			List<String> unseen = this.known.unseen(row);
			if (!unseen.isEmpty()) {
				offer(SurpriseKind.UNSEEN, unseen.size(), row, score, file, String.join(", ", unseen));
			}
		}
	}

	/**
	 * A row's loss: log loss of a binary model's probability, absolute error of a
	 * regression model; {@link Double#NaN} for another task.
	 */
	static double loss(Task task, double label, double score) {
		if (task == Task.BINARY) {
			double p = Math.min(Math.max(score, EPSILON), 1 - EPSILON);
			return (label == 1.0) ? -Math.log(p) : -Math.log(1 - p);
		}
		return (task == Task.REGRESSION) ? Math.abs(label - score) : Double.NaN;
	}

	/** The rows kept, by kind (loss, range, unseen), most surprising first. */
	List<Surprise> ranked() {
		List<Surprise> ranked = new ArrayList<>();
		this.worst.values().forEach((rows) -> ranked.addAll(rows.ranked()));
		return ranked;
	}

	private void offer(SurpriseKind kind, double measure, Row row, double score, String file, String detail) {
		WorstRows rows = this.worst.get(kind);
		if (rows.admits(measure)) {
			rows.offer(new Surprise(kind, measure, file, row.line(), key(row), row.date(), score, row.label(), detail));
		}
	}

	private String key(Row row) {
		List<String> ids = this.dataset.idColumns();
		if (ids.isEmpty()) {
			return null;
		}
		List<String> cells = new ArrayList<>();
		for (int i = 0; i < ids.size(); i++) {
			cells.add(ids.get(i) + "=" + row.ids()[i]);
		}
		return String.join(", ", cells);
	}

	private static String number(double value) {
		return String.format(Locale.ROOT, "%.6g", value);
	}

}
