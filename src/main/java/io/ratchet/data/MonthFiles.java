package io.ratchet.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The partitions of a dataset: one file per calendar month,
 * {@code historical-data/<name>/YYYY-MM.csv}.
 */
public final class MonthFiles {

	private MonthFiles() {
	}

	/**
	 * The month files of a dataset folder, by month. Only regular files named exactly
	 * {@code YYYY-MM.csv} (with a real month) count; sub-folders (such as
	 * {@code quarantine/}) and other files are ignored. A folder that does not exist has
	 * no month files.
	 */
	public static SortedMap<YearMonth, Path> list(Path datasetDir) {
		SortedMap<YearMonth, Path> months = new TreeMap<>();
		if (!Files.isDirectory(datasetDir)) {
			return months;
		}
		try (Stream<Path> files = Files.list(datasetDir)) {
			files.forEach((file) -> {
				YearMonth month = monthOf(file.getFileName().toString());
				if (month != null && Files.isRegularFile(file)) {
					months.put(month, file);
				}
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot list " + datasetDir, ex);
		}
		return months;
	}

	/** The month file of a month, whether it exists or not. */
	public static Path fileFor(Path datasetDir, YearMonth month) {
		return datasetDir.resolve(String.format("%04d-%02d.csv", month.getYear(), month.getMonthValue()));
	}

	/** The month a file name {@code YYYY-MM.csv} stands for, or {@code null}. */
	static YearMonth monthOf(String fileName) {
		if (fileName.length() != 11 || !fileName.endsWith(".csv") || fileName.charAt(4) != '-') {
			return null;
		}
		for (int i : new int[] { 0, 1, 2, 3, 5, 6 }) {
			if (fileName.charAt(i) < '0' || fileName.charAt(i) > '9') {
				return null;
			}
		}
		int month = Integer.parseInt(fileName.substring(5, 7));
		return (month >= 1 && month <= 12) ? YearMonth.of(Integer.parseInt(fileName.substring(0, 4)), month) : null;
	}

}
