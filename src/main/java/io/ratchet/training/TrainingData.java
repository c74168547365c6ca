package io.ratchet.training;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.MonthFileReader;
import io.ratchet.data.MonthFiles;
import io.ratchet.data.Row;

/** Reads a training window's rows from a dataset's month files. */
public final class TrainingData {

	private TrainingData() {
	}

	/**
	 * The labelled, valid rows of the month files from {@code first} to {@code last}
	 * (inclusive); absent months add nothing, invalid rows are skipped (the import
	 * quarantined them already).
	 * @param datasetDir {@code historical-data/<dataset>}
	 */
	public static List<Row> read(DatasetConfig dataset, Path datasetDir, YearMonth first, YearMonth last) {
		MonthFileReader reader = new MonthFileReader(dataset);
		List<Row> rows = new ArrayList<>();
		for (Map.Entry<YearMonth, Path> month : MonthFiles.list(datasetDir)
			.subMap(first, last.plusMonths(1))
			.entrySet()) {
			reader.read(month.getValue(), month.getKey(), (row) -> {
				if (row.labelled()) {
					rows.add(row);
				}
			}, (rejection) -> {
			});
		}
		return rows;
	}

}
