package io.ratchet.model;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.ratchet.data.Row;
import io.ratchet.data.Task;

/**
 * An {@link OnnxModel} bound to a dataset: a leased ONNX Runtime session ({@link OnnxSessions}) and, per input of the
 * graph, where each of its columns comes from. A block of rows becomes one tensor per input and one call into ONNX
 * Runtime ({@link #scoreBatch}); a single row is a block of one, correct but slow, so the jobs score in blocks
 * ({@link BlockScorer}).
 * <p>
 * Binding checks the model file's mapping against the graph: every input of the graph is mapped and nothing else,
 * with its element type, a rank of 1 or 2, a free first (row) dimension and as many columns as the mapping gives; the
 * output exists, is a float or double tensor with a free first dimension, and has the column named. Scoring checks
 * the output's actual shape, and that a binary model's scores are probabilities.
 */
final class OnnxScorer implements Scorer {

	private final OnnxSessions.Lease lease;

	private final OrtEnvironment environment;

	private final String key;

	private final Path modelFile;

	private final boolean binary;

	private final Feed[] feeds;

	private final String output;

	private final int column;

	private final Set<String> outputs;

	private OnnxScorer(OnnxSessions.Lease lease, OrtEnvironment environment, ModelVersion version, Feed[] feeds,
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
	}

	/**
	 * Leases the session of the version's ONNX file and checks the mapping against its graph.
	 * @param featureIndex each feature's position in the dataset's features (already checked to exist)
	 * @throws ModelFileException naming the ONNX file (missing, changed, corrupt) or the model file (mapping)
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
			Graph graph = Graph.of(session, onnxFile);
			Feed[] feeds = new Feed[model.inputs().size()];
			for (int i = 0; i < feeds.length; i++) {
				OnnxModel.Input input = model.inputs().get(i);
				boolean vector = graph.checkInput(input, version.file());
				feeds[i] = new Feed(input, vector, featureIndex);
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
	 * @throws ModelFileException naming the model file when the output does not have one value per row, or a value
	 * is not a number, is infinite, or (binary) is not a probability; the row's line is given
	 */
	@Override
	public void scoreBatch(List<Row> rows, double[] scores) {
		scoreBatch(rows, scores, false);
	}

	/**
	 * As {@link #scoreBatch(List, double[])}; {@code lenient} keeps NaN (and, for regression, infinite) outputs: a
	 * regression case records what the graph gives for a missing value it does not impute, or for 1e300 rounded to
	 * float32 infinity, while a job cannot score such a row.
	 */
	void scoreBatch(List<Row> rows, double[] scores, boolean lenient) {
		int n = rows.size();
		if (n == 0) {
			return;
		}
		Map<String, OnnxTensor> tensors = new LinkedHashMap<>();
		try {
			for (Feed feed : this.feeds) {
				tensors.put(feed.name, feed.tensor(this.environment, rows));
			}
			try (OrtSession.Result result = this.lease.session().run(tensors, this.outputs)) {
				OnnxValue value = result.get(this.output).orElseThrow();
				read((OnnxTensor) value, rows, scores, lenient);
			}
		}
		catch (OrtException ex) {
			throw new ModelFileException(this.modelFile, 0, "ONNX Runtime failed to score model " + this.key + ": "
					+ ex.getMessage(), ex);
		}
		finally {
			tensors.values().forEach(OnnxTensor::close);
		}
	}

