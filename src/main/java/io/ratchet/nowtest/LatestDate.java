package io.ratchet.nowtest;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.atomic.AtomicReference;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.MonthFileReader;
import io.ratchet.data.MonthFiles;

/**
 * The latest event date in a dataset's data: the default as-of date of a now-test run by
 * hand.
 */
public final class LatestDate {

	private LatestDate() {
	}

	/**
	 * The latest date of a valid row in the dataset's last month file; empty when it has
	 * no month files or rows.
	 */
	public static Optional<LocalDate> of(DatasetConfig dataset, Path datasetDir) {
		SortedMap<YearMonth, Path> files = MonthFiles.list(datasetDir);
		while (!files.isEmpty()) {
			YearMonth month = files.lastKey();
			AtomicReference<LocalDate> latest = new AtomicReference<>();
			new MonthFileReader(dataset).read(files.get(month), month, (row) -> {
				if (latest.get() == null || row.date().isAfter(latest.get())) {
					latest.set(row.date());
				}
			}, (rejection) -> {
			});
			if (latest.get() != null) {
				return Optional.of(latest.get());
			}
			files = files.headMap(month);
		}
		return Optional.empty();
	}

}
