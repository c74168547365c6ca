package io.ratchet.data;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Imports a prediction log (a CSV of id, timestamp and score, rows in any order) into a
 * model's stored {@link PredictionLog}, validated and atomic as {@link DatasetImporter}
 * imports data:
 * <ul>
 * <li>Every row is checked ({@code LogRowParser}: ids present, a timestamp that reads as
 * a date, a finite score, in [0, 1] for a binary task); rejected rows go to
 * {@code <log folder>/quarantine/<source>.<stamp>.rejected.csv} with the source file, the
 * line and the reason.</li>
 * <li>A prediction is logged once: an id given twice in the same month of the file is
 * rejected from its second line on (naming the first); an id already stored for that
 * month with another score or timestamp is rejected (naming the stored file). The same
 * row again is a duplicate and adds nothing, so importing a file twice adds nothing.</li>
 * <li>One at a time: it holds the dataset's {@link ImportLock}, as a data import does, so
 * a second import into the dataset (data or log) is refused while it runs.</li>
 * <li>Atomic: changed month files are written aside and moved over the old ones only once
 * all are written; on any failure before that, nothing has changed.</li>
 * </ul>
 * The log is joined with labels only when a job reads it, so predictions whose rows have
 * no label yet are kept, not lost: they are joined once the labels are imported.
 */
public final class PredictionImporter {

	private final PredictionLog log;

	private final Clock clock;

	public PredictionImporter(PredictionLog log) {
		this(log, Clock.systemDefaultZone());
	}

	/** With the clock that stamps quarantine files. */
	PredictionImporter(PredictionLog log, Clock clock) {
		this.log = log;
		this.clock = clock;
	}

	/**
	 * Imports one CSV file.
	 * @return what was imported, rejected and skipped as already present
	 * @throws DataFileException for a problem with the source as a whole or with a stored
	 * month file; nothing has changed then
	 */
	public ImportResult importFile(Path source) {
		// one import at a time per dataset, data or prediction log: the dataset's import
		// lock
		Path datasetDir = this.log.folder().getParent().getParent();
		try {
			Files.createDirectories(datasetDir);
		}
		catch (IOException ex) {
			throw new DataFileException(datasetDir, 0, "cannot start an import: " + ex, ex);
		}
		try (ImportLock lock = lock(datasetDir)) {
			return importLocked(source);
		}
	}

	private ImportLock lock(Path datasetDir) {
		try {
			return ImportLock.acquire(this.log.dataset().name(), datasetDir);
		}
		catch (IOException ex) {
			throw new DataFileException(datasetDir, 0, "cannot start an import: " + ex, ex);
		}
	}

	private ImportResult importLocked(Path source) {
		MessageDigest sha256 = DatasetImporter.sha256();
		Path folder = this.log.folder();
		Quarantine quarantine = new Quarantine(folder.resolve("quarantine"), source, this.clock);
		List<Path> temps = new ArrayList<>();
		try {
			Map<YearMonth, Batch> batches = new TreeMap<>();
			long rows = 0;
			try (InputStream in = new DigestInputStream(DatasetImporter.open(source), sha256);
					CsvSource csv = CsvSource.open(source, in, this.log.dataset().importSettings().encoding(),
							this.log.dataset().importSettings().maxRecordLength())) {
				LogRowParser parser = new LogRowParser(this.log.dataset(), this.log.columns(), source, csv.header());
				while (csv.next()) {
					rows++;
					CSVRecord record = csv.record();
					try {
						if (csv.invalidBytes() != null) {
							throw new RowParser.BadRow(csv.invalidBytes());
						}
						LogRowParser.Entry entry = parser.parse(record);
						batches.computeIfAbsent(YearMonth.from(entry.date()), Batch::new)
							.add(new Line(entry, csv.line(), MonthFileReader.raw(record.values())));
					}
					catch (RowParser.BadRow ex) {
						quarantine.add(csv.line(), ex.getMessage(), MonthFileReader.raw(record.values()));
					}
				}
				in.transferTo(OutputStream.nullOutputStream());
			}
			SortedMap<YearMonth, Long> acceptedByMonth = new TreeMap<>();
			List<Path[]> moves = new ArrayList<>();
			long accepted = 0;
			for (Batch batch : batches.values()) {
				List<Line> merged = batch.merge(quarantine);
				if (batch.written > 0) {
					Files.createDirectories(folder);
					Path target = MonthFiles.fileFor(folder, batch.month);
					Path temp = Files.createTempFile(folder, "." + target.getFileName() + ".", ".tmp");
					temps.add(temp);
					write(temp, target, merged);
					moves.add(new Path[] { temp, target });
					acceptedByMonth.put(batch.month, batch.written);
					accepted += batch.written;
				}
			}
			Path quarantined = quarantine.finish();
			for (Path[] move : moves) {
				Files.move(move[0], move[1], StandardCopyOption.ATOMIC_MOVE);
				temps.remove(move[0]);
			}
			DatasetImporter.syncFolder(folder);
			// a prediction is never updated in place: one stored with another score or
			// timestamp is rejected
			return new ImportResult(source, HexFormat.of().formatHex(sha256.digest()), rows, accepted,
					rows - accepted - quarantine.count(), 0, quarantine.count(), 0, acceptedByMonth, new TreeMap<>(),
					quarantined);
		}
		catch (IOException | RuntimeException ex) {
			temps.forEach((temp) -> DatasetImporter.deleteQuietly(temp, ex));
			quarantine.discard(ex);
			if (ex instanceof IOException io) {
				throw new DataFileException(source, 0, "import failed: " + io, io);
			}
			throw (RuntimeException) ex;
		}
	}

