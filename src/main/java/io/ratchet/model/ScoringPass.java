package io.ratchet.model;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.LogCoverage;
import io.ratchet.data.Row;
import io.ratchet.metrics.Accumulators;
import io.ratchet.metrics.MetricAccumulator;
import io.ratchet.metrics.MulticlassAccumulator;
import io.ratchet.metrics.RowKey;

/**
 * One pass of rows through several models, as a job step scores them: the models bound to
 * the dataset ({@link BoundModels}), rows fed a block at a time ({@link BlockScorer}),
 * and per model its metric accumulator and, for a model whose scores are logged
 * ({@link LoggedScorer}), how its rows and logged scores met. A logged model's row
 * without a logged score is counted, never scored as something: it stays out of that
 * model's accumulator.
 *
 * <p>
 * The back-test's month step ({@link #blocks()}: every row of the month) and the
 * now-test's window step ({@link #blocks(BlockScorer.Sink)} with {@link #count} and
 * {@link #accumulate}: only the window's judged rows reach the accumulators) share it.
 * One pass per thread: a logged scorer has state.
 *
 * <p>
 * A pass can be {@link #restart() restarted} for the next period: the back-test binds its
 * models once per partition and scores each month of it with the same scorers, since
 * building them (compiling a tree ensemble, opening an ONNX session) costs more than
 * scoring a small month. No month needs a binding of its own: a scorer reads a row's
 * values by the dataset's feature order, and the readers put every file's rows in that
 * order whatever the order of the file's columns.
 *
 * @param <M> what the caller keeps per model: at least its version, and whatever else it
 * needs beside the figures (a database id, drift samples)
 */
public final class ScoringPass<M> implements AutoCloseable {

	/**
	 * A model of the pass: the caller's subject, its version, its accumulator and, if
	 * logged, its coverage.
	 */
	public static final class Scored<M> {

		private final M subject;

		private final ModelVersion version;

		private final MetricAccumulator accumulator;

		private final LoggedScorer logged;

		/**
		 * A multiclass model's probabilities of the row in hand, written by the pass's
		 * block scorer before its sink sees the row; {@code null} for another model.
		 */
		private final double[] probabilities;

		private Scored(M subject, ModelVersion version, MetricAccumulator accumulator, Scorer scorer,
				double[] probabilities) {
			this.subject = subject;
			this.version = version;
			this.accumulator = accumulator;
			this.logged = (scorer instanceof LoggedScorer loggedScorer) ? loggedScorer : null;
			this.probabilities = probabilities;
		}

		/** What the caller keeps for this model. */
		public M subject() {
			return this.subject;
		}

		/** The model version. */
		public ModelVersion version() {
			return this.version;
		}

		/** The metrics of the rows accumulated so far. */
		public MetricAccumulator accumulator() {
			return this.accumulator;
		}

		/** Whether the model's scores are logged rather than computed. */
		public boolean logged() {
			return this.logged != null;
		}

		/**
		 * How the rows and logged scores of a logged model met
		 * ({@link LoggedScorer#coverage()}).
		 * @throws IllegalStateException when the model is not {@link #logged()}
		 */
		public LogCoverage coverage() {
			if (this.logged == null) {
				throw new IllegalStateException(this.version.key() + " is not a logged model: it has no coverage");
			}
			return this.logged.coverage();
		}

		private void count(Row row, double score, boolean judged) {
			if (this.logged != null) {
				this.logged.count(row, score, judged);
			}
		}

		/**
		 * Adds the row; a multiclass model adds the row's class probabilities, which the
		 * block scorer wrote when it scored the row (the score is only the top class's).
		 * @param rowKey the row's {@link RowKey}, or any value when the accumulator does
		 * not {@link MetricAccumulator#usesRowKeys() use it}
		 */
		private void accumulate(Row row, double score, long rowKey) {
			if (this.probabilities != null) {
				((MulticlassAccumulator) this.accumulator).add(this.probabilities, row.label());
			}
			else if (this.logged == null || !Double.isNaN(score)) {
				this.accumulator.add(score, row.label(), rowKey);
			}
		}

	}

	private final BoundModels bound;

	private final List<M> subjects;

	private final List<ModelVersion> versions;

	private final DatasetConfig dataset;

	private final Path datasetDir;

	private final double defaultThreshold;

	private List<Scored<M>> models;

	/**
	 * Whether an accumulator of {@link #models} uses a row's key (a regression's
	 * bootstrap replicates): only then is it computed, once per row for every model.
	 */
	private boolean rowKeys;

	/** Whether a model is logged: only then does {@link #count} count a row. */
	private boolean anyLogged;

	/**
	 * Per model, a multiclass row's probabilities (else {@code null}), reused row after
	 * row: the block scorers write them, the accumulators read them.
	 */
	private final double[][] rowProbabilities;

	private ScoringPass(BoundModels bound, List<M> subjects, List<ModelVersion> versions, DatasetConfig dataset,
			Path datasetDir, double defaultThreshold) {
		this.bound = bound;
		this.subjects = List.copyOf(subjects);
		this.versions = versions;
		this.dataset = dataset;
		this.datasetDir = datasetDir;
		this.defaultThreshold = defaultThreshold;
		this.rowProbabilities = bound.rowProbabilities();
		useModels(scored());
	}

