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
 * <p>
 * A multiclass model ({@link ClassScorer}) is scored once per row too: its class
 * probabilities go into a reusable block ({@code double[BLOCK * k]},
 * {@link ClassScorer#probabilitiesBatch}), each row's are copied into the array given for
 * that model before the sink sees the row, and its score is the top class's probability
 * taken from them.
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

	/** Per model, its {@link ClassScorer} or {@code null}. */
	private final ClassScorer[] classScorers;

	/**
	 * Per multiclass model, the current row's probabilities, handed to the sink's side;
	 * {@code null} for the others.
	 */
	private final double[][] rowProbabilities;

	private final Sink sink;

	private final List<Row> rows = new ArrayList<>(BLOCK);

	private final double[][] scores;

	/** Per multiclass model, a block's probabilities row after row. */
	private final double[][] probabilities;

	private final double[] rowScores;

	private final boolean blocks;

	/** Scores with every model; multiclass probabilities are not handed on. */
	public BlockScorer(Scorer[] scorers, Sink sink) {
		this(scorers, rowProbabilities(scorers), sink);
	}

	/**
	 * Scores with every model and, before each row reaches {@code sink}, writes a
	 * multiclass model's probabilities of it into {@code rowProbabilities[m]}.
	 * @param rowProbabilities per model, an array of {@link ClassScorer#classes()} for a
	 * multiclass model ({@link #rowProbabilities(Scorer[])}), {@code null} for another;
	 * valid only during the sink's call
	 */
	public BlockScorer(Scorer[] scorers, double[][] rowProbabilities, Sink sink) {
		this.scorers = scorers.clone();
		this.sink = sink;
		this.blocks = Arrays.stream(scorers).anyMatch(Scorer::prefersBlocks);
		int models = scorers.length;
		this.classScorers = new ClassScorer[models];
		this.rowProbabilities = rowProbabilities.clone();
		this.scores = new double[models][];
		this.probabilities = new double[models][];
		for (int m = 0; m < models; m++) {
			if (scorers[m] instanceof ClassScorer classScorer) {
				this.classScorers[m] = classScorer;
				if (this.rowProbabilities[m] == null || this.rowProbabilities[m].length != classScorer.classes()) {
					throw new IllegalArgumentException("model " + m + " gives " + classScorer.classes()
							+ " probabilities per row: give an array of that length for them");
				}
				this.probabilities[m] = new double[this.blocks ? BLOCK * classScorer.classes() : 0];
			}
			else {
				this.scores[m] = new double[this.blocks ? BLOCK : 0];
			}
		}
		this.rowScores = new double[models];
	}

	/**
	 * Per scorer, an array for a row's class probabilities when it is a
	 * {@link ClassScorer}, else {@code null}.
	 */
	public static double[][] rowProbabilities(Scorer[] scorers) {
		double[][] arrays = new double[scorers.length][];
		for (int m = 0; m < scorers.length; m++) {
			if (scorers[m] instanceof ClassScorer classScorer) {
				arrays[m] = new double[classScorer.classes()];
			}
		}
		return arrays;
	}

	/**
	 * Adds a row; scores the block and hands it on when it is full (at once when no
	 * scorer prefers blocks).
	 */
	public void add(Row row) {
		if (!this.blocks) {
			for (int m = 0; m < this.scorers.length; m++) {
				ClassScorer classScorer = this.classScorers[m];
				if (classScorer != null) {
					double[] into = this.rowProbabilities[m];
					classScorer.probabilities(row, into, 0);
					this.rowScores[m] = ClassScorer.top(into, 0, into.length);
				}
				else {
					this.rowScores[m] = this.scorers[m].score(row);
				}
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
			if (this.classScorers[m] != null) {
				this.classScorers[m].probabilitiesBatch(this.rows, this.probabilities[m]);
			}
			else {
				this.scorers[m].scoreBatch(this.rows, this.scores[m]);
			}
		}
		for (int r = 0; r < size; r++) {
			for (int m = 0; m < this.scorers.length; m++) {
				if (this.classScorers[m] != null) {
					double[] into = this.rowProbabilities[m];
					System.arraycopy(this.probabilities[m], r * into.length, into, 0, into.length);
					this.rowScores[m] = ClassScorer.top(into, 0, into.length);
				}
				else {
					this.rowScores[m] = this.scores[m][r];
				}
			}
			this.sink.accept(this.rows.get(r), this.rowScores);
		}
		this.rows.clear();
	}

}
