package io.ratchet.model;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.ratchet.data.AtomicFiles;
import io.ratchet.data.DatasetConfig;
import io.ratchet.data.FeatureType;
import io.ratchet.data.Row;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Regression cases of model versions: a golden file of curated inputs beside each model file
 * ({@code config/models/sales-logit-v1.json} has {@code config/models/sales-logit-v1.cases.csv}), with the output each
 * gave when the version was made. Running them with the current scorer shows whether the version still scores as it
 * did; every job runs them first and refuses a model whose outputs changed.
 * <p>
 * The cases ({@link #make}): a typical row (each numeric feature at its centre, each categorical at its first level);
 * then per numeric feature: missing, 0, negative, an outlier at centre ± 10 scales, ±1e9 and ±1e300; per categorical
 * feature: each known level, an unseen level, missing; and everything missing. For a linear model centre and scale are
 * the term's; for a tree ensemble they come from the feature's split thresholds (their middle and spread); for an ONNX
 * model (whose graph is opaque) they are 0 and 1, and the known levels are those of its one-hot and code columns.
 * <p>
 * The file is CSV (UTF-8, LF): {@code #} comment lines (the model, its SHA-256, how to read the file), a header
 * {@code case,<the model's features in order>,expected}, then one row per case; an empty cell is a missing value,
 * numbers are written as Java writes a {@code double} (the shortest text that reads back to the same value), and
 * {@code expected} may be {@code NaN} or {@code Infinity}. A case matches when both are the same non-finite value or
 * {@code |got - expected| <= tolerance * max(1, |expected|)} with the {@link #tolerance tolerance of the kind}
 * ({@value #TOLERANCE}, or {@value #ONNX_TOLERANCE} for ONNX): the scorers are deterministic, so any larger change is a
 * real change.
 * <p>
 * A {@link LoggedModel} has none: its scores are read, not computed ({@link LoggedModel#NO_CASES}). Checking its cases
 * passes with that note ({@link CaseCheck#skipped()}); writing them is refused with it.
 */
public final class ModelCases {

	/** Relative tolerance of a case (absolute below 1). */
	public static final double TOLERANCE = 1e-12;

	/** Relative tolerance of a case of an ONNX model (absolute below 1): float32 arithmetic. */
	public static final double ONNX_TOLERANCE = 1e-6;

	/** What replaces {@code .json} in a model file's name to name its cases file. */
	public static final String SUFFIX = ".cases.csv";

	private static final String CASE = "case";

	private static final String EXPECTED = "expected";

	private static final String SHA_PREFIX = "# sha256 of the model file: ";

	private static final CSVFormat WRITE = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();

	private static final CSVFormat READ = CSVFormat.DEFAULT.builder().setCommentMarker('#').setIgnoreEmptyLines(true)
		.get();

	private ModelCases() {
	}

	/** The cases file of a model file: {@code x.json} gives {@code x.cases.csv}, beside it. */
	public static Path fileFor(Path modelFile) {
		String name = modelFile.getFileName().toString();
		String stem = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
		return modelFile.resolveSibling(stem + SUFFIX);
	}

	/** The cases file of a model version (beside the file it was read from). */
	public static Path fileFor(ModelVersion version) {
		return fileFor(version.file());
	}

	/**
	 * The curated cases of a version, each with the output the version gives now.
	 * @throws ModelFileException when the model does not fit the dataset
	 */
	public static List<ModelCase> make(ModelVersion version, DatasetConfig dataset) {
		Map<String, String> typical = new LinkedHashMap<>();
		List<Map.Entry<String, Map<String, String>>> inputs = new ArrayList<>();
		Map<String, Spread> spreads = spreads(version.definition());
		Map<String, List<String>> levels = levels(version.definition());
		for (Map.Entry<String, FeatureType> feature : version.definition().featureTypes().entrySet()) {
			String name = feature.getKey();
			if (feature.getValue() == FeatureType.NUMERIC) {
				typical.put(name, number(spreads.get(name).center()));
			}
			else {
				List<String> known = levels.get(name);
				typical.put(name, known.isEmpty() ? null : known.get(0));
			}
		}
		inputs.add(Map.entry("typical", typical));
		for (Map.Entry<String, FeatureType> feature : version.definition().featureTypes().entrySet()) {
			String name = feature.getKey();
			if (feature.getValue() == FeatureType.NUMERIC) {
				Spread spread = spreads.get(name);
				inputs.add(Map.entry(name + " missing", with(typical, name, null)));
				inputs.add(Map.entry(name + " = 0", with(typical, name, "0.0")));
				inputs.add(Map.entry(name + " negative", with(typical, name,
						number(-(Math.abs(spread.center()) + Math.abs(spread.scale()))))));
				inputs.add(Map.entry(name + " outlier centre + 10 scale", with(typical, name,
						number(spread.center() + 10 * spread.scale()))));
				inputs.add(Map.entry(name + " outlier centre - 10 scale", with(typical, name,
						number(spread.center() - 10 * spread.scale()))));
				for (double extreme : new double[] { 1e9, -1e9, 1e300, -1e300 }) {
					inputs.add(Map.entry(name + " = " + number(extreme), with(typical, name, number(extreme))));
				}
			}
			else {
				List<String> known = levels.get(name);
				for (String level : known) {
					inputs.add(Map.entry(name + " = " + level, with(typical, name, level)));
				}
				String unseen = "unseen-level";
				while (known.contains(unseen)) {
					unseen = unseen + "~";
				}
				inputs.add(Map.entry(name + " unseen level", with(typical, name, unseen)));
				inputs.add(Map.entry(name + " missing", with(typical, name, null)));
			}
		}
		Map<String, String> nothing = new LinkedHashMap<>();
		typical.keySet().forEach((name) -> nothing.put(name, null));
		inputs.add(Map.entry("everything missing", nothing));
		List<Row> rows = inputs.stream().map((input) -> row(dataset, input.getValue(), null, 0)).toList();
		double[] outputs = score(version, dataset, rows);
		List<ModelCase> cases = new ArrayList<>();
		Set<String> names = new HashSet<>();
		for (int i = 0; i < inputs.size(); i++) {
			Map.Entry<String, Map<String, String>> input = inputs.get(i);
			String name = input.getKey();
			for (int n = 2; !names.add(name); n++) {
				name = input.getKey() + " (" + n + ")";
			}
			cases.add(new ModelCase(name, input.getValue(), outputs[i]));
		}
		return cases;
	}

	/**
	 * Every row's output, in one block (one call for an ONNX model), with a scorer released afterwards. An ONNX
	 * model's NaN or infinity is recorded as it is (a graph that does not impute a missing value gives NaN, 1e300 is
	 * infinite in float32; a job refuses such a row, a case records it).
	 */
	private static double[] score(ModelVersion version, DatasetConfig dataset, List<Row> rows) {
		double[] outputs = new double[rows.size()];
		try (Scorer scorer = version.bind(dataset)) {
			if (scorer instanceof OnnxScorer onnx) {
				onnx.scoreBatch(rows, outputs, true);
			}
			else {
				scorer.scoreBatch(rows, outputs);
			}
		}
		return outputs;
	}

	/**
	 * The tolerance of a version's cases, relative (absolute below 1): {@value #TOLERANCE} for the Java scorers, which
	 * are deterministic to the bit; {@value #ONNX_TOLERANCE} for an ONNX model, which ONNX Runtime computes in float32
	 * with kernels that may add in another order on another processor.
	 */
	public static double tolerance(ModelVersion version) {
		return (version.definition() instanceof OnnxModel) ? ONNX_TOLERANCE : TOLERANCE;
	}

	/** The text of the cases file of a version: its {@link #make cases} with their outputs now. */
	public static String text(ModelVersion version, DatasetConfig dataset) {
		List<ModelCase> cases = make(version, dataset);
		StringBuilder text = new StringBuilder();
		text.append("# Regression cases of model ").append(version.key()).append(" (")
			.append(version.file().getFileName()).append("), outputs recorded when the version was made.\n");
		text.append(SHA_PREFIX).append(version.sha256()).append('\n');
		text.append("# An empty cell is a missing value. A case passes when |got - expected| <= ")
			.append(tolerance(version))
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
	 * Writes the cases file of a version beside its model file, atomically (written aside, then moved).
	 * @param replace whether an existing cases file may be replaced
	 * @return the cases file
	 * @throws ModelCasesException when the file exists and {@code replace} is false, or cannot be written
	 */
	public static Path write(ModelVersion version, DatasetConfig dataset, boolean replace) {
		Path file = fileFor(version);
		if (version.definition() instanceof LoggedModel) {
			throw new ModelCasesException(file, 0, "model " + version.key() + " has no regression cases: "
					+ LoggedModel.NO_CASES);
		}
		if (!replace && Files.exists(file)) {
			throw new ModelCasesException(file, 0, "model " + version.key() + " already has regression cases; they"
					+ " are recorded once, when the version is made (replace them only knowingly: --replace)");
		}
		writeAtomically(file, text(version, dataset));
		return file;
	}

	/** Writes text to a file through a temporary file beside it and an atomic move. */
	static void writeAtomically(Path file, String text) {
		try {
			AtomicFiles.write(file, text);
		}
		catch (IOException ex) {
			throw new ModelCasesException(file, 0, ex.getMessage(), ex);
		}
	}

	/**
	 * Reads a version's cases file strictly.
	 * @throws ModelCasesException naming the file (and line) when it is missing, unreadable or corrupt, or was made
	 * for other content of the model file
	 */
	public static List<ModelCase> read(ModelVersion version) {
		Path file = fileFor(version);
		String text;
		try {
			text = Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (NoSuchFileException ex) {
			throw new ModelCasesException(file, 0, "model " + version.key() + " has no regression cases file (every"
					+ " version needs one beside its model file; make it with jobs/model-cases " + version.key() + ")");
		}
		catch (IOException ex) {
			throw new ModelCasesException(file, 0, "cannot read the regression cases of model " + version.key() + ": "
					+ ex, ex);
		}
		String sha = text.lines().filter((line) -> line.startsWith(SHA_PREFIX)).findFirst()
			.map((line) -> line.substring(SHA_PREFIX.length()).trim()).orElse(null);
		if (sha == null) {
			throw new ModelCasesException(file, 0, "corrupt cases file: no \"" + SHA_PREFIX.trim()
					+ "\" line naming the model file it was made for");
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

	/**
	 * Runs a version's cases with the current scorer.
	 * @throws ModelCasesException when the cases file is missing or corrupt (mismatches are in the result)
	 */
	public static CaseCheck check(ModelVersion version, DatasetConfig dataset) {
		if (version.definition() instanceof LoggedModel) {
			return CaseCheck.skipped(version.key(), LoggedModel.NO_CASES);
		}
		List<ModelCase> cases = read(version);
		List<Row> rows = cases.stream().map((item) -> row(dataset, item.values(), fileFor(version), 0)).toList();
		double[] outputs = score(version, dataset, rows);
		double tolerance = tolerance(version);
		List<CaseCheck.Mismatch> mismatches = new ArrayList<>();
		for (int i = 0; i < cases.size(); i++) {
			ModelCase item = cases.get(i);
			if (!matches(item.expected(), outputs[i], tolerance)) {
				mismatches.add(new CaseCheck.Mismatch(item.name(), item.expected(), outputs[i]));
			}
		}
		return new CaseCheck(version.key(), fileFor(version), cases.size(), mismatches);
	}

	/**
	 * Runs a version's cases and refuses it unless every one matches: what every job does first for each model it
	 * scores.
	 * @throws ModelCasesException with the readable diff (case, expected, got), or naming the missing or corrupt file
	 */
	public static CaseCheck verify(ModelVersion version, DatasetConfig dataset) {
		CaseCheck check = check(version, dataset);
		if (!check.passed()) {
			throw new ModelCasesException(null, 0, check.diff());
		}
		return check;
	}

	/** {@link #verify} for several versions, in order; the first refusal ends it. */
	public static List<CaseCheck> verifyAll(Collection<ModelVersion> versions, DatasetConfig dataset) {
		List<CaseCheck> checks = new ArrayList<>();
		for (ModelVersion version : versions) {
			checks.add(verify(version, dataset));
		}
		return checks;
	}

	/** Whether an output of a Java scorer matches the recorded one. */
	static boolean matches(double expected, double got) {
		return matches(expected, got, TOLERANCE);
	}

	/** Whether an output matches the recorded one within a relative tolerance (absolute below 1). */
	static boolean matches(double expected, double got, double tolerance) {
		if (Double.isNaN(expected) || Double.isInfinite(expected)) {
			return Double.compare(expected, got) == 0;
		}
		return Math.abs(got - expected) <= tolerance * Math.max(1.0, Math.abs(expected));
	}

	private static Row row(DatasetConfig dataset, Map<String, String> values, Path file, long line) {
		int size = dataset.features().size();
		double[] numbers = new double[size];
		java.util.Arrays.fill(numbers, Double.NaN);
		String[] levels = new String[size];
		values.forEach((feature, value) -> {
			int index = dataset.featureIndex(feature);
			if (index < 0 || value == null) {
				return;
			}
			if (dataset.features().get(index).type() == FeatureType.NUMERIC) {
				numbers[index] = parse(value, file, line, "feature " + feature);
			}
			else {
				levels[index] = value;
			}
		});
		return new Row(0, java.time.LocalDate.of(2000, 1, 1), Double.NaN, numbers, levels);
	}

	private static double parse(String text, Path file, long line, String what) {
		try {
			return Double.parseDouble(text);
		}
		catch (NumberFormatException ex) {
			throw new ModelCasesException(file, line, "corrupt cases file: " + what + " \"" + text
					+ "\" is not a number");
		}
	}

	private static Map<String, String> with(Map<String, String> base, String feature, String value) {
		Map<String, String> copy = new LinkedHashMap<>(base);
		copy.put(feature, value);
		return copy;
	}

	private static String number(double value) {
		return Double.toString(value);
	}

	/** Centre and scale of a numeric feature, for contriving its values. */
	record Spread(double center, double scale) {
	}

	private static Map<String, Spread> spreads(ModelDefinition definition) {
		Map<String, Spread> spreads = new LinkedHashMap<>();
		if (definition instanceof OnnxModel) {
			// the graph is opaque: contrive values around 0 on a scale of 1
			definition.featureTypes().forEach((feature, type) -> spreads.put(feature, new Spread(0, 1)));
			return spreads;
		}
		if (definition instanceof LinearModel linear) {
			for (LinearModel.Term term : linear.terms()) {
				if (term instanceof LinearModel.NumericTerm numeric) {
					spreads.put(numeric.feature(), new Spread(numeric.center(), Math.abs(numeric.scale())));
				}
			}
			return spreads;
		}
		Map<String, List<Double>> thresholds = new LinkedHashMap<>();
		for (TreeEnsemble.Tree tree : ((TreeEnsemble) definition).trees()) {
			for (TreeEnsemble.Node node : tree.nodes()) {
				if (node instanceof TreeEnsemble.NumericSplit split) {
					thresholds.computeIfAbsent(split.feature(), (key) -> new ArrayList<>()).add(split.threshold());
				}
			}
		}
		thresholds.forEach((feature, values) -> {
			double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
			double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
			double scale = (max > min) ? (max - min) / 2 : Math.max(1.0, Math.abs(min));
			spreads.put(feature, new Spread((min + max) / 2, scale));
		});
		return spreads;
	}

	private static Map<String, List<String>> levels(ModelDefinition definition) {
		Map<String, List<String>> levels = new LinkedHashMap<>();
		definition.featureTypes().forEach((feature, type) -> {
			if (type == FeatureType.CATEGORICAL) {
				levels.put(feature, new ArrayList<>());
			}
			else {
				levels.put(feature, List.of());
			}
		});
		if (definition instanceof LinearModel linear) {
			for (LinearModel.Term term : linear.terms()) {
				if (term instanceof LinearModel.CategoricalTerm categorical) {
					levels.get(categorical.feature()).addAll(categorical.weights().keySet());
				}
			}
		}
		else if (definition instanceof OnnxModel onnx) {
			// the levels the mapping knows (indicators and codes); a string input's levels are the graph's own
			for (OnnxModel.Input input : onnx.inputs()) {
				for (OnnxModel.Column column : input.columns()) {
					List<String> known = levels.get(column.feature());
					List<String> named = (column instanceof OnnxModel.Indicator indicator) ? List.of(indicator.level())
							: (column instanceof OnnxModel.Code code) ? code.levels() : List.of();
					named.stream().filter((level) -> !known.contains(level)).forEach(known::add);
				}
			}
		}
		else {
			for (TreeEnsemble.Tree tree : ((TreeEnsemble) definition).trees()) {
				for (TreeEnsemble.Node node : tree.nodes()) {
					if (node instanceof TreeEnsemble.CategoricalSplit split) {
						List<String> known = levels.get(split.feature());
						split.levels().stream().filter((level) -> !known.contains(level)).forEach(known::add);
					}
				}
			}
		}
		return levels;
	}

}
