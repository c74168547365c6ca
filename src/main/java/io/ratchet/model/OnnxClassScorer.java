package io.ratchet.model;

import java.util.List;

import io.ratchet.data.Row;

/**
 * A multiclass {@link OnnxModel} bound to a dataset: its output's {@code [rows, k]}
 * probabilities, a block of rows per call into ONNX Runtime
 * ({@link OnnxScorer#probabilitiesBatch}); a single row is a block of one.
 */
final class OnnxClassScorer implements ClassScorer {

	private final OnnxScorer onnx;

	private final int classes;

	OnnxClassScorer(OnnxScorer onnx, int classes) {
		this.onnx = onnx;
		this.classes = classes;
	}

	@Override
	public int classes() {
		return this.classes;
	}

	@Override
	public void probabilities(Row row, double[] into, int offset) {
		double[] one = new double[this.classes];
		this.onnx.probabilitiesBatch(List.of(row), one);
		System.arraycopy(one, 0, into, offset, this.classes);
	}

	@Override
	public void probabilitiesBatch(List<Row> rows, double[] into) {
		this.onnx.probabilitiesBatch(rows, into);
	}

	/** The top class's probability of each row of a block, in one call. */
	@Override
	public void scoreBatch(List<Row> rows, double[] scores) {
		scoreBatch(rows, scores, false);
	}

	/**
	 * As {@link #scoreBatch(List, double[])}; {@code lenient} keeps NaN, as a regression
	 * case records it ({@link OnnxScorer#scoreBatch(List, double[], boolean)}).
	 */
	void scoreBatch(List<Row> rows, double[] scores, boolean lenient) {
		double[] all = new double[rows.size() * this.classes];
		this.onnx.probabilitiesBatch(rows, all, lenient);
		for (int r = 0; r < rows.size(); r++) {
			scores[r] = ClassScorer.top(all, r * this.classes, this.classes);
		}
	}

	/** A call into ONNX Runtime costs far more than a row: score in blocks. */
	@Override
	public boolean prefersBlocks() {
		return true;
	}

	@Override
	public void close() {
		this.onnx.close();
	}

}
