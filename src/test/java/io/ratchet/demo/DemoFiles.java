package io.ratchet.demo;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.MonthFileReader;
import io.ratchet.data.Rejection;
import io.ratchet.data.Row;
import io.ratchet.data.Task;
import io.ratchet.metrics.Accumulators;
import io.ratchet.metrics.MetricAccumulator;
import io.ratchet.metrics.MetricValues;
import io.ratchet.model.Scorer;

/**
 * Reads the generated files the way Ratchet will, with none of the generator's own
 * classes: month files as plain CSV (for their layout) and as validated {@link Row}s with
 * {@link MonthFileReader}, YAML with Jackson, and figures with Ratchet's
 * {@link Accumulators}.
 */
final class DemoFiles {

	private static final YAMLMapper YAML = YAMLMapper.builder().build();

	private DemoFiles() {
	}

	/** A month file's records as Commons CSV reads them, by header name. */
	static List<CSVRecord> records(Path file) throws IOException {
		try (Reader reader = Files.newBufferedReader(file)) {
			return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
		}
	}

	/**
	 * A month file's rows as the importer reads them.
	 * @throws AssertionError when a row is rejected
	 */
	static List<Row> rows(DatasetConfig dataset, Path file, YearMonth month) {
		List<Row> rows = new ArrayList<>();
		List<Rejection> rejections = new ArrayList<>();
		new MonthFileReader(dataset).read(file, month, rows::add, rejections::add);
		if (!rejections.isEmpty()) {
			throw new AssertionError(rejections.size() + " rows rejected, the first: " + rejections.get(0).describe());
		}
		return rows;
	}

	static JsonNode yaml(Path file) throws IOException {
		return YAML.readTree(Files.readString(file));
	}

	/**
	 * The binary metrics of a scorer over some rows (unlabelled rows are only counted).
	 */
	static MetricValues figures(Scorer scorer, List<Row> rows) {
		return figures(scorer, rows, Accumulators.DEFAULT_THRESHOLD);
	}

	/** The figures at a decision threshold. */
	static MetricValues figures(Scorer scorer, List<Row> rows, double threshold) {
		MetricAccumulator accumulator = Accumulators.create(Task.BINARY, threshold);
		for (Row row : rows) {
			accumulator.add(scorer.score(row), row.label());
		}
		return accumulator.result();
	}

}
