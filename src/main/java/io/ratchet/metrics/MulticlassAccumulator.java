package io.ratchet.metrics;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.Map;

import io.ratchet.data.Task;

/**
 * Metrics of a classifier of {@code k} classes that gives one probability per class:
 * one-vs-rest ROC AUC, macro and weighted by support ({@code roc_auc_ovr_macro},
 * {@code roc_auc_ovr_weighted}), log loss, accuracy and macro F1 of the predicted class
 * (the most probable, the first of equal maxima). Definitions follow scikit-learn 1.2.1
 * ({@code roc_auc_score(multi_class='ovr')}, {@code log_loss}, {@code accuracy_score},
 * {@code f1_score(average='macro')}).
 *
 * <p>
 * The state is mergeable like the binary one: the confusion matrix (true class ×
 * predicted class), a compensated sum of log losses, and per class the
 * {@link LabelledScores} of its one-vs-rest problem (that class's probability, positive
 * when the row is of that class). These keep scores exactly up to
 * {@link BinaryAccumulator#EXACT_LIMIT}{@code / k} rows (the memory of one binary
 * accumulator), then move into a histogram as the binary ones do; a stored state keeps
 * them exactly up to {@link BinaryAccumulator#STATE_EXACT_LIMIT}{@code / k}.
 *
 * <p>
 * Rows are added with {@link #add(double[], double)}: the single-score
 * {@link #add(double, double)} of the interface is refused. A label is the class's index
 * (0 to {@code k - 1}) as a double, {@link Double#NaN} for an unlabelled row.
 */
public final class MulticlassAccumulator implements MetricAccumulator {

	/**
	 * scikit-learn 1.2.1's {@code eps='auto'} for float64 predictions:
	 * {@code np.finfo(np.float64).eps}. Each probability is clipped to
	 * {@code [eps, 1 - eps]} and the row renormalised before its log is taken.
	 */
	static final double LOG_LOSS_EPSILON = Math.ulp(1.0);

	/** The most classes an accumulator takes. */
	public static final int MAX_CLASSES = 1000;

	private final int classes;

	private final int exactLimit;

	private long unlabelled;

	/** {@code confusion[actual * classes + predicted]}. */
	private final long[] confusion;

	private final CompensatedSum logLossSum;

	/** Per class, its one-vs-rest scores. */
	private final LabelledScores[] scores;

	/** An empty accumulator for {@code classes} classes. */
	public MulticlassAccumulator(int classes) {
		this(checkClasses(classes), 0, new long[classes * classes], new CompensatedSum(), emptyScores(classes));
	}

	private MulticlassAccumulator(int classes, long unlabelled, long[] confusion, CompensatedSum logLossSum,
			LabelledScores[] scores) {
		this.classes = classes;
		this.exactLimit = perClass(BinaryAccumulator.EXACT_LIMIT, classes);
		this.unlabelled = unlabelled;
		this.confusion = confusion;
		this.logLossSum = logLossSum;
		this.scores = scores;
	}

	private static int checkClasses(int classes) {
		if (classes < 2 || classes > MAX_CLASSES) {
			throw new IllegalArgumentException(
					"a multiclass accumulator needs 2 to " + MAX_CLASSES + " classes, not " + classes);
		}
		return classes;
	}

	private static LabelledScores[] emptyScores(int classes) {
		LabelledScores[] scores = new LabelledScores[classes];
		for (int c = 0; c < classes; c++) {
			scores[c] = new LabelledScores(perClass(BinaryAccumulator.EXACT_LIMIT, classes));
		}
		return scores;
	}

	private static int perClass(int limit, int classes) {
		return Math.max(1, limit / classes);
	}

	/** How many classes this accumulator expects per row. */
	public int classes() {
		return this.classes;
	}

