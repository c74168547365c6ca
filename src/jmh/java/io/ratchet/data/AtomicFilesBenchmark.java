package io.ratchet.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the fsyncs of {@link AtomicFiles} cost per file written: {@code durable} is {@link AtomicFiles#write} (content
 * forced, rename, folder forced); {@code renameOnly} is the same temporary file and rename without either fsync (what
 * it did before). Sizes as a report writes them: a chart PNG (~30 KB) and a metrics.csv or page (~200 KB). The score
 * is microseconds per file, on the disk under {@code java.io.tmpdir} (set {@code -Djava.io.tmpdir=target} to measure
 * the project's disk).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AtomicFilesBenchmark {

	@Param({ "30000", "200000" })
	public int bytes;

	private Path folder;

	private byte[] content;

	@Setup
	public void setUp() throws IOException {
		this.folder = Files.createTempDirectory("ratchet-jmh");
		this.content = new byte[this.bytes];
		new Random(7).nextBytes(this.content);
	}

	@TearDown
	public void tearDown() throws IOException {
		try (var paths = Files.walk(this.folder)) {
			paths.sorted(java.util.Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
	}

	@Benchmark
	public Path durable() throws IOException {
		Path target = this.folder.resolve("chart.png");
		AtomicFiles.write(target, this.content);
		return target;
	}

	@Benchmark
	public Path renameOnly() throws IOException {
		Path target = this.folder.resolve("chart.png");
		Path aside = Files.createTempFile(this.folder, ".chart.png", ".tmp");
		Files.write(aside, this.content);
		Files.move(aside, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		return target;
	}

}