	private void read(OnnxTensor tensor, List<Row> rows, double[] scores, boolean lenient) {
		int n = rows.size();
		long[] shape = tensor.getInfo().getShape();
		boolean fits = (shape.length == 1) ? shape[0] == n && this.column == 0
				: shape.length == 2 && shape[0] == n && this.column < shape[1];
		if (!fits) {
			throw new ModelFileException(this.modelFile, 0, "output \"" + this.output + "\" of model " + this.key
					+ " has shape " + Arrays.toString(shape) + " for " + n + " rows; expected [" + n + "] or [" + n
					+ ", k] with column " + this.column + " < k");
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
		String why = Double.isNaN(score) ? "a model must give a number for every row (does the graph take a missing"
				+ " value, NaN, without imputing it?)"
				: this.binary ? "the score of a binary model must be a probability in [0, 1] (is this output the"
						+ " positive class's probability?)" : "a prediction must be finite";
		return new ModelFileException(this.modelFile, 0, "model " + this.key + " gave " + score + " (output \""
				+ this.output + "\", column " + this.column + ") for the row" + ((line > 0) ? " on line " + line : "")
				+ ": " + why);
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

	/** Inputs or outputs of a graph as messages show them: {@code input float [?, 34], label int64 [?]}. */
	static String describe(Map<String, NodeInfo> nodes) {
		return String.join(", ", nodes.values().stream().map(OnnxScorer::describe).toList());
	}

	static String describe(NodeInfo node) {
		if (node.getInfo() instanceof TensorInfo tensor) {
			return node.getName() + " " + typeName(tensor.type) + " " + shape(tensor.getShape());
		}
		return node.getName() + " " + node.getInfo();
	}

	private static String shape(long[] shape) {
		return Arrays.toString(Arrays.stream(shape).mapToObj((d) -> (d < 0) ? "?" : Long.toString(d)).toArray());
	}

	private static String typeName(OnnxJavaType type) {
		return type.toString().toLowerCase(Locale.ROOT);
	}

	/** One input of the graph and where each of its columns comes from. */
	private static final class Feed {

		private static final int VALUE = 0;

		private static final int INDICATOR = 1;

		private static final int CODE = 2;

		private final String name;

		private final OnnxModel.ElementType type;

		private final boolean vector;

		private final int[] feature;

		private final int[] kind;

		private final String[] level;

		private final Map<String, Integer>[] codes;

		@SuppressWarnings("unchecked")
		/** {@code vector}: the input is {@code [rows]}, not {@code [rows, columns]}. */
		Feed(OnnxModel.Input input, boolean vector, ToIntFunction<String> featureIndex) {
			this.name = input.name();
			this.type = input.type();
			this.vector = vector;
			int width = input.columns().size();
			this.feature = new int[width];
			this.kind = new int[width];
			this.level = new String[width];
			this.codes = new Map[width];
			for (int c = 0; c < width; c++) {
				OnnxModel.Column column = input.columns().get(c);
				this.feature[c] = featureIndex.applyAsInt(column.feature());
				if (column instanceof OnnxModel.Indicator indicator) {
					this.kind[c] = INDICATOR;
					this.level[c] = indicator.level();
				}
				else if (column instanceof OnnxModel.Code code) {
					this.kind[c] = CODE;
					Map<String, Integer> positions = new HashMap<>();
					for (int i = 0; i < code.levels().size(); i++) {
						positions.put(code.levels().get(i), i);
					}
					this.codes[c] = positions;
				}
			}
		}

		OnnxTensor tensor(OrtEnvironment environment, List<Row> rows) throws OrtException {
			int n = rows.size();
			int width = this.feature.length;
			long[] shape = this.vector ? new long[] { n } : new long[] { n, width };
			switch (this.type) {
				case FLOAT -> {
					float[] data = new float[n * width];
					for (int r = 0; r < n; r++) {
						Row row = rows.get(r);
						for (int c = 0; c < width; c++) {
							data[r * width + c] = (float) number(row, c, Double.NaN);
						}
					}
					return OnnxTensor.createTensor(environment, FloatBuffer.wrap(data), shape);
				}
				case DOUBLE -> {
					double[] data = new double[n * width];
					for (int r = 0; r < n; r++) {
						Row row = rows.get(r);
						for (int c = 0; c < width; c++) {
							data[r * width + c] = number(row, c, Double.NaN);
						}
					}
					return OnnxTensor.createTensor(environment, DoubleBuffer.wrap(data), shape);
				}
				case INT64 -> {
					long[] data = new long[n * width];
					for (int r = 0; r < n; r++) {
						Row row = rows.get(r);
						for (int c = 0; c < width; c++) {
							data[r * width + c] = (long) number(row, c, -1);
						}
					}
					return OnnxTensor.createTensor(environment, LongBuffer.wrap(data), shape);
				}
				default -> {
					String[] data = new String[n * width];
					for (int r = 0; r < n; r++) {
						String[] levels = rows.get(r).levels();
						for (int c = 0; c < width; c++) {
							String value = levels[this.feature[c]];
							data[r * width + c] = (value != null) ? value : "";
						}
					}
					return OnnxTensor.createTensor(environment, data, shape);
				}
			}
		}

		/** The number column {@code c} takes from a row; {@code absent} for a missing or unseen category code. */
		private double number(Row row, int c, double absent) {
			int index = this.feature[c];
			switch (this.kind[c]) {
				case INDICATOR -> {
					return this.level[c].equals(row.levels()[index]) ? 1 : 0;
				}
				case CODE -> {
					String value = row.levels()[index];
					Integer code = (value != null) ? this.codes[c].get(value) : null;
					return (code != null) ? code : absent;
				}
				default -> {
					return row.numbers()[index];
				}
			}
		}

	}

	/** The inputs and outputs of a graph as ONNX Runtime describes them. */
	private record Graph(Map<String, NodeInfo> inputs, Map<String, NodeInfo> outputs, Path onnxFile) {

		static Graph of(OrtSession session, Path onnxFile) {
			try {
				return new Graph(session.getInputInfo(), session.getOutputInfo(), onnxFile);
			}
			catch (OrtException ex) {
				throw new ModelFileException(onnxFile, 0, "ONNX Runtime cannot describe its inputs and outputs: "
						+ ex.getMessage(), ex);
			}
		}

		/** Checks that the graph has the input as mapped; returns whether it is a vector ({@code [rows]}). */
		boolean checkInput(OnnxModel.Input input, Path modelFile) {
			NodeInfo node = this.inputs.get(input.name());
			if (node == null) {
				throw mismatch(modelFile, "input \"" + input.name() + "\" is not an input of the graph (its inputs: "
						+ describe(this.inputs) + ")");
			}
			if (!(node.getInfo() instanceof TensorInfo tensor)) {
				throw mismatch(modelFile, "input \"" + input.name() + "\" of the graph is " + node.getInfo()
						+ ", not a tensor");
			}
			if (tensor.type != javaType(input.type())) {
				throw mismatch(modelFile, "input \"" + input.name() + "\" of the graph holds " + typeName(tensor.type)
						+ ", not " + input.type().key());
			}
			long[] shape = tensor.getShape();
			int width = input.columns().size();
			boolean fits = (shape.length == 1) ? width == 1
					: shape.length == 2 && (shape[1] < 0 || shape[1] == width);
			if (!fits) {
				throw mismatch(modelFile, "input \"" + input.name() + "\" of the graph has shape " + shape(shape)
						+ " but the model file maps " + width + " column" + ((width == 1) ? "" : "s") + " to it");
			}
			if (shape[0] >= 0) {
				throw mismatch(modelFile, "input \"" + input.name() + "\" of the graph has a fixed number of rows ("
						+ shape[0] + "): export the model with a free first dimension (e.g. [None, " + width
						+ "]) so that rows can be scored in blocks");
			}
			return shape.length == 1;
		}

		void checkEveryInputMapped(OnnxModel model, Path modelFile) {
			for (String name : this.inputs.keySet()) {
				if (model.inputs().stream().noneMatch((input) -> input.name().equals(name))) {
					throw mismatch(modelFile, "the graph's input \"" + name + "\" is not mapped to dataset columns in"
							+ " the model file");
				}
			}
		}

		void checkOutput(OnnxModel.Output output, Path modelFile) {
			NodeInfo node = this.outputs.get(output.name());
			if (node == null) {
				throw mismatch(modelFile, "output \"" + output.name() + "\" is not an output of the graph (its"
						+ " outputs: " + describe(this.outputs) + ")");
			}
			if (!(node.getInfo() instanceof TensorInfo tensor)
					|| (tensor.type != OnnxJavaType.FLOAT && tensor.type != OnnxJavaType.DOUBLE)) {
				throw mismatch(modelFile, "output \"" + output.name() + "\" of the graph is " + describe(node)
						+ ", not a float or double tensor" + (node.getInfo() instanceof TensorInfo ? ""
								: " (a sequence of maps is a classifier's ZipMap: convert with zipmap=False and use"
										+ " its probability tensor)"));
			}
			long[] shape = tensor.getShape();
			boolean fits = (shape.length == 1) ? output.column() == 0
					: shape.length == 2 && (shape[1] < 0 || output.column() < shape[1]);
			if (!fits) {
				throw mismatch(modelFile, "output \"" + output.name() + "\" of the graph has shape " + shape(shape)
						+ ": it has no column " + output.column() + " (expected [rows] or [rows, k] with column < k)");
			}
		}

		private ModelFileException mismatch(Path modelFile, String reason) {
			return new ModelFileException(modelFile, 0, "does not fit its ONNX file " + this.onnxFile.getFileName()
					+ ": " + reason);
		}

		static OnnxJavaType javaType(OnnxModel.ElementType type) {
			return switch (type) {
				case FLOAT -> OnnxJavaType.FLOAT;
				case DOUBLE -> OnnxJavaType.DOUBLE;
				case INT64 -> OnnxJavaType.INT64;
				case STRING -> OnnxJavaType.STRING;
			};
		}

	}

}
