package io.ratchet.data;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Splits an incoming CSV file (rows in any order) into the month files of a dataset.
 * <ul>
 * <li>Every row is validated as {@link MonthFileReader} does; rejected rows go to
 * {@code <datasetDir>/quarantine/<source-file-name>.<yyyyMMdd-HHmmss>.rejected.csv}.</li>
 * <li>A month file keeps the columns of the header it was created with. A new month file takes the header of the
 * dataset's latest month file, or the source's header when there is none, so every month file of a dataset has the
 * same columns in the same order. Source columns are found by name; extra ones are dropped; a source lacking a column
 * of the month file is an error.</li>
 * <li>Idempotent: a row whose id columns (or, without id columns, whole record) are already in its month file is a
 * duplicate and is not written again. The first occurrence wins.</li>
 * <li>Atomic: each changed month file is written to a temporary file in the same folder and synced; only once all are
 * written are they moved, each with an atomic move, over the old files. On any failure before the moves (bad source,
 * damaged month file, full disk, …) temporary files and the quarantine file are deleted and no month file has changed.
 * The moves are renames within one folder; should one of them fail, the months moved before it keep their new content
 * (each month file is always whole, old or new).</li>
 * <li>Two imports into the same dataset must not run at the same time (there is no lock).</li>
 * </ul>
 * Memory: the accepted rows of the source are held once, as CSV text per row, grouped by month; a month file's
 * existing rows are loaded only while that month is being merged.
 */
public final class DatasetImporter {

	private final DatasetConfig dataset;

	private final Path datasetDir;

	private final RowParser parser;

	private final Clock clock;

	/**
	 * @param dataset the dataset's configuration
	 * @param datasetDir its folder, {@code historical-data/<name>}; created when missing
	 */
	public DatasetImporter(DatasetConfig dataset, Path datasetDir) {
		this(dataset, datasetDir, Clock.systemDefaultZone());
	}

	/** With the clock that stamps quarantine files. */
	DatasetImporter(DatasetConfig dataset, Path datasetDir, Clock clock) {
		this.dataset = dataset;
		this.datasetDir = datasetDir;
		this.parser = new RowParser(dataset);
		this.clock = clock;
	}

	/**
	 * Imports one CSV file.
	 * @param source the file
	 * @return what was imported, rejected and skipped as duplicate
	 * @throws DataFileException for a problem with the source as a whole or with an existing month file; nothing has
	 * changed then
	 */
	public ImportResult importFile(Path source) {
		MessageDigest sha256 = sha256();
		Quarantine quarantine = new Quarantine(this.datasetDir.resolve("quarantine"), source, this.clock);
		List<Path> temps = new ArrayList<>();
		try {
			Map<YearMonth, Batch> batches = new TreeMap<>();
			long rows = 0;
			try (InputStream in = new DigestInputStream(open(source), sha256);
					CsvSource csv = CsvSource.open(source, in)) {
				RowParser.Layout layout = this.parser.layout(source, csv.header());
				Map<String, Integer> sourceColumns = RowParser.positions(source, csv.header());
				Headers headers = new Headers(csv.header());
				while (csv.next()) {
					rows++;
					CSVRecord record = csv.record();
					LocalDate date;
					try {
						date = layout.parse(record, csv.line(), null).date();
					}
					catch (RowParser.BadRow ex) {
						quarantine.add(csv.line(), ex.getMessage(), MonthFileReader.raw(record));
						continue;
					}
					YearMonth month = YearMonth.from(date);
					Batch batch = batches.get(month);
					if (batch == null) {
						batch = new Batch(month, headers.of(month), source, sourceColumns);
						batches.put(month, batch);
					}
					batch.add(date, record);
				}
				in.transferTo(OutputStream.nullOutputStream());
			}
			Files.createDirectories(this.datasetDir);
			SortedMap<YearMonth, Long> acceptedByMonth = new TreeMap<>();
			List<Path[]> moves = new ArrayList<>();
			long accepted = 0;
			for (Batch batch : batches.values()) {
				List<Entry> merged = batch.merge();
				if (batch.written > 0) {
					Path temp = Files.createTempFile(this.datasetDir, "." + batch.file.getFileName() + ".", ".tmp");
					temps.add(temp);
					try {
						write(temp, batch.header, merged);
					}
					catch (IOException ex) {
						// name the month file, not only the source: "No space left on device" alone says not where
						throw new IOException("cannot write " + batch.file + ": " + ex.getMessage(), ex);
					}
					moves.add(new Path[] { temp, batch.file });
					acceptedByMonth.put(batch.month, batch.written);
					accepted += batch.written;
				}
			}
			Path quarantined = quarantine.finish();
			for (Path[] move : moves) {
				Files.move(move[0], move[1], StandardCopyOption.ATOMIC_MOVE);
				temps.remove(move[0]);
			}
			syncFolder(this.datasetDir);
			return new ImportResult(source, HexFormat.of().formatHex(sha256.digest()), rows, accepted,
					rows - accepted - quarantine.count(), quarantine.count(), acceptedByMonth, quarantined);
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

	private static void write(Path temp, List<String> header, List<Entry> entries) throws IOException {
		try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
				StandardOpenOption.TRUNCATE_EXISTING);
				Writer writer = new BufferedWriter(Channels.newWriter(channel, StandardCharsets.UTF_8), 1 << 16)) {
			CSVPrinter printer = new CSVPrinter(writer, CsvSource.WRITE_FORMAT);
			printer.printRecord(header);
			for (Entry entry : entries) {
				writer.write(entry.line);
				writer.write('\n');
			}
			writer.flush();
			channel.force(true);
		}
	}

