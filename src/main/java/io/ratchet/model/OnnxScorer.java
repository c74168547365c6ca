package io.ratchet.model;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.ratchet.data.Row;
import io.ratchet.data.Task;

/**
 * An {@link OnnxModel} bound to a dataset: a leased ONNX Runtime session
 * ({@link OnnxSessions}) and, per input of the graph, where each of its columns comes
 * from. A block of rows becomes one tensor per input and one call into ONNX Runtime
 * ({@link #scoreBatch}); a single row is a block of one, correct but slow, so the jobs
 * score in blocks ({@link BlockScorer}).
 * <p>
 * Binding checks the model file's mapping against the graph ({@link OnnxGraph}); each
 * input's tensor is made by its {@link OnnxFeed}. Scoring checks the output's actual
 * shape, and that a binary model's scores are probabilities.
 */
final class OnnxScorer implements Scorer {

	private final OnnxSessions.Lease lease;

	private final OrtEnvironment environment;

	private final String key;

	private final Path modelFile;

	private final boolean binary;

	private final OnnxFeed[] feeds;

	private final String output;

	private final int column;

	private final Set<String> outputs;

	/** A multiclass model's number of classes (the output's columns), else 0. */
	private final int classes;

	private OnnxScorer(OnnxSessions.Lease lease, OrtEnvironment environment, ModelVersion version, OnnxFeed[] feeds,
			OnnxModel.Output output) {
		this.lease = lease;
		this.environment = environment;
		this.key = version.key();
		this.modelFile = version.file();
		this.binary = version.task() == Task.BINARY;
		this.feeds = feeds;
		this.output = output.name();
		this.column = output.column();
		this.outputs = Set.of(output.name());
		this.classes = output.classes().size();
	}

	/**
	 * Leases the session of the version's ONNX file and checks the mapping against its
	 * graph.
	 * @param featureIndex each feature's position in the dataset's features (already
	 * checked to exist)
	 * @throws ModelFileException naming the ONNX file (missing, changed, corrupt) or the
	 * model file (mapping)
	 */
	static OnnxScorer bind(ModelVersion version, OnnxModel model, ToIntFunction<String> featureIndex) {
		return bind(OnnxSessions.SHARED, version, model, featureIndex);
	}

	static OnnxScorer bind(OnnxSessions sessions, ModelVersion version, OnnxModel model,
			ToIntFunction<String> featureIndex) {
		Path onnxFile = version.file().resolveSibling(model.file());
		OnnxSessions.Lease lease = sessions.lease(onnxFile, model.sha256(), version.file());
		try {
			OrtSession session = lease.session();
			OnnxGraph graph = OnnxGraph.of(session, onnxFile);
			OnnxFeed[] feeds = new OnnxFeed[model.inputs().size()];
			for (int i = 0; i < feeds.length; i++) {
				OnnxModel.Input input = model.inputs().get(i);
				boolean vector = graph.checkInput(input, version.file());
				feeds[i] = new OnnxFeed(input, vector, featureIndex);
			}
			graph.checkEveryInputMapped(model, version.file());
			graph.checkOutput(model.output(), version.file());
			return new OnnxScorer(lease, OnnxSessions.environment(onnxFile), version, feeds, model.output());
		}
		catch (RuntimeException ex) {
			lease.close();
			throw ex;
		}
	}

	@Override
	public double score(Row row) {
		double[] scores = new double[1];
		scoreBatch(List.of(row), scores);
		return scores[0];
	}

	/**
	 * {@inheritDoc}
	 * @throws ModelFileException naming the model file when the output does not have one
	 * value per row, or a value is not a number, is infinite, or (binary) is not a
	 * probability; the row's line is given
	 */
	@Override
	public void scoreBatch(List<Row> rows, double[] scores) {
		scoreBatch(rows, scores, false);
	}

	/**
	 * As {@link #scoreBatch(List, double[])}; {@code lenient} keeps NaN (and, for
	 * regression, infinite) outputs: a regression case records what the graph gives for a
	 * missing value it does not impute, or for 1e300 rounded to float32 infinity, while a
	 * job cannot score such a row.
	 */
	void scoreBatch(List<Row> rows, double[] scores, boolean lenient) {
		run(rows, (tensor) -> read(tensor, rows, scores, lenient));
	}

	/**
	 * A multiclass model's class probabilities of a block of rows, row after row
	 * ({@link ClassScorer#probabilitiesBatch}), from the output's {@code [rows, k]}
	 * tensor in one call.
	 * @throws ModelFileException naming the model file when the output is not
	 * {@code [rows, k]}, or a value is not a probability; the row's line is given
	 */
	void probabilitiesBatch(List<Row> rows, double[] into) {
		probabilitiesBatch(rows, into, false);
	}

