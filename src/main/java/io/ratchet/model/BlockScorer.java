package io.ratchet.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.ratchet.data.Row;

/**
 * Rows gathered into blocks of {@value #BLOCK} and scored by every model a block at a
 * time ({@link Scorer#scoreBatch}), then handed on in their order with each model's
 * score: what lets a scorer with a cost per call (ONNX Runtime) run once per block
 * instead of once per row. When no scorer {@link Scorer#prefersBlocks() prefers blocks}
 * (only the Java scorers), each row is scored and handed on at once, as before blocks
 * existed. Call {@link #flush()} after the last row. One instance per thread.
 */
public final class BlockScorer {

	/**
	 * Rows per block: large enough to amortise a call into ONNX Runtime, small enough to
	 * stay in cache.
	 */
	public static final int BLOCK = 4096;

	/** Receives each row with its scores, in the order the rows were added. */
	@FunctionalInterface
	public interface Sink {

		/**
		 * @param row the row
		 * @param scores each model's score for it, in the order of the scorers; valid
		 * only during the call
		 */
		void accept(Row row, double[] scores);

	}

	private final Scorer[] scorers;

	private final Sink sink;

	private final List<Row> rows = new ArrayList<>(BLOCK);

	private final double[][] scores;

	private final double[] rowScores;

	private final boolean blocks;

	public BlockScorer(Scorer[] scorers, Sink sink) {
		this.scorers = scorers.clone();
		this.sink = sink;
		this.blocks = Arrays.stream(scorers).anyMatch(Scorer::prefersBlocks);
		this.scores = new double[scorers.length][this.blocks ? BLOCK : 0];
		this.rowScores = new double[scorers.length];
	}

	/**
	 * Adds a row; scores the block and hands it on when it is full (at once when no
	 * scorer prefers blocks).
	 */
	public void add(Row row) {
		if (!this.blocks) {
			for (int m = 0; m < this.scorers.length; m++) {
				this.rowScores[m] = this.scorers[m].score(row);
			}
			this.sink.accept(row, this.rowScores);
			return;
		}
		this.rows.add(row);
		if (this.rows.size() == BLOCK) {
			flush();
		}
	}

	/** Scores and hands on the rows added since the last block. */
	public void flush() {
		int size = this.rows.size();
		if (size == 0) {
			return;
		}
		for (int m = 0; m < this.scorers.length; m++) {
			this.scorers[m].scoreBatch(this.rows, this.scores[m]);
		}
		for (int r = 0; r < size; r++) {
			for (int m = 0; m < this.scorers.length; m++) {
				this.rowScores[m] = this.scores[m][r];
			}
			this.sink.accept(this.rows.get(r), this.rowScores);
		}
		this.rows.clear();
	}

}
