package io.ratchet.metrics;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import io.ratchet.data.ValueMatrix;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One month's binary bootstrap intervals (200 resamples, as a back-test computes them per
 * model and month) of 30, 1,500 and 100,000 rows: {@code current} is {@link BinaryBootstrap},
 * {@code reference} the implementation before issue 15 (kept in the test tree). Microseconds
 * per month.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class BinaryBootstrapBenchmark {

	static final int RESAMPLES = 200;

	@Param({ "30", "1500", "100000" })
	int rows;

	private BinaryAccumulator month;

	private MetricValues values;

	@Setup
	public void setUp() {
		SplittableRandom random = new SplittableRandom(3);
		this.month = new BinaryAccumulator(0.5, ValueMatrix.binary(10, -1, 0, -5), 1 << 21);
		for (int i = 0; i < this.rows; i++) {
			double score = 1 / (1 + Math.exp(-random.nextGaussian() * 1.5));
			this.month.add(score, (random.nextDouble() < score) ? 1 : 0);
		}
		this.values = this.month.result();
	}

	@Benchmark
	public Map<String, Interval> current() {
		return BinaryBootstrap.intervals(this.month, this.values, RESAMPLES, 7);
	}

	@Benchmark
	public Map<String, Interval> reference() {
		return BinaryBootstrapReference.intervals(this.month, this.values, RESAMPLES, 7);
	}

}
