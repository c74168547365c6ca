package io.ratchet.data;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.HexFormat;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * A folder of columnar month files ({@link ColumnarMonthFile}), one per month file read,
 * so that a month is parsed from CSV once and read from its columns afterwards. The CSV
 * stays the source of truth: an entry is used only for the CSV bytes it was made from,
 * and the folder can be deleted at any time.
 *
 * <p>
 * An entry is {@code <folder>/<dataset>/<YYYY-MM>-<16 hex digits>.cols}, the digits
 * naming the CSV's path. Its header holds a key (what it was made for: the format
 * version, the CSV's path, the month and every setting of the dataset that decides what a
 * record becomes) and the CSV's SHA-256 and {@link CsvStamp}. Whether it may be used:
 * <ul>
 * <li>another key, another format, a damaged or truncated entry: no (a damaged one is
 * reported and replaced);</li>
 * <li>the CSV's stamp (size, modification time, change time, inode) equal to the stored
 * one: yes, without reading the CSV;</li>
 * <li>otherwise the CSV is hashed: the same SHA-256, yes (and the entry is stamped again
 * so that the next read need not hash); another, no.</li>
 * </ul>
 * Files and folders are readable by their owner only. Entries are written aside and
 * renamed into place, so a reader (of this process or another) sees a whole entry or
 * none; two processes writing the same month each rename a whole entry, and the last one
 * stays.
 */
public final class MonthCache {

	private static final System.Logger log = System.getLogger(MonthCache.class.getName());

	/** A CSV changed less than this long ago does not get its stamp stored. */
	static final Duration RACY_MARGIN = Duration.ofSeconds(2);

	private static final Set<PosixFilePermission> OWNER_FOLDER = PosixFilePermissions.fromString("rwx------");

	private final Path folder;

	private final Clock clock;

	/** A cache in {@code folder} (created when first written). */
	public MonthCache(Path folder) {
		this(folder, Clock.systemUTC());
	}

	MonthCache(Path folder, Clock clock) {
		this.folder = folder.toAbsolutePath().normalize();
		this.clock = clock;
	}

	/** The folder the entries are in. */
	public Path folder() {
		return this.folder;
	}

	/** The entry for a month file of a dataset. */
	Path entryFor(DatasetConfig dataset, Path csv, YearMonth month) {
		String path = csv.toAbsolutePath().normalize().toString();
		String digits = HexFormat.of().formatHex(sha256(path.getBytes(StandardCharsets.UTF_8)), 0, 8);
		return this.folder.resolve(dataset.name()).resolve(month + "-" + digits + ".cols");
	}