	private void write(Path temp, Path target, List<Line> lines) throws IOException {
		try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
				StandardOpenOption.TRUNCATE_EXISTING);
				Writer writer = new BufferedWriter(Channels.newWriter(channel, StandardCharsets.UTF_8), 1 << 16)) {
			CSVPrinter printer = new CSVPrinter(writer, CsvSource.WRITE_FORMAT);
			printer.printRecord(this.log.columns().header());
			for (Line line : lines) {
				printer.printRecord((Object[]) line.entry().cells());
			}
			writer.flush();
			channel.force(true);
		}
		catch (IOException ex) {
			throw new IOException("cannot write " + target + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * A prediction, the line it came from and its record as written (line 0 and no
	 * record: already stored).
	 */
	private record Line(LogRowParser.Entry entry, long line, String raw) {
	}

	/** The valid predictions of one month of the source. */
	private final class Batch {

		private final YearMonth month;

		private final Map<String, Line> byKey = new LinkedHashMap<>();

		private final List<Line> repeats = new ArrayList<>();

		private long written;

		Batch(YearMonth month) {
			this.month = month;
		}

		void add(Line line) {
			if (this.byKey.putIfAbsent(line.entry().key(), line) != null) {
				this.repeats.add(line);
			}
		}

		/**
		 * The stored predictions of the month followed by the new ones, by date;
		 * quarantines the repeated ids and the ids stored with another prediction.
		 */
		List<Line> merge(Quarantine quarantine) throws IOException {
			Path file = MonthFiles.fileFor(PredictionImporter.this.log.folder(), this.month);
			Map<String, LogRowParser.Entry> stored = new HashMap<>();
			List<Line> merged = new ArrayList<>();
			PredictionImporter.this.log.entries(this.month, (entry) -> {
				stored.put(entry.key(), entry);
				merged.add(new Line(entry, 0, null));
			});
			for (Line repeat : this.repeats) {
				quarantine.add(repeat.line(),
						"id " + ids(repeat.entry()) + " is logged twice for " + this.month + ": also on line "
								+ this.byKey.get(repeat.entry().key()).line()
								+ " of this file (a prediction is logged once; the first is kept)",
						repeat.raw());
			}
			for (Line line : this.byKey.values()) {
				LogRowParser.Entry known = stored.get(line.entry().key());
				if (known == null) {
					merged.add(line);
					this.written++;
				}
				else if (!java.util.Arrays.equals(known.cells(), line.entry().cells())) {
					quarantine.add(line.line(), "id " + ids(line.entry()) + " already has a logged prediction for "
							+ this.month + " in " + file + " ("
							+ String.format(Locale.ROOT, "score %s at %s", known.cells()[known.cells().length - 1],
									known.cells()[known.cells().length - 2])
							+ "); a prediction is logged once", line.raw());
				}
			}
			merged.sort(Comparator.comparing((Line line) -> line.entry().date(), LocalDate::compareTo));
			return merged;
		}

		private static String ids(LogRowParser.Entry entry) {
			return String.join(", ", entry.ids());
		}

	}

}
