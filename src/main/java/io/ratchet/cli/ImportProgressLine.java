package io.ratchet.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongSupplier;

import io.ratchet.data.ImportProgress;

/**
 * The progress of one import on the console (stderr), at most every two seconds: rows
 * read, then rows merged, with the rows per second of that pass, e.g.
 * {@code import export.csv: 1,245,184 rows read, 312,400 rows/s}. A short import prints
 * nothing.
 */
final class ImportProgressLine implements ImportProgress {

	/** Two seconds between lines, at least. */
	static final long INTERVAL_NANOS = 2_000_000_000L;

	private final PrintStream err;

	private final Path source;

	private final LongSupplier nanoTime;

	/** When the current pass started. */
	private long passStart;

	private long lastPrinted;

	/** When the source was read to its end (the merge pass starts). */
	private long readEnd = -1;

	/**
	 * @param err where to print
	 * @param source the file imported
	 * @param nanoTime the clock ({@code System::nanoTime})
	 */
	ImportProgressLine(PrintStream err, Path source, LongSupplier nanoTime) {
		this.err = err;
		this.source = source;
		this.nanoTime = nanoTime;
		this.passStart = nanoTime.getAsLong();
		this.lastPrinted = this.passStart;
	}

	@Override
	public void read(long rows) {
		long now = this.nanoTime.getAsLong();
		this.readEnd = now;
		print(now, rows, "read");
	}

	@Override
	public void merged(long rows) {
		long now = this.nanoTime.getAsLong();
		if (this.readEnd >= 0) {
			this.passStart = this.readEnd;
			this.readEnd = -1;
		}
		print(now, rows, "merged");
	}

	private void print(long now, long rows, String what) {
		if (now - this.lastPrinted < INTERVAL_NANOS) {
			return;
		}
		this.lastPrinted = now;
		double seconds = Math.max(now - this.passStart, 1) / 1e9;
		this.err.printf(Locale.ROOT, "import %s: %,d rows %s, %,.0f rows/s%n", this.source.getFileName(), rows, what,
				rows / seconds);
	}

}
