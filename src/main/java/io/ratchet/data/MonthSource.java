package io.ratchet.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.YearMonth;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Where jobs read the months of a dataset: from the {@link MonthCache} when it holds the
 * month for the CSV's current bytes, otherwise from the CSV ({@link MonthFileReader}),
 * writing the cache entry on the way. Either way the consumers get the same rows and
 * rejections in the same order, and the same counts. One instance per dataset (and per
 * run, for its counts); safe to share between threads.
 */
public final class MonthSource {

	private final DatasetConfig dataset;

	private final MonthFileReader reader;

	private final MonthCache cache;

	/** Whether rows read from the cache get their id cells ({@link #withoutIds}). */
	private final boolean ids;

	private final AtomicInteger fromCache = new AtomicInteger();

	private final AtomicInteger parsed = new AtomicInteger();

	/**
	 * @param cache the cache, or {@code null} to parse every month from its CSV
	 */
	public MonthSource(DatasetConfig dataset, MonthCache cache) {
		this(dataset, cache, true);
	}

	private MonthSource(DatasetConfig dataset, MonthCache cache, boolean ids) {
		this.dataset = dataset;
		this.reader = new MonthFileReader(dataset);
		this.cache = cache;
		this.ids = ids;
	}

	/**
	 * A source (with counts of its own) for a reader that never looks at a row's id
	 * cells: rows read from the cache have {@code null} ids, their cells skipped
	 * undecoded, which is most of the cost of a cached row of a dataset with an id column
	 * (a row parsed from CSV keeps its ids: the cache entry written on the way needs
	 * them).
	 */
	public MonthSource withoutIds() {
		return new MonthSource(this.dataset, this.cache, false);
	}

	/**
	 * Reads one month file, as {@link MonthFileReader#read} does.
	 * @throws DataFileException as {@link MonthFileReader#read} does
	 */
	public ReadStats read(Path file, YearMonth month, Consumer<Row> rows, Consumer<Rejection> rejects) {
		if (this.cache == null || month == null) {
			this.parsed.incrementAndGet();
			return this.reader.read(file, month, rows, rejects);
		}
		Path entry = this.cache.entryFor(this.dataset, file, month);
		byte[] key = MonthCache.key(this.dataset, file, month);
		CsvStamp stamp = CsvStamp.of(file);
		try (ColumnarMonthFile cached = this.cache.open(entry, key)) {
			if (cached != null && !stamp.equals(CsvStamp.UNKNOWN) && current(entry, cached, file, stamp)) {
				this.fromCache.incrementAndGet();
				return cached.replay(file, this.dataset, this.ids, rows, rejects);
			}
		}
		catch (IOException ex) {
			// rows may have been handed on: the read fails (a job's step fails and is
			// restarted)
			throw new UncheckedIOException("cannot read the month cache entry " + entry + ": " + ex.getMessage(), ex);
		}
		this.parsed.incrementAndGet();
		try (MonthCache.Pending pending = this.cache.start(entry, this.dataset)) {
			if (pending == null) {
				return this.reader.read(file, month, rows, rejects);
			}
			ColumnarMonthWriter writer = pending.writer();
			MessageDigest digest = DatasetImporter.sha256();
			ReadStats stats = this.reader.read(file, month, (row) -> {
				writer.add(row);
				rows.accept(row);
			}, (rejection) -> {
				writer.reject(rejection);
				rejects.accept(rejection);
			}, digest);
			if (CsvStamp.of(file).equals(stamp)) {
				pending.commit(key, digest.digest(), this.cache.storable(stamp), stats);
			}
			return stats;
		}
	}

	/**
	 * Pins a month file for a plan: its SHA-256 and a bound on its records. When the
	 * cache holds an entry for the CSV with the CSV's stamp as it is now, both come from
	 * the entry's header and end block (the exact count of records), and nothing of the
	 * CSV is read; otherwise (no cache, no entry, a CSV changed or touched since, a stamp
	 * the file system cannot give) the CSV is hashed ({@link PinnedFile#hash}). A CSV
	 * edited after the entry was written has another change time, so it is always hashed
	 * again.
	 * @throws DataFileException when the file cannot be read
	 */
	public PinnedFile.Hashed pin(Path file, YearMonth month) {
		if (this.cache != null) {
			CsvStamp stamp = CsvStamp.of(file);
			ColumnarMonthFile.Summary known = this.cache.known(this.cache.entryFor(this.dataset, file, month),
					MonthCache.key(this.dataset, file, month), stamp);
			if (known != null) {
				return new PinnedFile.Hashed(PinnedFile.known(file, HexFormat.of().formatHex(known.sha256()), stamp),
						stamp.size(), known.stats().rows(), true);
			}
		}
		return PinnedFile.hash(file);
	}

	/**
	 * Reads rows {@code range} of one month file: the whole month is read as
	 * {@link #read(Path, YearMonth, Consumer, Consumer)} does (from the cache when it
	 * holds the month, writing its entry otherwise), and only the records of the range,
	 * valid or rejected, are handed on and counted. Reading the whole month keeps the
	 * record count exact (a quoted field may span lines) and lets the first range to read
	 * a month fill the cache for the others.
	 * @return the counts of the range's records
	 */
	public ReadStats read(Path file, YearMonth month, RowRange range, Consumer<Row> rows, Consumer<Rejection> rejects) {
		if (range.all()) {
			return read(file, month, rows, rejects);
		}
		long[] counts = new long[4];
		read(file, month, (row) -> {
			if (range.contains(counts[0]++)) {
				counts[1]++;
				if (!row.labelled()) {
					counts[2]++;
				}
				rows.accept(row);
			}
		}, (rejection) -> {
			if (range.contains(counts[0]++)) {
				counts[3]++;
				rejects.accept(rejection);
			}
		});
		return new ReadStats(counts[1] + counts[3], counts[1], counts[3], counts[2]);
	}

	/**
	 * Whether an entry holds the CSV as it is: its stamp unchanged, or else its bytes
	 * (then the entry gets the new stamp).
	 */
	private boolean current(Path entry, ColumnarMonthFile cached, Path file, CsvStamp stamp) {
		if (stamp.matches(cached.stamp())) {
			return true;
		}
		byte[] sha = HexFormat.of().parseHex(DatasetImporter.sha256(file));
		if (!MessageDigest.isEqual(sha, cached.sha256()) || !CsvStamp.of(file).equals(stamp)) {
			return false;
		}
		this.cache.restamp(entry, cached, stamp);
		return true;
	}

	/** The dataset whose months this reads. */
	public DatasetConfig dataset() {
		return this.dataset;
	}

	/** Months read from the cache so far. */
	public int monthsFromCache() {
		return this.fromCache.get();
	}

	/** Months parsed from their CSV so far. */
	public int monthsParsed() {
		return this.parsed.get();
	}

	/** {@code months from the cache: 3, parsed from CSV: 21}, for a run's log. */
	public String describe() {
		return "months from the cache: " + monthsFromCache() + ", parsed from CSV: " + monthsParsed();
	}

}
