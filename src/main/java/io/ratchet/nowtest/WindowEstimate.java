package io.ratchet.nowtest;

import io.ratchet.metrics.Calibration;
import io.ratchet.metrics.ExpectedPerformance;

/**
 * What one contender's estimate without labels gathers in a now-test (a dataset with
 * {@code estimate: cbpe}): the calibration of its scores on the reference's labelled
 * rows, and its scores on the window's rows still awaiting a label and on its labelled
 * rows (the same estimate where the realised figure is known, to show how far it is).
 */
final class WindowEstimate {

	private final Calibration calibration = new Calibration();

	private final ExpectedPerformance awaiting;

	private final ExpectedPerformance labelled;

	/**
	 * An empty estimate.
	 * @param threshold the models' threshold (predicted positive at or above it)
	 */
	WindowEstimate(double threshold) {
		this.awaiting = new ExpectedPerformance(threshold);
		this.labelled = new ExpectedPerformance(threshold);
	}

	/**
	 * A reference row: its score counts for calibration when it has a label (NaN when it
	 * has none).
	 */
	void addReference(double score, double label) {
		if (!Double.isNaN(label) && !Double.isNaN(score)) {
			this.calibration.add(score, label);
		}
	}

	/**
	 * A window row: judged (labelled up to the cut-off) or awaiting its label; a row
	 * without a score (a logged model's gap) is left out.
	 */
	void addWindow(double score, boolean judged) {
		if (!Double.isNaN(score)) {
			(judged ? this.labelled : this.awaiting).add(score);
		}
	}

	Calibration calibration() {
		return this.calibration;
	}

	ExpectedPerformance awaiting() {
		return this.awaiting;
	}

	ExpectedPerformance labelled() {
		return this.labelled;
	}

}
