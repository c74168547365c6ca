package io.ratchet.metrics;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import io.ratchet.data.Task;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The metric accumulators and the ranking metrics: {@code add} per row (binary and regression), ROC AUC and average
 * precision of 100,000 exact scores (sort and sweep) and of the same scores in the bounded histogram, and the state
 * round trip of a month (binary, and regression with its bootstrap replicates). Scores are nanoseconds per row for
 * {@code add*}, microseconds per call otherwise.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AccumulatorBenchmark {

	static final int ROWS = 100_000;

	private double[] scores;

	private double[] labels;

	private BinaryAccumulator month;

	private BinaryAccumulator bounded;

	private MetricAccumulator regression;

	@Setup
	public void setUp() {
		SplittableRandom random = new SplittableRandom(3);
		this.scores = new double[ROWS];
		this.labels = new double[ROWS];
		for (int i = 0; i < ROWS; i++) {
			this.scores[i] = 1 / (1 + Math.exp(-random.nextGaussian() * 1.5));
			this.labels[i] = (random.nextDouble() < this.scores[i]) ? 1 : 0;
		}
		this.month = new BinaryAccumulator(0.5);
		this.bounded = new BinaryAccumulator(0.5, 0);
		for (int i = 0; i < ROWS; i++) {
			this.month.add(this.scores[i], this.labels[i]);
			this.bounded.add(this.scores[i], this.labels[i]);
		}
		this.regression = Accumulators.create(Task.REGRESSION, 0.5);
		for (int i = 0; i < ROWS; i++) {
			this.regression.add(this.scores[i], this.labels[i], i);
		}
	}

	@Benchmark
	@OperationsPerInvocation(ROWS)
	public MetricAccumulator addBinary() {
		MetricAccumulator accumulator = Accumulators.create(Task.BINARY, 0.5);
		for (int i = 0; i < ROWS; i++) {
			accumulator.add(this.scores[i], this.labels[i]);
		}
		return accumulator;
	}

	@Benchmark
	@OperationsPerInvocation(ROWS)
	public MetricAccumulator addRegression() {
		MetricAccumulator accumulator = Accumulators.create(Task.REGRESSION, 0.5);
		for (int i = 0; i < ROWS; i++) {
			accumulator.add(this.scores[i], this.labels[i]);
		}
		return accumulator;
	}

	/**
	 * Regression rows with their identity, as the jobs add them: the point sums and the 64 bootstrap replicates
	 * ({@link RegressionReplicates}).
	 */
	@Benchmark
	@OperationsPerInvocation(ROWS)
	public MetricAccumulator addRegressionKeyed() {
		MetricAccumulator accumulator = Accumulators.create(Task.REGRESSION, 0.5);
		for (int i = 0; i < ROWS; i++) {
			accumulator.add(this.scores[i], this.labels[i], i);
		}
		return accumulator;
	}

	/** A regression month's state (with its replicates) written and read back. */
	@Benchmark
	@OutputTimeUnit(TimeUnit.MICROSECONDS)
	public MetricAccumulator regressionStateRoundTrip() {
		return Accumulators.fromBytes(Task.REGRESSION, 0.5, this.regression.toBytes());
	}

	/** Every binary metric of a 100,000-row month, ROC AUC and AP included (sort of a fresh copy, then one sweep). */
	@Benchmark
	@OutputTimeUnit(TimeUnit.MICROSECONDS)
	public MetricValues resultExact() {
		BinaryAccumulator copy = new BinaryAccumulator(0.5);
		copy.merge(this.month);
		return copy.result();
	}

	/** The same figures from the histogram (a sweep of 2^20 bins). */
	@Benchmark
	@OutputTimeUnit(TimeUnit.MICROSECONDS)
	public MetricValues resultHistogram() {
		return this.bounded.result();
	}

	/** A month's state written and read back, as the back-test stores it and the summary merges it. */
	@Benchmark
	@OutputTimeUnit(TimeUnit.MICROSECONDS)
	public MetricAccumulator stateRoundTrip() {
		return Accumulators.fromBytes(Task.BINARY, 0.5, this.month.toBytes());
	}

}