	/**
	 * Adds one row.
	 * @param probabilities one probability per class, in the classes' order; each finite
	 * and in {@code [0, 1]}
	 * @param label the index of the row's class, or {@link Double#NaN} when the row has
	 * no label (then only counted in {@link #unlabelled()})
	 * @throws IllegalArgumentException on the wrong number of probabilities, a
	 * probability that is not finite or outside {@code [0, 1]}, or a label that is not a
	 * class index
	 */
	public void add(double[] probabilities, double label) {
		if (Double.isNaN(label)) {
			this.unlabelled++;
			return;
		}
		if (probabilities.length != this.classes) {
			throw new IllegalArgumentException(
					probabilities.length + " probabilities for a model of " + this.classes + " classes");
		}
		int actual = (int) label;
		if (actual != label || actual < 0 || actual >= this.classes) {
			throw new IllegalArgumentException(
					"multiclass label must be a class index from 0 to " + (this.classes - 1) + ", not " + label);
		}
		int predicted = 0;
		double clippedSum = 0;
		for (int c = 0; c < this.classes; c++) {
			double p = probabilities[c];
			if (!(p >= 0 && p <= 1)) {
				throw new IllegalArgumentException("class probability must be in [0, 1], not " + p);
			}
			if (p > probabilities[predicted]) {
				predicted = c;
			}
			clippedSum += clip(p);
		}
		for (int c = 0; c < this.classes; c++) {
			this.scores[c].add(probabilities[c], c == actual);
		}
		this.confusion[actual * this.classes + predicted]++;
		this.logLossSum.add(-Math.log(clip(probabilities[actual]) / clippedSum));
	}

	private static double clip(double p) {
		return Math.min(Math.max(p, LOG_LOSS_EPSILON), 1 - LOG_LOSS_EPSILON);
	}

	/**
	 * Refused: a multiclass row has one probability per class.
	 * @throws UnsupportedOperationException always
	 */
	@Override
	public void add(double prediction, double label) {
		throw new UnsupportedOperationException(
				"a multiclass row has one probability per class: add(double[], double) takes them");
	}

	@Override
	public void merge(MetricAccumulator other) {
		if (!(other instanceof MulticlassAccumulator that)) {
			throw new IllegalArgumentException(
					"cannot merge a " + other.task().key() + " accumulator into a multiclass one");
		}
		if (that.classes != this.classes) {
			throw new IllegalArgumentException(
					"cannot merge accumulators of " + this.classes + " and " + that.classes + " classes");
		}
		boolean self = that == this;
		long[] added = self ? this.confusion.clone() : that.confusion;
		for (int i = 0; i < this.confusion.length; i++) {
			this.confusion[i] += added[i];
		}
		this.unlabelled += that.unlabelled;
		this.logLossSum.add(that.logLossSum);
		for (int c = 0; c < this.classes; c++) {
			this.scores[c].addAll(that.scores[c]);
		}
	}

	/**
	 * {@link Metric#N}, {@link Metric#LOG_LOSS}, {@link Metric#ACCURACY} and
	 * {@link Metric#F1_MACRO} whenever there is a labelled row; the one-vs-rest ROC AUCs
	 * only when every class has rows of its own and rows of the others (scikit-learn
	 * refuses otherwise). Macro F1 averages the classes that are some row's label or
	 * prediction, as {@code f1_score} without {@code labels}.
	 */
	@Override
	public MetricValues result() {
		long n = labelled();
		Map<Metric, Double> values = new EnumMap<>(Metric.class);
		values.put(Metric.N, (double) n);
		if (n == 0) {
			return new MetricValues(values);
		}
		values.put(Metric.LOG_LOSS, this.logLossSum.value() / n);
		long correct = 0;
		double f1Sum = 0;
		int f1Classes = 0;
		boolean ranked = true;
		for (int c = 0; c < this.classes; c++) {
			long truePositives = this.confusion[c * this.classes + c];
			long support = support(c);
			long predicted = predicted(c);
			correct += truePositives;
			if (support + predicted > 0) {
				f1Sum += 2.0 * truePositives / (support + predicted);
				f1Classes++;
			}
			ranked &= support > 0 && support < n;
		}
		values.put(Metric.ACCURACY, (double) correct / n);
		values.put(Metric.F1_MACRO, f1Sum / f1Classes);
		if (ranked) {
			CompensatedSum macro = new CompensatedSum();
			CompensatedSum weighted = new CompensatedSum();
			for (int c = 0; c < this.classes; c++) {
				double rocAuc = this.scores[c].ranking().rocAuc();
				macro.add(rocAuc);
				weighted.add(rocAuc * support(c));
			}
			values.put(Metric.ROC_AUC_OVR_MACRO, macro.value() / this.classes);
			values.put(Metric.ROC_AUC_OVR_WEIGHTED, weighted.value() / n);
		}
		return new MetricValues(values);
	}

