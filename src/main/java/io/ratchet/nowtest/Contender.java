package io.ratchet.nowtest;

import io.ratchet.drift.NumericSample;
import io.ratchet.model.ModelVersion;

/**
 * A model the now-test judges: its version, its id in the database, whether it is the
 * champion (the others run in shadow), and the samples of its scores that score drift
 * compares, over the reference and over the window, and, when the dataset asks for it
 * ({@code estimate: cbpe}), what its estimate without labels gathers ({@code null}
 * otherwise).
 */
record Contender(ModelVersion model, long id, boolean champion, NumericSample referenceScores,
		NumericSample windowScores, WindowEstimate estimate) {

	/**
	 * A contender with empty score samples.
	 * @param position its place among the contenders, which sets the seeds of its samples
	 * @param capacity the most scores kept per sample
	 * ({@code ratchet.nowtest.drift.sample-size})
	 * @param estimate what its estimate without labels gathers, or {@code null}
	 */
	static Contender of(ModelVersion model, long id, boolean champion, int position, int capacity,
			WindowEstimate estimate) {
		return new Contender(model, id, champion,
				new NumericSample(capacity, WindowPass.REFERENCE_SCORE_SEED + position),
				new NumericSample(capacity, WindowPass.WINDOW_SCORE_SEED + position), estimate);
	}

}
