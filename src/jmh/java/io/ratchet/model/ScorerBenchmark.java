package io.ratchet.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.ratchet.bench.CorpusGenerator;
import io.ratchet.data.DatasetConfig;
import io.ratchet.data.DatasetConfigs;
import io.ratchet.data.MonthFileReader;
import io.ratchet.data.Row;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Each scorer of the bench corpus (a logistic model with 16 numeric terms and one categorical term; a tree ensemble of
 * 100 trees of depth 6) over 4,096 parsed rows, row by row and as the jobs hand rows over (in blocks). The score is
 * nanoseconds per row.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ScorerBenchmark {

	static final int ROWS = 4096;

	@Param({ "bench-logit@1", "bench-gbt@1" })
	public String model;

	private Scorer scorer;

	private Row[] rows;

	@Setup
	public void setUp() throws IOException {
		Path folder = Files.createTempDirectory("ratchet-jmh");
		new CorpusGenerator(7).write(folder, ROWS * (long) CorpusGenerator.MONTHS);
		DatasetConfig dataset = DatasetConfigs.load(folder.resolve("config"), CorpusGenerator.DATASET);
		this.scorer = ModelCatalogue.scan(folder.resolve("config").resolve("models")).get(this.model).bind(dataset);
		List<Row> parsed = new ArrayList<>();
		new MonthFileReader(dataset).read(
				folder.resolve("data").resolve(CorpusGenerator.DATASET).resolve(CorpusGenerator.LAST_MONTH + ".csv"),
				null, parsed::add, (rejection) -> {
				});
		this.rows = parsed.toArray(Row[]::new);
	}

	@Benchmark
	@OperationsPerInvocation(ROWS)
	public double score() {
		double sum = 0;
		for (Row row : this.rows) {
			sum += this.scorer.score(row);
		}
		return sum;
	}

	/** The same rows as the jobs hand them over: a {@link BlockScorer} of one model and a sink. */
	@Benchmark
	@OperationsPerInvocation(ROWS)
	public double scoreInBlocks() {
		double[] sum = new double[1];
		BlockScorer blocks = new BlockScorer(new Scorer[] { this.scorer }, (row, scores) -> sum[0] += scores[0]);
		for (Row row : this.rows) {
			blocks.add(row);
		}
		blocks.flush();
		return sum[0];
	}

}