	/**
	 * Binds the models of {@code subjects} to the dataset
	 * ({@link BoundModels#bind(List, DatasetConfig, Path)}), each with an empty
	 * accumulator of the dataset's task.
	 * @param subjects what the caller keeps per model, in the order of the scores handed
	 * to a sink
	 * @param version the model version of a subject
	 * @param dataset the dataset the rows are of
	 * @param datasetDir the dataset's folder (a logged model's prediction log is kept
	 * there)
	 * @param defaultThreshold for binary tasks, the decision threshold of a model whose
	 * file gives none ({@link ModelVersion#thresholdOr}); each model's accumulator counts
	 * a row positive from its own threshold
	 * @throws ModelFileException as {@link ModelVersion#bind} does
	 */
	public static <M> ScoringPass<M> bind(List<M> subjects, Function<? super M, ModelVersion> version,
			DatasetConfig dataset, Path datasetDir, double defaultThreshold) {
		List<ModelVersion> versions = subjects.stream().<ModelVersion>map(version).toList();
		BoundModels bound = BoundModels.bind(versions, dataset, datasetDir);
		return new ScoringPass<>(bound, subjects, versions, dataset, datasetDir, defaultThreshold);
	}

	/**
	 * Starts the pass again for other rows with the same scorers: every accumulator is
	 * empty again and a logged model's scorer, which counts per pass, is bound anew; the
	 * other scorers are kept. Block scorers and {@link #models()} taken before belong to
	 * the pass before: take new ones.
	 * @throws ModelFileException as {@link ModelVersion#bind} does (a logged model)
	 */
	public void restart() {
		this.bound.rebindLogged(this.versions, this.dataset, this.datasetDir);
		useModels(scored());
	}

	private void useModels(List<Scored<M>> models) {
		this.models = models;
		this.rowKeys = models.stream().anyMatch((model) -> model.accumulator.usesRowKeys());
		this.anyLogged = models.stream().anyMatch(Scored::logged);
	}

	/** Each subject with an empty accumulator and its scorer. */
	private List<Scored<M>> scored() {
		List<Scored<M>> models = new ArrayList<>();
		for (int i = 0; i < this.subjects.size(); i++) {
			ModelVersion version = this.versions.get(i);
			models.add(new Scored<>(this.subjects.get(i), version,
					Accumulators.create(this.dataset, version.thresholdOr(this.defaultThreshold)), this.bound.get(i),
					this.rowProbabilities[i]));
		}
		return List.copyOf(models);
	}

	/** The scorer of the {@code i}-th model (for tests). */
	Scorer scorer(int i) {
		return this.bound.get(i);
	}

	/** The models, in the order of the subjects and of the scores handed to a sink. */
	public List<Scored<M>> models() {
		return this.models;
	}

	/**
	 * Sets the period whose logged predictions the logged models' coverage counts
	 * ({@link LoggedScorer#countBetween}).
	 */
	public void countLoggedBetween(LocalDate from, LocalDate to) {
		for (Scored<M> model : this.models) {
			if (model.logged != null) {
				model.logged.countBetween(from, to);
			}
		}
	}

	/**
	 * A block scorer that hands each row with every model's score to {@code sink}, in
	 * file order; nothing is counted or accumulated unless the sink calls {@link #count}
	 * or {@link #accumulate}. Call {@link BlockScorer#flush()} after the last row. A
	 * multiclass model's probabilities of the row are written for {@link #accumulate}
	 * before the sink sees it: each row is scored once.
	 */
	public BlockScorer blocks(BlockScorer.Sink sink) {
		return this.bound.blocks(this.rowProbabilities, sink);
	}

	/**
	 * A block scorer that {@link #count counts} every row (judged when labelled) and
	 * {@link #accumulate accumulates} it: the accumulators count an unlabelled row as
	 * such. Call {@link BlockScorer#flush()} after the last row.
	 */
	public BlockScorer blocks() {
		return blocks((row, scores) -> {
			count(row, scores, row.labelled());
			accumulate(row, scores);
		});
	}

	/**
	 * Counts a row for the logged models' coverage ({@link LoggedScorer#count}).
	 * @param row the row
	 * @param scores every model's score for it, as a sink receives them
	 * @param judged whether the metrics judge the row (labelled, and not awaiting its
	 * label)
	 */
	public void count(Row row, double[] scores, boolean judged) {
		if (!this.anyLogged) {
			return;
		}
		for (int i = 0; i < scores.length; i++) {
			this.models.get(i).count(row, scores[i], judged);
		}
	}

	/**
	 * Adds a row and its scores to every model's accumulator, except a logged model's
	 * that has no logged score for it; a multiclass model's accumulator takes the row's
	 * probabilities instead (call it from the sink of {@link #blocks}, which wrote them).
	 * @param row the row
	 * @param scores every model's score for it, as a sink receives them
	 */
	public void accumulate(Row row, double[] scores) {
		long rowKey = this.rowKeys ? RowKey.of(row) : 0;
		for (int i = 0; i < scores.length; i++) {
			this.models.get(i).accumulate(row, scores[i], rowKey);
		}
	}

	/** Releases the models' scorers; the accumulators and coverage stay readable. */
	@Override
	public void close() {
		this.bound.close();
	}

}
