package io.ratchet.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.function.Consumer;

/**
 * The stored prediction log of one model version whose scores are logged in production
 * (model kind {@code logged}):
 * {@code historical-data/<dataset>/predictions/<model>-v<version>/YYYY-MM.csv}, one file
 * per calendar month of the predictions' timestamps, written by
 * {@link PredictionImporter} with the log's own columns ({@link PredictionLogColumns}). A
 * prediction is joined with the dataset's row of the same month and the same id (the
 * dataset's {@code id:} columns): a row's identity is its id within its month, as for the
 * dataset's own imports.
 */
public final class PredictionLog {

	/** The folder of every model's log, under the dataset's folder. */
	public static final String FOLDER = "predictions";

	private final DatasetConfig dataset;

	private final Path folder;

	private final PredictionLogColumns columns;

	/**
	 * @param dataset the dataset the predictions are joined with
	 * @param folder the log's folder ({@link #folderOf})
	 * @param columns the log's columns
	 */
	public PredictionLog(DatasetConfig dataset, Path folder, PredictionLogColumns columns) {
		this.dataset = dataset;
		this.folder = folder;
		this.columns = columns;
	}

	/**
	 * {@code <datasetDir>/predictions/<model>-v<version>}: the folder of a model
	 * version's log.
	 */
	public static Path folderOf(Path datasetDir, String model, String version) {
		return datasetDir.resolve(FOLDER).resolve(model + "-v" + version);
	}

	/**
	 * The key a prediction and a row are joined on: the single id, or the ids separated
	 * by U+001F.
	 */
	public static String key(String[] ids) {
		return (ids.length == 1) ? ids[0] : String.join("\u001f", ids);
	}

	public Path folder() {
		return this.folder;
	}

	public PredictionLogColumns columns() {
		return this.columns;
	}

	DatasetConfig dataset() {
		return this.dataset;
	}

	/** The log's month files, by month (none when nothing was imported yet). */
	public SortedMap<YearMonth, Path> months() {
		return MonthFiles.list(this.folder);
	}

	/**
	 * The predictions of one month, empty when the log has none for it.
	 * @throws DataFileException naming the file and line when the month file is damaged
	 */
	public MonthPredictions read(YearMonth month) {
		Path file = MonthFiles.fileFor(this.folder, month);
		List<LogRowParser.Entry> entries = new ArrayList<>();
		entries(month, entries::add);
		try {
			return new MonthPredictions(month, entries);
		}
		catch (IllegalArgumentException ex) {
			throw new DataFileException(file, 0, "prediction log is damaged: " + ex.getMessage());
		}
	}

	/**
	 * Reads the stored predictions of a month, in file order (none when it has no file).
	 * @throws DataFileException naming the file and line when the month file is damaged
	 */
	void entries(YearMonth month, Consumer<LogRowParser.Entry> entries) {
		Path file = MonthFiles.fileFor(this.folder, month);
		if (!Files.exists(file)) {
			return;
		}
		try (CsvSource csv = MonthFileReader.open(file)) {
			LogRowParser parser = new LogRowParser(this.dataset, this.columns, file, csv.header());
			while (csv.next()) {
				LogRowParser.Entry entry;
				try {
					entry = parser.parse(csv.record());
				}
				catch (RowParser.BadRow ex) {
					throw new DataFileException(file, csv.line(), "prediction log is damaged: " + ex.getMessage());
				}
				if (!YearMonth.from(entry.date()).equals(month)) {
					throw new DataFileException(file, csv.line(),
							"prediction log is damaged: date " + entry.date() + " outside month file " + month);
				}
				entries.accept(entry);
			}
		}
	}

}
