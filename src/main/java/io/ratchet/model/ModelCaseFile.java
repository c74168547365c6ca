package io.ratchet.model;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.ratchet.data.FeatureType;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * The regression cases file of a model version, {@code <model>.cases.csv} (UTF-8, LF):
 * {@code #} comment lines (the model, its SHA-256, how to read the file), a header
 * {@code case,<the model's features in order>,expected}, then one row per case; an empty
 * cell is a missing value, numbers are written as Java writes a {@code double} (the
 * shortest text that reads back to the same value), and {@code expected} may be
 * {@code NaN} or {@code Infinity}. Reading is strict: every problem names the file (and
 * line).
 */
final class ModelCaseFile {

	private static final String CASE = "case";

	private static final String EXPECTED = "expected";

	private static final String SHA_PREFIX = "# sha256 of the model file: ";

	private static final CSVFormat WRITE = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();

	private static final CSVFormat READ = CSVFormat.DEFAULT.builder()
		.setCommentMarker('#')
		.setIgnoreEmptyLines(true)
		.get();

	private ModelCaseFile() {
	}

	/**
	 * The text of the cases file of a version holding its cases, with the tolerance they
	 * are checked with.
	 */
	static String text(ModelVersion version, List<ModelCase> cases, double tolerance) {
		StringBuilder text = new StringBuilder();
		text.append("# Regression cases of model ")
			.append(version.key())
			.append(" (")
			.append(version.file().getFileName())
			.append("), outputs recorded when the version was made.\n");
		text.append(SHA_PREFIX).append(version.sha256()).append('\n');
		text.append("# An empty cell is a missing value. A case passes when |got - expected| <= ")
			.append(tolerance)
			.append(" * max(1, |expected|).\n");
		List<String> features = version.features();
		try (CSVPrinter printer = new CSVPrinter(text, WRITE)) {
			List<String> header = new ArrayList<>();
			header.add(CASE);
			header.addAll(features);
			header.add(EXPECTED);
			printer.printRecord(header);
			for (ModelCase item : cases) {
				List<String> cells = new ArrayList<>();
				cells.add(item.name());
				features.forEach((feature) -> cells.add(item.values().get(feature)));
				cells.add(Double.toString(item.expected()));
				printer.printRecord(cells);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot print to a StringBuilder", ex);
		}
		return text.toString();
	}

	/**
	 * Reads a version's cases file strictly.
	 * @throws ModelCasesException naming the file (and line) when it is missing,
	 * unreadable or corrupt, or was made for other content of the model file
	 */
	static List<ModelCase> read(ModelVersion version) {
		Path file = ModelCases.fileFor(version);
		String text;
		try {
			text = Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (NoSuchFileException ex) {
			throw new ModelCasesException(file, 0, "model " + version.key() + " has no regression cases file (every"
					+ " version needs one beside its model file; make it with jobs/model-cases " + version.key() + ")");
		}
		catch (IOException ex) {
			throw new ModelCasesException(file, 0,
					"cannot read the regression cases of model " + version.key() + ": " + ex, ex);
		}
		String sha = text.lines()
			.filter((line) -> line.startsWith(SHA_PREFIX))
			.findFirst()
			.map((line) -> line.substring(SHA_PREFIX.length()).trim())
			.orElse(null);
		if (sha == null) {
			throw new ModelCasesException(file, 0,
					"corrupt cases file: no \"" + SHA_PREFIX.trim() + "\" line naming the model file it was made for");
		}
		if (!sha.equals(version.sha256())) {
			throw new ModelCasesException(file, 0, "the cases were made for other content of " + version.file()
					+ " (sha256 " + sha + ", the file now has " + version.sha256() + "): a changed model needs a new"
					+ " version (or make its cases again knowingly: jobs/model-cases " + version.key() + " --replace)");
		}
		List<String> features = version.features();
		// once: a tree ensemble finds its features' types by walking every node
		Map<String, FeatureType> types = version.definition().featureTypes();
		List<ModelCase> cases = new ArrayList<>();
		try (CSVParser parser = CSVParser.builder().setReader(new StringReader(text)).setFormat(READ).get()) {
			java.util.Iterator<CSVRecord> records = parser.iterator();
			if (!records.hasNext()) {
				throw new ModelCasesException(file, 0, "corrupt cases file: no header and no cases");
			}
			CSVRecord header = records.next();
			List<String> expectedHeader = new ArrayList<>();
			expectedHeader.add(CASE);
			expectedHeader.addAll(features);
			expectedHeader.add(EXPECTED);
			if (!header.toList().equals(expectedHeader)) {
				throw new ModelCasesException(file, parser.getCurrentLineNumber(), "corrupt cases file: the header is "
						+ header.toList() + ", expected " + expectedHeader + " (case, the model's features, expected)");
			}
			Set<String> names = new LinkedHashSet<>();
			while (records.hasNext()) {
				CSVRecord record = records.next();
				long line = parser.getCurrentLineNumber();
				if (record.size() != expectedHeader.size()) {
					throw new ModelCasesException(file, line, "corrupt cases file: " + record.size() + " cells, the"
							+ " header has " + expectedHeader.size());
				}
				String name = record.get(0);
				if (name.isEmpty() || !names.add(name)) {
					throw new ModelCasesException(file, line, "corrupt cases file: case name \"" + name + "\" is "
							+ (name.isEmpty() ? "empty" : "given twice"));
				}
				Map<String, String> values = new LinkedHashMap<>();
				for (int f = 0; f < features.size(); f++) {
					String cell = record.get(f + 1);
					String value = cell.isEmpty() ? null : cell;
					if (value != null && types.get(features.get(f)) == FeatureType.NUMERIC) {
						parse(value, file, line, "feature " + features.get(f));
					}
					values.put(features.get(f), value);
				}
				double expected = parse(record.get(features.size() + 1), file, line, "expected");
				cases.add(new ModelCase(name, values, expected));
			}
		}
		catch (IOException | IllegalStateException | java.io.UncheckedIOException ex) {
			throw new ModelCasesException(file, 0, "corrupt cases file: not readable CSV: " + ex.getMessage(), ex);
		}
		if (cases.isEmpty()) {
			throw new ModelCasesException(file, 0, "corrupt cases file: it holds no case");
		}
		return cases;
	}

	/** What the name of a case made of a production row starts with. */
	static final String PRODUCTION = "production ";

	/**
	 * The production cases ({@link #PRODUCTION}) of every version of a version's model
	 * (its own too, so that making its cases again keeps them), in the cases files beside
	 * its model file (by file name), as inputs of the version's features: a feature an
	 * earlier version did not read is missing. Their outputs are not carried: a later
	 * version records its own and is checked on them from then on.
	 */
	static List<Map.Entry<String, Map<String, String>>> carried(ModelVersion version) {
		Path dir = version.file().toAbsolutePath().getParent();
		List<Path> files;
		try (var list = Files.list(dir)) {
			files = list.filter((file) -> file.getFileName().toString().endsWith(ModelCases.SUFFIX)).sorted().toList();
		}
		catch (IOException ex) {
			throw new ModelCasesException(dir, 0, "cannot list the cases files: " + ex.getMessage(), ex);
		}
		String title = "# Regression cases of model " + version.name() + "@";
		Map<String, Map<String, String>> carried = new LinkedHashMap<>();
		for (Path file : files) {
			try {
				String text = Files.readString(file, StandardCharsets.UTF_8);
				if (!text.startsWith(title)) {
					continue;
				}
				try (CSVParser parser = CSVParser.builder().setReader(new StringReader(text)).setFormat(READ).get()) {
					List<CSVRecord> records = parser.getRecords();
					List<String> header = records.isEmpty() ? List.of() : records.get(0).toList();
					for (CSVRecord record : records.subList(Math.min(1, records.size()), records.size())) {
						if (record.size() != header.size() || !record.get(0).startsWith(PRODUCTION)) {
							continue;
						}
						Map<String, String> values = new LinkedHashMap<>();
						for (String feature : version.features()) {
							int column = header.indexOf(feature);
							String cell = (column > 0 && column < header.size() - 1) ? record.get(column) : "";
							values.put(feature, cell.isEmpty() ? null : cell);
						}
						carried.putIfAbsent(record.get(0), values);
					}
				}
			}
			catch (IOException | java.io.UncheckedIOException | IllegalStateException ex) {
				throw new ModelCasesException(file, 0, "cannot read the production cases of another version of "
						+ version.name() + ": " + ex.getMessage(), ex);
			}
		}
		return new ArrayList<>(carried.entrySet());
	}

	static double parse(String text, Path file, long line, String what) {
		try {
			return Double.parseDouble(text);
		}
		catch (NumberFormatException ex) {
			throw new ModelCasesException(file, line,
					"corrupt cases file: " + what + " \"" + text + "\" is not a number");
		}
	}

}
