package io.ratchet.promotion;

import java.util.Objects;

/**
 * The same evaluation rows scored by two models: the label of each row, the champion's
 * score and the candidate's score, and the month each row belongs to (an index into
 * {@code months}). Only labelled rows belong here.
 *
 * @param labels 0 or 1 (binary) or the value (regression)
 * @param champion the champion's score of each row
 * @param candidate the candidate's score of each row
 * @param month the index in {@code months} of each row's month
 * @param months the months, in order ({@code YYYY-MM})
 */
public record PairedRows(double[] labels, double[] champion, double[] candidate, int[] month, String[] months) {

	public PairedRows {
		Objects.requireNonNull(labels, "labels");
		if (champion.length != labels.length || candidate.length != labels.length || month.length != labels.length) {
			throw new IllegalArgumentException("labels, scores and months must have one entry per row: " + labels.length
					+ ", " + champion.length + ", " + candidate.length + ", " + month.length);
		}
	}

	/** Rows of one period only (no month split). */
	public static PairedRows of(double[] labels, double[] champion, double[] candidate) {
		return new PairedRows(labels, champion, candidate, new int[labels.length], new String[] { "ALL" });
	}

	/** The number of rows. */
	public int size() {
		return this.labels.length;
	}

	/** The rows of one month (by index in {@link #months()}), as a one-period set. */
	public PairedRows monthRows(int index) {
		int count = 0;
		for (int m : this.month) {
			if (m == index) {
				count++;
			}
		}
		double[] l = new double[count];
		double[] a = new double[count];
		double[] b = new double[count];
		int j = 0;
		for (int i = 0; i < this.labels.length; i++) {
			if (this.month[i] == index) {
				l[j] = this.labels[i];
				a[j] = this.champion[i];
				b[j] = this.candidate[i];
				j++;
			}
		}
		return new PairedRows(l, a, b, new int[count], new String[] { this.months[index] });
	}

}
