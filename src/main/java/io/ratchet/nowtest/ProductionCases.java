package io.ratchet.nowtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.ratchet.data.DataFileException;
import io.ratchet.data.DatasetConfig;
import io.ratchet.data.FeatureType;
import io.ratchet.data.MonthFileReader;
import io.ratchet.data.Row;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A now-test's surprising rows made into regression case inputs
 * ({@code jobs/model-cases --add-from}): each row read back from its month file by line,
 * with the dataset's own parser (the values the now-test scored), and every feature the
 * model reads written as the file's own text when that text reads back to the same value
 * (otherwise, e.g. a missing-value token or a decimal comma, as the value the parser
 * gave). Plain Java: no database, no Spring.
 */
public final class ProductionCases {

	private ProductionCases() {
	}

	/**
	 * One row to add: its case name and inputs, and the score the run stored for it.
	 *
	 * @param name the case name, e.g.
	 * {@code production run 41: 2024-03.csv:57 id=c-981 (loss, range)}
	 * @param values per feature the model reads, in its order: the text, {@code null}
	 * when missing
	 * @param scored the score the run gave the row
	 */
	public record Input(String name, Map<String, String> values, double scored) {
	}

	/**
	 * Reads chosen surprising rows of a run back from their month files.
	 * @param features the features the model reads, in its order
	 * @param rows the run's surprising rows, one per row (the kinds it has)
	 * @throws DataFileException naming the file and line when a row is no longer there,
	 * or is there with another date (the file changed since the run)
	 */
	public static List<Input> read(DatasetConfig dataset, List<String> features, long runId,
			Map<Surprise, List<SurpriseKind>> rows) {
		Map<String, List<Surprise>> byFile = rows.keySet()
			.stream()
			.collect(Collectors.groupingBy(Surprise::file, LinkedHashMap::new, Collectors.toList()));
		Map<Surprise, Input> inputs = new HashMap<>();
		byFile.forEach((file, chosen) -> {
			Set<Long> lines = chosen.stream().map(Surprise::line).collect(Collectors.toSet());
			Map<Long, Row> parsed = parsed(dataset, Path.of(file), lines);
			Map<Long, Map<String, String>> texts = texts(Path.of(file), lines);
			for (Surprise row : chosen) {
				Row read = parsed.get(row.line());
				if (read == null || !read.date().equals(row.date())) {
					throw new DataFileException(Path.of(file), row.line(), "run " + runId + " read a row dated "
							+ row.date() + " here; the month file has changed since ("
							+ ((read == null) ? "the line holds no valid row" : "the row there is dated " + read.date())
							+ "): make cases from a newer run");
				}
				inputs.put(row, new Input(name(runId, row, rows.get(row)),
						values(dataset, features, read, texts.getOrDefault(row.line(), Map.of())), row.score()));
			}
		});
		return rows.keySet().stream().map(inputs::get).toList();
	}

	private static String name(long runId, Surprise row, List<SurpriseKind> kinds) {
		return "production run " + runId + ": " + Path.of(row.file()).getFileName() + ":" + row.line()
				+ ((row.key() != null) ? " " + row.key() : "") + " ("
				+ kinds.stream().map(SurpriseKind::key).collect(Collectors.joining(", ")) + ")";
	}

	/** The case values: the source text where it reads back to what the parser gave. */
	private static Map<String, String> values(DatasetConfig dataset, List<String> features, Row row,
			Map<String, String> texts) {
		Map<String, String> values = new LinkedHashMap<>();
		for (String feature : features) {
			int index = dataset.featureIndex(feature);
			String text = (texts.get(feature) != null) ? texts.get(feature).strip() : null;
			if (dataset.features().get(index).type() == FeatureType.NUMERIC) {
				double number = row.numbers()[index];
				values.put(feature,
						Double.isNaN(number) ? null : sameNumber(text, number) ? text : Double.toString(number));
			}
			else {
				String level = row.levels()[index];
				values.put(feature, (level != null && level.equals(texts.get(feature))) ? texts.get(feature) : level);
			}
		}
		return values;
	}

	private static boolean sameNumber(String text, double number) {
		try {
			return text != null && Double.compare(Double.parseDouble(text), number) == 0;
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

	/** The rows at the lines, parsed as the jobs parse them. */
	private static Map<Long, Row> parsed(DatasetConfig dataset, Path file, Set<Long> lines) {
		Map<Long, Row> rows = new HashMap<>();
		new MonthFileReader(dataset).read(file, null, (row) -> {
			if (lines.contains(row.line())) {
				rows.put(row.line(), row);
			}
		}, (rejection) -> {
		});
		return rows;
	}

	/**
	 * The cells of the lines as the file writes them, by column (a record spread over
	 * several lines by a quoted line break has none: its values are written as parsed).
	 */
	private static Map<Long, Map<String, String>> texts(Path file, Set<Long> lines) {
		Map<Long, Map<String, String>> texts = new HashMap<>();
		try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			String header = reader.readLine();
			List<String> columns = cells(header);
			long number = 1;
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				number++;
				List<String> cells = lines.contains(number) ? cells(line) : null;
				if (cells != null && cells.size() == columns.size()) {
					Map<String, String> byColumn = new HashMap<>();
					for (int i = 0; i < cells.size(); i++) {
						byColumn.put(columns.get(i), cells.get(i));
					}
					texts.put(number, byColumn);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(file + ": " + ex.getMessage(), ex);
		}
		return texts;
	}

	private static List<String> cells(String line) {
		try (CSVParser parser = CSVParser.parse(line, CSVFormat.DEFAULT)) {
			List<CSVRecord> records = parser.getRecords();
			return (records.size() == 1) ? records.get(0).toList() : List.of();
		}
		catch (IOException | UncheckedIOException | IllegalStateException ex) {
			return List.of();
		}
	}

}
