package io.ratchet.data;

import java.util.Objects;

/**
 * What a model's decisions are worth to the business, from a dataset's {@code value:}
 * (NannyML's value matrix): for a binary task a value per row of each cell of the
 * confusion matrix ({@code {tp: 10, fp: -5, fn: -20, tn: 0}}), for regression a value per
 * unit of under- and of over-prediction ({@code {under: -2, over: -1}}). The cells of the
 * other task are 0 and unused.
 *
 * @param task the task the matrix is for
 * @param tp value of a true positive row
 * @param fp value of a false positive row
 * @param tn value of a true negative row
 * @param fn value of a false negative row
 * @param under value per unit a prediction falls short of the label
 * @param over value per unit a prediction exceeds the label
 */
public record ValueMatrix(Task task, double tp, double fp, double tn, double fn, double under, double over) {

	public ValueMatrix {
		Objects.requireNonNull(task, "task");
		for (double cell : new double[] { tp, fp, tn, fn, under, over }) {
			if (!Double.isFinite(cell)) {
				throw new IllegalArgumentException("a value matrix cell must be a finite number, not " + cell);
			}
		}
	}

	/** A binary matrix: a value per row of each cell of the confusion matrix. */
	public static ValueMatrix binary(double tp, double fp, double tn, double fn) {
		return new ValueMatrix(Task.BINARY, tp, fp, tn, fn, 0, 0);
	}

	/** A regression matrix: a value per unit of under- and over-prediction. */
	public static ValueMatrix regression(double under, double over) {
		return new ValueMatrix(Task.REGRESSION, 0, 0, 0, 0, under, over);
	}

	/** The value of a confusion matrix: each count times its cell's value. */
	public double ofCounts(long truePositives, long falsePositives, long trueNegatives, long falseNegatives) {
		return truePositives * this.tp + falsePositives * this.fp + trueNegatives * this.tn + falseNegatives * this.fn;
	}

	/**
	 * The value of regression errors.
	 * @param underUnits the sum of {@code label - prediction} over rows predicted too low
	 * @param overUnits the sum of {@code prediction - label} over rows predicted too high
	 */
	public double ofErrors(double underUnits, double overUnits) {
		return underUnits * this.under + overUnits * this.over;
	}

}