	/** Makes the renames durable; not every platform can open a folder for that, which is harmless. */
	static void syncFolder(Path folder) {
		try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
			channel.force(true);
		}
		catch (IOException | UnsupportedOperationException ex) {
			// best effort
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
	 * The SHA-256 of a file's bytes, lower-case hex: what {@link ImportResult#sourceSha256()} records, so a caller can
	 * tell before importing whether the same file was imported already.
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

	private static String csv(Object... values) {
		return CsvSource.WRITE_FORMAT.format(values);
	}

	/** One row waiting to be written: its date (for sorting), its CSV text and its identity. */
	private record Entry(LocalDate date, String line, String key) {
	}

	/** The headers of the month files: their own when they exist, else the dataset's. */
	private final class Headers {

		private final List<String> sourceHeader;

		private List<String> datasetHeader;

		Headers(List<String> sourceHeader) {
			this.sourceHeader = sourceHeader;
		}

		List<String> of(YearMonth month) {
			Path file = MonthFiles.fileFor(DatasetImporter.this.datasetDir, month);
			if (Files.exists(file)) {
				return headerOf(file);
			}
			if (this.datasetHeader == null) {
				SortedMap<YearMonth, Path> existing = MonthFiles.list(DatasetImporter.this.datasetDir);
				this.datasetHeader = existing.isEmpty() ? this.sourceHeader : headerOf(existing.get(existing.lastKey()));
			}
			return this.datasetHeader;
		}

		private List<String> headerOf(Path file) {
			try (CsvSource csv = MonthFileReader.open(file)) {
				return csv.header();
			}
		}

	}

	/** The accepted rows of one month, as CSV text in the month file's column order. */
	private final class Batch {

		private final YearMonth month;

		private final Path file;

		private final List<String> header;

		private final int[] fromSource;

		private final int[] idColumns;

		private final List<Entry> entries = new ArrayList<>();

		private long written;

		Batch(YearMonth month, List<String> header, Path source, Map<String, Integer> sourceColumns) {
			this.month = month;
			this.file = MonthFiles.fileFor(DatasetImporter.this.datasetDir, month);
			this.header = header;
			this.fromSource = new int[header.size()];
			List<String> lacking = new ArrayList<>();
			for (int i = 0; i < header.size(); i++) {
				Integer position = sourceColumns.get(header.get(i));
				if (position == null) {
					lacking.add(header.get(i));
				}
				this.fromSource[i] = (position != null) ? position : -1;
			}
			if (!lacking.isEmpty()) {
				throw new DataFileException(source, 1, "header lacks column" + ((lacking.size() > 1) ? "s " : " ")
						+ String.join(", ", lacking) + " that month file " + this.file + " has");
			}
			Map<String, Integer> columns = RowParser.positions(this.file, header);
			List<String> ids = DatasetImporter.this.dataset.idColumns();
			this.idColumns = ids.isEmpty() ? null : ids.stream().mapToInt(columns::get).toArray();
		}

		void add(LocalDate date, CSVRecord record) {
			String[] values = new String[this.fromSource.length];
			for (int i = 0; i < values.length; i++) {
				values[i] = record.get(this.fromSource[i]);
			}
			String line = csv((Object[]) values);
			this.entries.add(new Entry(date, line, key(values, line)));
		}

		private String key(String[] values, String line) {
			if (this.idColumns == null) {
				return line;
			}
			Object[] ids = new Object[this.idColumns.length];
			for (int i = 0; i < ids.length; i++) {
				ids[i] = values[this.idColumns[i]];
			}
			return csv(ids);
		}

		/** The month file's rows followed by the new ones that are not duplicates, sorted by date (stable). */
		List<Entry> merge() {
			List<Entry> merged = existing();
			Set<String> keys = new HashSet<>();
			merged.forEach((entry) -> keys.add(entry.key));
			for (Entry entry : this.entries) {
				if (keys.add(entry.key)) {
					merged.add(entry);
					this.written++;
				}
			}
			this.entries.clear();
			merged.sort(Comparator.comparing(Entry::date));
			return merged;
		}

		private List<Entry> existing() {
			List<Entry> existing = new ArrayList<>();
			if (!Files.exists(this.file)) {
				return existing;
			}
			try (CsvSource csv = MonthFileReader.open(this.file)) {
				if (!csv.header().equals(this.header)) {
					throw new DataFileException(this.file, 1, "header changed during the import");
				}
				RowParser.Layout layout = DatasetImporter.this.parser.layout(this.file, csv.header());
				while (csv.next()) {
					CSVRecord record = csv.record();
					try {
						LocalDate date = layout.date(record);
						String[] values = record.values();
						String line = csv((Object[]) values);
						existing.add(new Entry(date, line, key(values, line)));
					}
					catch (RowParser.BadRow ex) {
						throw new DataFileException(this.file, csv.line(), "month file is damaged: " + ex.getMessage());
					}
				}
			}
			return existing;
		}

	}

}
