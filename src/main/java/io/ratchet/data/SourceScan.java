package io.ratchet.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

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
	 * Whether a source in UTF-8 or US-ASCII has its records found on a thread of their
	 * own ({@link ScanAhead}), or on the caller's.
	 */
	private final boolean scanAhead;

	/**
	 * @param dataset the dataset's configuration
	 * @param datasetDir its folder
	 * @param parser the dataset's row parser
	 * @param clock decides the latest plausible date
	 * @param scanAhead whether the records are found on a thread of their own
	 */
	SourceScan(DatasetConfig dataset, Path datasetDir, RowParser parser, Clock clock, boolean scanAhead) {
		this.dataset = dataset;
		this.datasetDir = datasetDir;
		this.parser = parser;
		this.clock = clock;
		this.scanAhead = scanAhead;
	}

	/** The rows read, and the month files they go to. */
	record Scan(long rows, Map<YearMonth, Target> targets) {
	}

	/**
	 * Reads and validates the source; accepted rows go to the spool, rejected ones to the
	 * quarantine; {@code progress} is told of the rows read. A source in UTF-8 or
	 * US-ASCII is read from its bytes ({@link ByteCsvReader}), its records found on a
	 * thread of their own ({@link ScanAhead}) unless told otherwise; one in any other
	 * encoding by Commons CSV on a thread of its own ({@link ReadAhead}). The rows are
	 * validated on the caller's thread, and spooled (and the source hashed, on the thread
	 * that reads it) by {@code handoff}.
	 */
	Scan scan(Path source, SpoolHandoff handoff, Quarantine quarantine, ImportProgress progress) throws IOException {
		ImportSettings settings = this.dataset.importSettings();
		LocalDate earliest = settings.earliestDate();
		LocalDate latest = settings.latestDate(this.clock);
		boolean[] valuesNeeded = valuesNeeded();
		Map<YearMonth, Target> targets = new HashMap<>();
		long rows = 0;
		try (InputStream in = handoff.digesting(DatasetImporter.open(source));
				RecordSource records = open(source, in, settings, valuesNeeded)) {
			RowLayout layout = this.parser.layout(source, records.header());
			Map<String, Integer> sourceColumns = RowParser.positions(source, records.header());
			Headers headers = new Headers(records.header());
			YearMonth month = null;
			Target target = null;
			while (records.next()) {
				if ((++rows & DatasetImporter.PROGRESS_EVERY) == 0) {
					progress.read(rows);
				}
				CsvFields fields = records.fields();
				Row row;
				try {
					row = validate(records, layout, valuesNeeded, earliest, latest);
				}
				catch (RowParser.BadRow ex) {
					quarantine.add(records.line(), ex.getMessage(), MonthFileReader.raw(fields.values()));
					continue;
				}
				LocalDate date = row.date();
				if (month == null || date.getYear() != month.getYear()
						|| date.getMonthValue() != month.getMonthValue()) {
					month = YearMonth.from(date);
					target = targets.get(month);
					if (target == null) {
						target = target(MonthFiles.fileFor(this.datasetDir, month), headers.of(month), source,
								sourceColumns);
						targets.put(month, target);
					}
				}
				handoff.add(month, new MonthSpool.Spooled(records.line(), date.toEpochDay(),
						MonthMerge.idKey(this.dataset, row.ids()), fields.line(target.fromSource())));
			}
			in.transferTo(OutputStream.nullOutputStream());
		}
		handoff.finish();
		progress.read(rows);
		return new Scan(rows, targets);
	}

	/**
	 * Per feature, whether an import needs its value: only for the quality rules; the
	 * other numbers are validated without being computed.
	 */
	private boolean[] valuesNeeded() {
		boolean[] needed = new boolean[this.dataset.features().size()];
		for (QualityRules.Rule rule : this.dataset.quality().rules()) {
			int feature = this.dataset.featureIndex(rule.feature());
			if (feature >= 0) {
				needed[feature] = true;
			}
		}
		return needed;
	}

	/**
	 * The source's records; found on a thread of their own when they are read from bytes
	 * and {@link #scanAhead} says so, which also checks the numbers whose values are not
	 * needed.
	 */
	private RecordSource open(Path source, InputStream in, ImportSettings settings, boolean[] valuesNeeded) {
		if (ByteCsvReader.reads(settings.encoding())) {
			RecordSource records = ByteCsvReader.open(source, in, settings.encoding(), settings.maxRecordLength());
			if (this.scanAhead && records instanceof ByteCsvReader bytes) {
				long decimals = this.parser.layout(source, bytes.header()).checkedNumbers(valuesNeeded);
				return new ScanAhead(bytes, source.getFileName().toString(), decimals);
			}
			return records;
		}
		return new ReadAhead(CsvSource.open(source, in, settings.encoding(), settings.maxRecordLength()));
	}

	/**
	 * A valid row (its numbers computed only where {@code valuesNeeded} says); every
	 * check of the row is made on the way.
	 */
	private Row validate(RecordSource records, RowLayout layout, boolean[] valuesNeeded, LocalDate earliest,
			LocalDate latest) throws RowParser.BadRow {
		if (records.invalidBytes() != null) {
			throw new RowParser.BadRow(records.invalidBytes());
		}
		Row row = layout.parse(records.fields(), records.line(), null, valuesNeeded);
		String broken = this.dataset.quality().violation(this.dataset, row);
		if (broken != null) {
			throw new RowParser.BadRow(broken);
		}
		String[] ids = row.ids();
		for (int i = 0; i < ids.length; i++) {
			if (this.dataset.isMissing(ids[i])) {
				throw new RowParser.BadRow("missing id in column " + this.dataset.idColumns().get(i)
						+ (ids[i].isEmpty() ? " (empty)" : " ('" + ids[i] + "' is a missing token)")
						+ ": a row without its id cannot be told from others");
			}
		}
		LocalDate date = row.date();
		if (date.isBefore(earliest) || date.isAfter(latest)) {
			throw new RowParser.BadRow(
					"date " + date + " in column " + this.dataset.dateColumn() + " is outside the plausible range "
							+ earliest + " to " + latest + " (date.earliest and date.latest in the dataset file)");
		}
		return row;
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
		return new Target(file, header, fromSource);
	}

	/**
	 * The month file a month's rows go to: its columns, and where each is in the source.
	 */
	record Target(Path file, List<String> header, int[] fromSource) {
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
			try (RecordSource csv = MonthFileReader.openBytes(file,
					SourceScan.this.dataset.importSettings().maxRecordLength())) {
				return csv.header();
			}
		}

	}

}