	/**
	 * What an entry is made for: the format, the CSV's path, the month and what the
	 * dataset's settings make of a record (not the encoding of imports: month files are
	 * UTF-8).
	 */
	static byte[] key(DatasetConfig dataset, Path csv, YearMonth month) {
		StringBuilder key = new StringBuilder("ratchet month cache ").append(ColumnarMonthFile.VERSION);
		String version = MonthCache.class.getPackage().getImplementationVersion();
		key.append('\n').append((version != null) ? version : "dev");
		key.append('\n').append(csv.toAbsolutePath().normalize()).append('\n').append(month);
		key.append('\n').append(dataset.name()).append('\n').append(dataset.dateColumn());
		key.append('\n').append(dataset.dateFormat()).append('\n').append(dataset.labelColumn());
		key.append('\n').append(dataset.task()).append('\n').append(dataset.positiveLabel());
		key.append('\n').append(dataset.negativeLabel()).append('\n').append(new TreeSet<>(dataset.missingTokens()));
		key.append('\n').append(dataset.features()).append('\n').append(dataset.idColumns());
		key.append('\n').append(dataset.scoreColumns());
		if (!dataset.classes().isEmpty()) {
			key.append('\n').append(dataset.classes());
		}
		if (!dataset.segments().isEmpty()) {
			// extra (segment) cells are stored, and a bucketed one rejects a row that is
			// no
			// number
			key.append('\n').append(dataset.segments().columns());
		}
		key.append('\n').append(dataset.importSettings().maxRecordLength());
		return sha256(key.toString().getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The entry at {@code entry}, open, when it is intact and made for {@code key};
	 * otherwise {@code null} (a damaged entry is reported).
	 */
	ColumnarMonthFile open(Path entry, byte[] key) {
		try {
			ColumnarMonthFile file = ColumnarMonthFile.open(entry);
			if (!MessageDigest.isEqual(file.key(), key)) {
				file.close();
				return null;
			}
			return file;
		}
		catch (NoSuchFileException ex) {
			return null;
		}
		catch (ColumnarMonthFile.Damaged | IOException ex) {
			log.log(Level.WARNING,
					"month cache entry {0} is unusable ({1}); reading the CSV instead and writing it " + "again", entry,
					ex.getMessage());
			return null;
		}
	}

	/**
	 * What the entry of a month file knows of the CSV as it is now, read from the entry's
	 * header and end block only: its SHA-256 and counts, when the entry is made for
	 * {@code key} and its stored stamp matches the CSV's {@code stamp}; otherwise
	 * {@code null} (no entry, another key, a stamp that differs or cannot be trusted, a
	 * damaged header: the caller reads the CSV). Neither the CSV nor the entry's rows are
	 * read.
	 */
	ColumnarMonthFile.Summary known(Path entry, byte[] key, CsvStamp stamp) {
		try {
			ColumnarMonthFile.Summary summary = ColumnarMonthFile.summary(entry);
			boolean current = MessageDigest.isEqual(summary.key(), key) && stamp.matches(summary.stamp());
			return current ? summary : null;
		}
		catch (ColumnarMonthFile.Damaged | IOException ex) {
			// no entry, or one the next read reports and replaces
			return null;
		}
	}

	/**
	 * A writer of a new entry, in a temporary file beside it; {@code null} (after a
	 * warning) when the folder cannot be written.
	 */
	Pending start(Path entry, DatasetConfig dataset) {
		Path aside = null;
		try {
			folders(entry.getParent());
			aside = Files.createTempFile(entry.getParent(), "." + entry.getFileName(), ".tmp");
			return new Pending(entry, aside, new ColumnarMonthWriter(aside, dataset));
		}
		catch (IOException | RuntimeException ex) {
			deleteQuietly(aside);
			log.log(Level.WARNING, "cannot write the month cache entry {0} ({1}); the month is read from its CSV",
					entry, ex.getMessage());
			return null;
		}
	}

	/**
	 * The stamp to store for a CSV: its own when it is old enough to be trusted,
	 * otherwise {@link CsvStamp#UNKNOWN} (the next read hashes the CSV).
	 */
	CsvStamp storable(CsvStamp stamp) {
		Instant now = this.clock.instant();
		long nowNanos = TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
		return stamp.trustworthy(nowNanos, RACY_MARGIN.toNanos()) ? stamp : CsvStamp.UNKNOWN;
	}

	/**
	 * Stores a new stamp for an entry whose CSV was hashed and found unchanged: a copy
	 * with the stamp replaces it (a stamp that cannot be trusted yet is not stored).
	 */
	void restamp(Path entry, ColumnarMonthFile file, CsvStamp stamp) {
		CsvStamp storable = storable(stamp);
		if (storable.equals(CsvStamp.UNKNOWN)) {
			return;
		}
		Path aside = null;
		try {
			aside = Files.createTempFile(entry.getParent(), "." + entry.getFileName(), ".tmp");
			try (FileChannel channel = FileChannel.open(aside, StandardOpenOption.WRITE)) {
				file.copyTo(channel, storable);
			}
			move(aside, entry);
		}
		catch (IOException ex) {
			log.log(Level.WARNING, "cannot update the month cache entry {0} ({1})", entry, ex.getMessage());
		}
		finally {
			deleteQuietly(aside);
		}
	}

	private static byte[] sha256(byte[] bytes) {
		return DatasetImporter.sha256().digest(bytes);
	}

	/**
	 * Creates the folders up to {@code folder} that are missing, owner-only (as
	 * everything under {@code .ratchet/}).
	 */
	private static void folders(Path folder) throws IOException {
		if (Files.isDirectory(folder)) {
			return;
		}
		if (folder.getParent() != null) {
			folders(folder.getParent());
		}
		try {
			Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(OWNER_FOLDER));
		}
		catch (java.nio.file.FileAlreadyExistsException ex) {
			// another process made it
		}
		catch (UnsupportedOperationException ex) {
			Files.createDirectories(folder);
		}
	}

	private static void move(Path aside, Path entry) throws IOException {
		try {
			Files.move(aside, entry, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(aside, entry, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	private static void deleteQuietly(Path file) {
		if (file == null) {
			return;
		}
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			// a leftover temporary file: harmless, named with a leading dot
		}
	}

	/**
	 * An entry being written aside; {@link #commit} moves it into place, {@link #close}
	 * removes what was not committed.
	 */
	static final class Pending implements AutoCloseable {

		private final Path entry;

		private final Path aside;

		private final ColumnarMonthWriter writer;

		private Pending(Path entry, Path aside, ColumnarMonthWriter writer) {
			this.entry = entry;
			this.aside = aside;
			this.writer = writer;
		}

		ColumnarMonthWriter writer() {
			return this.writer;
		}

		/** Finishes the entry and renames it into place (a failure is reported only). */
		void commit(byte[] key, byte[] sha256, CsvStamp stamp, ReadStats stats) {
			try {
				this.writer.finish(key, sha256, stamp, stats);
				this.writer.close();
				move(this.aside, this.entry);
			}
			catch (IOException ex) {
				log.log(Level.WARNING, "cannot write the month cache entry {0} ({1}); the month is read from its CSV",
						this.entry, ex.getMessage());
			}
		}

		@Override
		public void close() {
			try {
				this.writer.close();
			}
			catch (IOException ex) {
				// closing a channel that failed already
			}
			deleteQuietly(this.aside);
		}

	}

}
