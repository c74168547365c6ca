package io.ratchet.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.ratchet.data.DatasetConfig;

/**
 * The scorers of several model versions bound to one dataset, in order, released
 * together: how a job step holds the models it scores (an ONNX model holds a session of
 * ONNX Runtime while bound).
 */
public final class BoundModels implements AutoCloseable {

	private final Scorer[] scorers;

	private BoundModels(Scorer[] scorers) {
		this.scorers = scorers;
	}

	/**
	 * Binds every version to the dataset; when one cannot be bound, those already bound
	 * are released.
	 * @throws ModelFileException as {@link ModelVersion#bind} does
	 */
	public static BoundModels bind(List<ModelVersion> models, DatasetConfig dataset) {
		return bind(models, dataset, null);
	}

	/**
	 * As {@link #bind(List, DatasetConfig)}, with the dataset's folder, where a logged
	 * model's prediction log is kept ({@link ModelVersion#bind(DatasetConfig, Path)}).
	 */
	public static BoundModels bind(List<ModelVersion> models, DatasetConfig dataset, Path datasetDir) {
		List<Scorer> bound = new ArrayList<>();
		try {
			for (ModelVersion model : models) {
				bound.add(model.bind(dataset, datasetDir));
			}
		}
		catch (RuntimeException ex) {
			bound.forEach(Scorer::close);
			throw ex;
		}
		return new BoundModels(bound.toArray(Scorer[]::new));
	}

	/**
	 * Binds the logged models among {@code models} (the versions this was bound from, in
	 * the same order) anew, releasing their old scorers: a {@link LoggedScorer} counts
	 * what one pass met, so each pass needs its own. The other scorers are kept.
	 * @throws ModelFileException as {@link ModelVersion#bind} does
	 */
	void rebindLogged(List<ModelVersion> models, DatasetConfig dataset, Path datasetDir) {
		for (int i = 0; i < this.scorers.length; i++) {
			if (this.scorers[i] instanceof LoggedScorer) {
				Scorer fresh = models.get(i).bind(dataset, datasetDir);
				this.scorers[i].close();
				this.scorers[i] = fresh;
			}
		}
	}

	/** The scorer of the {@code i}-th version. */
	public Scorer get(int i) {
		return this.scorers[i];
	}

	/**
	 * A block scorer over every model, handing each row and its scores to {@code sink}.
	 */
	public BlockScorer blocks(BlockScorer.Sink sink) {
		return new BlockScorer(this.scorers, sink);
	}

	/**
	 * As {@link #blocks(BlockScorer.Sink)}, writing each row's class probabilities of a
	 * multiclass model into {@code rowProbabilities[i]} before the sink sees the row
	 * ({@link BlockScorer#BlockScorer(Scorer[], double[][], BlockScorer.Sink)}).
	 */
	public BlockScorer blocks(double[][] rowProbabilities, BlockScorer.Sink sink) {
		return new BlockScorer(this.scorers, rowProbabilities, sink);
	}

	/**
	 * Per model, an array for a row's class probabilities when it is multiclass, else
	 * {@code null} ({@link BlockScorer#rowProbabilities(Scorer[])}).
	 */
	public double[][] rowProbabilities() {
		return BlockScorer.rowProbabilities(this.scorers);
	}

	@Override
	public void close() {
		for (Scorer scorer : this.scorers) {
			scorer.close();
		}
	}

}