	/** Labelled rows of class {@code c}. */
	private long support(int c) {
		long rows = 0;
		for (int predicted = 0; predicted < this.classes; predicted++) {
			rows += this.confusion[c * this.classes + predicted];
		}
		return rows;
	}

	/** Labelled rows predicted as class {@code c}. */
	private long predicted(int c) {
		long rows = 0;
		for (int actual = 0; actual < this.classes; actual++) {
			rows += this.confusion[actual * this.classes + c];
		}
		return rows;
	}

	@Override
	public long labelled() {
		long n = 0;
		for (long count : this.confusion) {
			n += count;
		}
		return n;
	}

	@Override
	public long unlabelled() {
		return this.unlabelled;
	}

	@Override
	public Task task() {
		return Task.MULTICLASS;
	}

	/**
	 * Payload: the class count (int), the unlabelled count, the confusion matrix row by
	 * row ({@code k²} longs), the log loss's compensated sum, then per class an int
	 * length and its one-vs-rest scores as a binary state writes them (exact, or the
	 * histogram mark and its bins).
	 */
	@Override
	public byte[] toBytes() {
		LabelledScores[] stored = new LabelledScores[this.classes];
		long payload = Integer.BYTES + Long.BYTES + (long) this.confusion.length * Long.BYTES + 2L * Double.BYTES;
		for (int c = 0; c < this.classes; c++) {
			stored[c] = this.scores[c].forState(perClass(BinaryAccumulator.STATE_EXACT_LIMIT, this.classes));
			payload += Integer.BYTES + stored[c].serialisedSize();
		}
		ByteBuffer buffer = StateFormat.start(StateFormat.MULTICLASS, payload, labelled());
		buffer.putInt(this.classes);
		buffer.putLong(this.unlabelled);
		for (long count : this.confusion) {
			buffer.putLong(count);
		}
		StateFormat.putSum(buffer, this.logLossSum);
		for (LabelledScores classScores : stored) {
			buffer.putInt((int) classScores.serialisedSize());
			classScores.write(buffer);
		}
		return StateFormat.finish(buffer);
	}

	/**
	 * Reads a state written by {@link #toBytes()}, checking that each class's stored
	 * scores agree with the confusion matrix. The class count is the state's own (a merge
	 * refuses states of different counts).
	 * @throws MetricStateException when it does not read back
	 */
	static MulticlassAccumulator fromBytes(byte[] state) {
		ByteBuffer payload = StateFormat.open(state, StateFormat.MULTICLASS);
		try {
			int classes = payload.getInt();
			if (classes < 2 || classes > MAX_CLASSES) {
				throw new MetricStateException("corrupt metric state: " + classes + " classes");
			}
			long unlabelled = StateFormat.getCount(payload, "unlabelled");
			long[] confusion = new long[classes * classes];
			for (int i = 0; i < confusion.length; i++) {
				confusion[i] = StateFormat.getCount(payload, "confusion");
			}
			CompensatedSum logLossSum = StateFormat.getSum(payload);
			MulticlassAccumulator accumulator = new MulticlassAccumulator(classes, unlabelled, confusion, logLossSum,
					new LabelledScores[classes]);
			long n = accumulator.labelled();
			for (int c = 0; c < classes; c++) {
				int length = payload.getInt();
				if (length < 0 || length > payload.remaining()) {
					throw StateFormat.truncated();
				}
				ByteBuffer part = payload.slice(payload.position(), length);
				payload.position(payload.position() + length);
				// at an infinite threshold no row is predicted positive: the "false
				// negatives"
				// are the class's rows, the "true negatives" the others'
				long support = accumulator.support(c);
				accumulator.scores[c] = LabelledScores.read(part, Double.POSITIVE_INFINITY,
						new long[] { 0, 0, n - support, support }, accumulator.exactLimit);
			}
			StateFormat.close(payload);
			return accumulator;
		}
		catch (BufferUnderflowException ex) {
			throw StateFormat.truncated();
		}
	}

}
