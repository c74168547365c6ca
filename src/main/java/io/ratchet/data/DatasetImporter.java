package io.ratchet.data;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Splits an incoming CSV file (rows in any order) into the month files of a dataset.
 * <ul>
 * <li><b>One at a time</b>: an import holds the dataset's {@link ImportLock} from start
 * to end; a second import into the same dataset, in this process or another, is refused
 * at once with a message naming the first one's pid.</li>
 * <li><b>Read</b> in the dataset's {@link ImportSettings#encoding()} (a byte order mark
 * overrides it; UTF-16 with a mark is read as such), with records bounded by
 * {@link ImportSettings#maxRecordLength()}: a longer one stops the import with the file
 * and line, whatever the memory.</li>
 * <li><b>Validated</b> as {@link MonthFileReader} does, and further: bytes the encoding
 * cannot decode (never replaced by U+FFFD), an id column that is empty or a missing
 * token, a date outside [{@link ImportSettings#earliestDate()},
 * {@link ImportSettings#latestDate(Clock)}]. Every rejected row goes to the
 * {@link Quarantine} file with its line and reason, and is counted.</li>
 * <li><b>Merged</b> month by month as {@link MonthMerge} describes: without id columns
 * the rows of a month are a multiset (identical rows are distinct events; a file imported
 * twice adds nothing); with id columns a label that arrives later updates the stored row
 * and a changed value is a conflict, quarantined with its reason.</li>
 * <li><b>Columns</b>: a month file keeps the columns of the header it was created with. A
 * new month file takes the header of the dataset's latest month file, or the source's
 * header when there is none, so every month file of a dataset has the same columns in the
 * same order. Source columns are found by name; extra ones are dropped; a source lacking
 * a column of the month file is an error.</li>
 * <li><b>Written</b> in UTF-8, always, with LF line endings.</li>
 * <li><b>Atomic</b>: each changed month file is written to a temporary file in the same
 * folder and synced; only once all are written are they moved, each with an atomic move,
 * over the old files. On any failure before the moves (bad source, damaged month file,
 * full disk, …) temporary files and the quarantine file are deleted and no month file has
 * changed. The moves are renames within one folder; should one of them fail, the months
 * moved before it keep their new content (each month file is always whole, old or
 * new).</li>
 * </ul>
 * Memory: the accepted rows are set aside on disk by month ({@link MonthSpool}); the
 * month being merged keeps its rows on disk too, holding about 24 bytes per row in memory
 * ({@link MonthMerge}). Nothing else grows with the size of the source.
 * <p>
 * {@link SourceScan} reads and validates the source and decides each month file's
 * columns; this class merges, writes and moves the month files.
 * <p>
 * Threads: the records of the source are found on one ({@link ScanAhead}); the caller
 * validates and merges; the spool is written and the source hashed on another
 * ({@link SpoolHandoff}), each month's spool is read ahead on another
 * ({@link SpoolReadAhead}), and each merged month is written on another while the next
 * one merges ({@link MonthFileWriter}); every hand-over is a bounded queue, so memory
 * stays bounded, and the result is that of one thread, byte for byte.
 */
public final class DatasetImporter {

	/** The folder of the {@link MonthSpool}, inside the dataset folder. */
	static final String SPOOL = ".import-spool";

	/** Progress is told every 65,536 rows (a mask: cheaper than a division per row). */
	static final int PROGRESS_EVERY = 0xFFFF;

	/**
	 * Temporary month files ({@code .2012-03.csv.<random>.tmp}) an import killed before
	 * its moves left behind.
	 */
	private static final Pattern STALE_TEMP = Pattern.compile("\\.\\d{4}-\\d{2}\\.csv\\..*\\.tmp");

	private final DatasetConfig dataset;

	private final Path datasetDir;

	private final RowParser parser;

	private final Clock clock;

	/**
	 * Whether the accepted rows are spooled ({@link SpoolHandoff#threaded}) and the
	 * merged months written ({@link MonthFileWriter#threaded}) on threads of their own,
	 * or all on the caller's.
	 */
	private final boolean threads;

	/**
	 * @param dataset the dataset's configuration
	 * @param datasetDir its folder, {@code historical-data/<name>}; created when missing
	 */
	public DatasetImporter(DatasetConfig dataset, Path datasetDir) {
		this(dataset, datasetDir, Clock.systemDefaultZone());
	}

	/**
	 * With the clock that stamps quarantine files and decides the latest plausible date.
	 */
	DatasetImporter(DatasetConfig dataset, Path datasetDir, Clock clock) {
		this(dataset, datasetDir, clock, true);
	}

	/**
	 * With the choice of threads: the caller's alone (as imports were before) is kept to
	 * compare the two in tests.
	 */
	DatasetImporter(DatasetConfig dataset, Path datasetDir, Clock clock, boolean threads) {
		this.dataset = dataset;
		this.datasetDir = datasetDir;
		this.parser = new RowParser(dataset);
		this.clock = clock;
		this.threads = threads;
	}

	/**
	 * Imports one CSV file.
	 * @param source the file
	 * @return what was imported, matched, updated and rejected
	 * @throws DataFileException for a problem with the source as a whole or with an
	 * existing month file, or when another import into the dataset is running; nothing
	 * has changed then
	 */
	public ImportResult importFile(Path source) {
		return importFile(source, ImportProgress.NONE);
	}

	/**
	 * Imports one CSV file, telling {@code progress} how it advances.
	 * @param source the file
	 * @param progress told of the rows read and merged so far, every 65,536 rows and at
	 * the end of each pass
	 * @return what was imported, matched, updated and rejected
	 * @throws DataFileException as {@link #importFile(Path)}
	 */
	public ImportResult importFile(Path source, ImportProgress progress) {
		boolean created = !Files.isDirectory(this.datasetDir);
		try {
			try (ImportLock lock = lock()) {
				return importLocked(source, progress);
			}
		}
		finally {
			if (created) {
				deleteIfEmpty(this.datasetDir);
			}
		}
	}

	private ImportLock lock() {
		try {
			Files.createDirectories(this.datasetDir);
			return ImportLock.acquire(this.dataset.name(), this.datasetDir);
		}
		catch (IOException ex) {
			throw new DataFileException(this.datasetDir, 0, "cannot start an import: " + ex, ex);
		}
	}

	private ImportResult importLocked(Path source, ImportProgress progress) {
		MessageDigest sha256 = sha256();
		Quarantine quarantine = new Quarantine(this.datasetDir.resolve("quarantine"), source, this.clock);
		List<Path> temps = new ArrayList<>();
		try (MonthSpool spool = new MonthSpool(this.datasetDir.resolve(SPOOL));
				MonthFileWriter writer = this.threads ? MonthFileWriter.threaded(source.getFileName().toString())
						: MonthFileWriter.direct()) {
			deleteStaleTemporaryFiles();
			SourceScan.Scan scan;
			try (SpoolHandoff handoff = this.threads
					? SpoolHandoff.threaded(spool, sha256, source.getFileName().toString())
					: SpoolHandoff.direct(spool, sha256)) {
				scan = new SourceScan(this.dataset, this.datasetDir, this.parser, this.clock, this.threads).scan(source,
						handoff, quarantine, progress);
			}
			spool.finishWriting();
			SortedMap<YearMonth, Long> addedByMonth = new TreeMap<>();
			SortedMap<YearMonth, Long> updatedByMonth = new TreeMap<>();
			List<Path[]> moves = new ArrayList<>();
			long added = 0;
			long matched = 0;
			long updated = 0;
			long conflicts = 0;
			long[] merged = { 0 };
			for (YearMonth month : spool.months()) {
				SourceScan.Target target = scan.targets().get(month);
				MonthMerge merge = new MonthMerge(this.dataset, target.file(), target.header(), spool.folder());
				boolean handedOver = false;
				try {
					merge.load(this.parser);
					MonthSpool.Rows offer = (row) -> {
						String conflict = merge.offer(row);
						if (conflict != null) {
							quarantine.add(row.line(), conflict, new String(row.text(), StandardCharsets.UTF_8));
						}
						if ((++merged[0] & PROGRESS_EVERY) == 0) {
							progress.merged(merged[0]);
						}
					};
					if (this.threads) {
						SpoolReadAhead.read(spool, month, offer);
					}
					else {
						spool.read(month, offer);
					}
					putPositive(addedByMonth, month, merge.added());
					putPositive(updatedByMonth, month, merge.updated());
					added += merge.added();
					matched += merge.matched();
					updated += merge.updated();
					conflicts += merge.conflicts();
					if (merge.changed()) {
						Path temp = Files.createTempFile(this.datasetDir, "." + target.file().getFileName() + ".",
								".tmp");
						temps.add(temp);
						moves.add(new Path[] { temp, target.file() });
						// written on the writer's thread, which closes the merge
						writer.write(() -> {
							try (merge) {
								write(temp, target.file(), target.header(), merge);
							}
						});
						handedOver = true;
					}
				}
				finally {
					if (!handedOver) {
						merge.close();
					}
				}
			}
			writer.finish();
			progress.merged(merged[0]);
			Path quarantined = quarantine.finish();
			for (Path[] move : moves) {
				Files.move(move[0], move[1], StandardCopyOption.ATOMIC_MOVE);
				temps.remove(move[0]);
			}
			syncFolder(this.datasetDir);
			return new ImportResult(source, HexFormat.of().formatHex(sha256.digest()), scan.rows(), added, matched,
					updated, quarantine.count(), conflicts, addedByMonth, updatedByMonth, quarantined);
		}
		catch (IOException | RuntimeException ex) {
			temps.forEach((temp) -> deleteQuietly(temp, ex));
			quarantine.discard(ex);
			if (ex instanceof IOException io) {
				throw new DataFileException(source, 0, "import failed: " + io, io);
			}
			throw (RuntimeException) ex;
		}
	}

	private static void putPositive(SortedMap<YearMonth, Long> counts, YearMonth month, long count) {
		if (count > 0) {
			counts.put(month, count);
		}
	}

	static InputStream open(Path source) throws IOException {
		if (Files.isDirectory(source)) {
			throw new DataFileException(source, 0, "is a folder, not a file");
		}
		try {
			return Files.newInputStream(source);
		}
		catch (NoSuchFileException ex) {
			throw new DataFileException(source, 0, "file not found", ex);
		}
	}

	private static void write(Path temp, Path monthFile, List<String> header, MonthMerge merge) throws IOException {
		try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
				StandardOpenOption.TRUNCATE_EXISTING);
				OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16)) {
			out.write((CsvLine.format(header.toArray(String[]::new)) + "\n").getBytes(StandardCharsets.UTF_8));
			merge.write(out, channel);
			out.flush();
			channel.force(true);
		}
		catch (IOException ex) {
			// name the month file, not only the source: "No space left on device" alone
			// says not where
			throw new IOException("cannot write " + monthFile + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Temporary month files of an import killed before its moves (the lock says no other
	 * import is writing).
	 */
	private void deleteStaleTemporaryFiles() throws IOException {
		try (Stream<Path> files = Files.list(this.datasetDir)) {
			for (Path file : files.filter((f) -> STALE_TEMP.matcher(f.getFileName().toString()).matches()).toList()) {
				Files.deleteIfExists(file);
			}
		}
	}

	/**
	 * Makes the renames durable ({@link AtomicFiles#forceFolder}; each month file's
	 * content was forced before its rename). Best effort: the month files are in place,
	 * and a failure here must not report the import as failed.
	 */
	static void syncFolder(Path folder) {
		try {
			AtomicFiles.forceFolder(folder);
		}
		catch (IOException ex) {
			// the renames reach the disk with the file system's next commit
		}
	}

	private static void deleteIfEmpty(Path folder) {
		try {
			Files.deleteIfExists(folder);
		}
		catch (DirectoryNotEmptyException ex) {
			// the import wrote something: keep it
		}
		catch (IOException ex) {
			// an empty folder left behind is harmless
		}
	}

	static void deleteQuietly(Path file, Exception failure) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			failure.addSuppressed(ex);
		}
	}

	/**
	 * The SHA-256 of a file's bytes, lower-case hex: what
	 * {@link ImportResult#sourceSha256()} records, so a caller can tell before importing
	 * whether the same file was imported already.
	 */
	public static String sha256(Path file) {
		MessageDigest digest = sha256();
		try (InputStream in = new DigestInputStream(open(file), digest)) {
			in.transferTo(OutputStream.nullOutputStream());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + file, ex);
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
