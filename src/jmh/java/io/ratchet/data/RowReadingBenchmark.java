package io.ratchet.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.concurrent.TimeUnit;

import io.ratchet.bench.CorpusGenerator;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * CSV row to feature vector: {@link MonthFileReader} ({@code ByteCsvReader}, validation, {@link Row}) over one
 * month file of the bench corpus (10,000 rows, in the page cache). The score is nanoseconds per row.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RowReadingBenchmark {

	static final int ROWS = 10_000;

	private Path folder;

	private Path file;

	private DatasetConfig dataset;

	private MonthFileReader reader;

	@Setup
	public void setUp() throws IOException {
		this.folder = Files.createTempDirectory("ratchet-jmh");
		new CorpusGenerator(7).write(this.folder, ROWS * (long) CorpusGenerator.MONTHS);
		this.dataset = DatasetConfigs.load(this.folder.resolve("config"), CorpusGenerator.DATASET);
		this.file = this.folder.resolve("data").resolve(CorpusGenerator.DATASET)
			.resolve(CorpusGenerator.LAST_MONTH + ".csv");
		this.reader = new MonthFileReader(this.dataset);
	}

	@TearDown
	public void tearDown() throws IOException {
		try (var paths = Files.walk(this.folder)) {
			paths.sorted(java.util.Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
	}

	@Benchmark
	@OperationsPerInvocation(ROWS)
	public ReadStats readMonth(Blackhole blackhole) {
		return this.reader.read(this.file, CorpusGenerator.LAST_MONTH, blackhole::consume,
				(rejection) -> blackhole.consume(rejection));
	}

	@Benchmark
	@OperationsPerInvocation(ROWS)
	public ReadStats readMonthWithoutMonthCheck(Blackhole blackhole) {
		return this.reader.read(this.file, (YearMonth) null, blackhole::consume,
				(rejection) -> blackhole.consume(rejection));
	}

}