	/**
	 * As {@link #probabilitiesBatch(List, double[])}; {@code lenient} keeps NaN (a
	 * regression case records what the graph gives for a missing value or for 1e300,
	 * infinite in float32).
	 */
	void probabilitiesBatch(List<Row> rows, double[] into, boolean lenient) {
		run(rows, (tensor) -> readClasses(tensor, rows, into, lenient));
	}

	/**
	 * Feeds the rows to the graph, hands its output to {@code read} and releases both.
	 */
	private void run(List<Row> rows, Consumer<OnnxTensor> read) {
		if (rows.isEmpty()) {
			return;
		}
		Map<String, OnnxTensor> tensors = new LinkedHashMap<>();
		try {
			for (OnnxFeed feed : this.feeds) {
				tensors.put(feed.name(), feed.tensor(this.environment, rows));
			}
			try (OrtSession.Result result = this.lease.session().run(tensors, this.outputs)) {
				OnnxValue value = result.get(this.output).orElseThrow();
				read.accept((OnnxTensor) value);
			}
		}
		catch (OrtException ex) {
			throw new ModelFileException(this.modelFile, 0,
					"ONNX Runtime failed to score model " + this.key + ": " + ex.getMessage(), ex);
		}
		finally {
			tensors.values().forEach(OnnxTensor::close);
		}
	}

	private void readClasses(OnnxTensor tensor, List<Row> rows, double[] into, boolean lenient) {
		int n = rows.size();
		long[] shape = tensor.getInfo().getShape();
		if (shape.length != 2 || shape[0] != n || shape[1] != this.classes) {
			throw new ModelFileException(this.modelFile, 0,
					"output \"" + this.output + "\" of model " + this.key + " has shape " + Arrays.toString(shape)
							+ " for " + n + " rows; expected [" + n + ", " + this.classes + "] (one probability per"
							+ " class)");
		}
		int values = n * this.classes;
		if (tensor.getInfo().type == OnnxJavaType.FLOAT) {
			FloatBuffer buffer = tensor.getFloatBuffer();
			for (int i = 0; i < values; i++) {
				into[i] = buffer.get(i);
			}
		}
		else {
			tensor.getDoubleBuffer().get(into, 0, values);
		}
		for (int i = 0; i < values; i++) {
			if (!(into[i] >= 0 && into[i] <= 1) && !(lenient && Double.isNaN(into[i]))) {
				throw new ModelFileException(this.modelFile, 0,
						"model " + this.key + " gave " + into[i] + " (output \"" + this.output + "\", class "
								+ (i % this.classes) + ") for the row" + lineOf(rows.get(i / this.classes).line())
								+ ": a class probability must be in [0, 1]");
			}
		}
	}

	private static String lineOf(long line) {
		return (line > 0) ? " on line " + line : "";
	}

	private void read(OnnxTensor tensor, List<Row> rows, double[] scores, boolean lenient) {
		int n = rows.size();
		long[] shape = tensor.getInfo().getShape();
		boolean fits = (shape.length == 1) ? shape[0] == n && this.column == 0
				: shape.length == 2 && shape[0] == n && this.column < shape[1];
		if (!fits) {
			throw new ModelFileException(this.modelFile, 0,
					"output \"" + this.output + "\" of model " + this.key + " has shape " + Arrays.toString(shape)
							+ " for " + n + " rows; expected [" + n + "] or [" + n + ", k] with column " + this.column
							+ " < k");
		}
		int width = (shape.length == 1) ? 1 : (int) shape[1];
		if (tensor.getInfo().type == OnnxJavaType.FLOAT) {
			FloatBuffer values = tensor.getFloatBuffer();
			for (int r = 0; r < n; r++) {
				scores[r] = values.get(r * width + this.column);
			}
		}
		else {
			DoubleBuffer values = tensor.getDoubleBuffer();
			for (int r = 0; r < n; r++) {
				scores[r] = values.get(r * width + this.column);
			}
		}
		for (int r = 0; r < n; r++) {
			double score = scores[r];
			boolean bad = Double.isNaN(score) ? !lenient
					: this.binary ? !(score >= 0 && score <= 1) : Double.isInfinite(score) && !lenient;
			if (bad) {
				throw badScore(score, rows.get(r).line());
			}
		}
	}

	private ModelFileException badScore(double score, long line) {
		String why = Double.isNaN(score)
				? "a model must give a number for every row (does the graph take a missing"
						+ " value, NaN, without imputing it?)"
				: this.binary ? "the score of a binary model must be a probability in [0, 1] (is this output the"
						+ " positive class's probability?)" : "a prediction must be finite";
		return new ModelFileException(this.modelFile, 0, "model " + this.key + " gave " + score + " (output \""
				+ this.output + "\", column " + this.column + ") for the row" + lineOf(line) + ": " + why);
	}

	/** A call into ONNX Runtime costs far more than a row: score in blocks. */
	@Override
	public boolean prefersBlocks() {
		return true;
	}

	@Override
	public void close() {
		this.lease.close();
	}

}
