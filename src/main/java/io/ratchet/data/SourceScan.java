package io.ratchet.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

import org.apache.commons.csv.CSVRecord;

/**
 * The first pass of a {@link DatasetImporter}: reads the source CSV, validates every row
 * (as {@link MonthFileReader} does, plus undecodable bytes, missing ids and implausible
 * dates), sends each rejected row to the {@link Quarantine} and each accepted one, in the
 * column order of its month file, to the {@link MonthSpool}. It decides the columns of
 * each month file on the way ({@link Target}): its own header when it exists, else the
 * header of the dataset's latest month file, else the source's.
 */
final class SourceScan {

	private final DatasetConfig dataset;

	private final Path datasetDir;

	private final RowParser parser;

	private final Clock clock;

	/**
	 * @param dataset the dataset's configuration
	 * @param datasetDir its folder
	 * @param parser the dataset's row parser
	 * @param clock decides the latest plausible date
	 */
	SourceScan(DatasetConfig dataset, Path datasetDir, RowParser parser, Clock clock) {
		this.dataset = dataset;
		this.datasetDir = datasetDir;
		this.parser = parser;
		this.clock = clock;
	}

	/** The rows read, and the month files they go to. */
	record Scan(long rows, Map<YearMonth, Target> targets) {
	}

	/**
	 * Reads and validates the source; accepted rows go to the spool, rejected ones to the
	 * quarantine; {@code progress} is told of the rows read. The CSV is parsed on a
	 * thread of its own ({@link ReadAhead}), the rows are validated and spooled on the
	 * caller's.
	 */
	Scan scan(Path source, MessageDigest sha256, MonthSpool spool, Quarantine quarantine, ImportProgress progress)
			throws IOException {
		ImportSettings settings = this.dataset.importSettings();
		LocalDate earliest = settings.earliestDate();
		LocalDate latest = settings.latestDate(this.clock);
		Map<YearMonth, Target> targets = new HashMap<>();
		long rows = 0;
		try (InputStream in = new DigestInputStream(DatasetImporter.open(source), sha256);
				CsvSource csv = CsvSource.open(source, in, settings.encoding(), settings.maxRecordLength())) {
			RowParser.Layout layout = this.parser.layout(source, csv.header());
			Map<String, Integer> sourceColumns = RowParser.positions(source, csv.header());
			int[] ids = this.dataset.idColumns().stream().mapToInt(sourceColumns::get).toArray();
			Headers headers = new Headers(csv.header());
			try (ReadAhead records = new ReadAhead(csv)) {
				while (records.next()) {
					if ((++rows & DatasetImporter.PROGRESS_EVERY) == 0) {
						progress.read(rows);
					}
					CSVRecord record = records.record();
					LocalDate date;
					try {
						date = validate(records, layout, ids, earliest, latest);
					}
					catch (RowParser.BadRow ex) {
						quarantine.add(records.line(), ex.getMessage(), MonthFileReader.raw(record.values()));
						continue;
					}
					YearMonth month = YearMonth.from(date);
					Target target = targets.get(month);
					if (target == null) {
						target = target(MonthFiles.fileFor(this.datasetDir, month), headers.of(month), source,
								sourceColumns);
						targets.put(month, target);
					}
					String[] values = target.values(record);
					spool.add(month, new MonthSpool.Spooled(records.line(), date.toEpochDay(),
							MonthMerge.idKey(this.dataset, values, target.idColumns()), CsvLine.format(values)));
				}
			}
			in.transferTo(OutputStream.nullOutputStream());
		}
		progress.read(rows);
		return new Scan(rows, targets);
	}

	/** The date of a valid row; every other check of the row is made on the way. */
	private LocalDate validate(ReadAhead csv, RowParser.Layout layout, int[] ids, LocalDate earliest, LocalDate latest)
			throws RowParser.BadRow {
		if (csv.invalidBytes() != null) {
			throw new RowParser.BadRow(csv.invalidBytes());
		}
		CSVRecord record = csv.record();
		Row row = layout.parse(CsvFields.of(record), csv.line(), null);
		String broken = this.dataset.quality().violation(this.dataset, row);
		if (broken != null) {
			throw new RowParser.BadRow(broken);
		}
		LocalDate date = row.date();
		for (int i = 0; i < ids.length; i++) {
			String id = record.get(ids[i]);
			if (this.dataset.isMissing(id)) {
				throw new RowParser.BadRow("missing id in column " + this.dataset.idColumns().get(i)
						+ (id.isEmpty() ? " (empty)" : " ('" + id + "' is a missing token)")
						+ ": a row without its id cannot be told from others");
			}
		}
		if (date.isBefore(earliest) || date.isAfter(latest)) {
			throw new RowParser.BadRow(
					"date " + date + " in column " + this.dataset.dateColumn() + " is outside the plausible range "
							+ earliest + " to " + latest + " (date.earliest and date.latest in the dataset file)");
		}
		return date;
	}

	/**
	 * Where the rows of a month go.
	 * @throws DataFileException when the source lacks a column of the month file, or the
	 * month file (or the one whose header a new month file takes) lacks a column of the
	 * dataset
	 */
	private Target target(Path file, List<String> header, Path source, Map<String, Integer> sourceColumns) {
		this.parser.layout(file, header);
		int[] fromSource = new int[header.size()];
		List<String> lacking = new ArrayList<>();
		for (int i = 0; i < header.size(); i++) {
			Integer position = sourceColumns.get(header.get(i));
			if (position == null) {
				lacking.add(header.get(i));
			}
			fromSource[i] = (position != null) ? position : -1;
		}
		if (!lacking.isEmpty()) {
			throw new DataFileException(source, 1, "header lacks column" + ((lacking.size() > 1) ? "s " : " ")
					+ String.join(", ", lacking) + " that month file " + file + " has");
		}
		return new Target(file, header, fromSource,
				MonthMerge.idColumns(this.dataset, RowParser.positions(file, header)));
	}

	/**
	 * The month file a month's rows go to: its columns, where each is in the source, and
	 * where its id columns are.
	 */
	record Target(Path file, List<String> header, int[] fromSource, int[] idColumns) {

		/** A source record's values in the month file's column order. */
		String[] values(CSVRecord record) {
			String[] values = new String[this.fromSource.length];
			for (int i = 0; i < values.length; i++) {
				values[i] = record.get(this.fromSource[i]);
			}
			return values;
		}

	}

	/** The headers of the month files: their own when they exist, else the dataset's. */
	private final class Headers {

		private final List<String> sourceHeader;

		private List<String> datasetHeader;

		Headers(List<String> sourceHeader) {
			this.sourceHeader = sourceHeader;
		}

		List<String> of(YearMonth month) {
			Path file = MonthFiles.fileFor(SourceScan.this.datasetDir, month);
			if (Files.exists(file)) {
				return headerOf(file);
			}
			if (this.datasetHeader == null) {
				SortedMap<YearMonth, Path> existing = MonthFiles.list(SourceScan.this.datasetDir);
				this.datasetHeader = existing.isEmpty() ? this.sourceHeader
						: headerOf(existing.get(existing.lastKey()));
			}
			return this.datasetHeader;
		}

		private List<String> headerOf(Path file) {
			try (CsvSource csv = MonthFileReader.open(file,
					SourceScan.this.dataset.importSettings().maxRecordLength())) {
				return csv.header();
			}
		}

	}

}
