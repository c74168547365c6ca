package io.ratchet.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.ratchet.data.AtomicFiles;
import io.ratchet.data.DatasetConfig;
import io.ratchet.data.FeatureType;
import io.ratchet.data.Row;

/**
 * Regression cases of model versions: a golden file of curated inputs beside each model
 * file ({@code config/models/sales-logit-v1.json} has
 * {@code config/models/sales-logit-v1.cases.csv}), with the output each gave when the
 * version was made. Running them with the current scorer shows whether the version still
 * scores as it did; every job runs them first and refuses a model whose outputs changed.
 * <p>
 * The cases ({@link #make}) are contrived around what the model knows of its features
 * ({@link CaseInputs}); the file ({@link ModelCaseFile}) is CSV with the expected
 * outputs. A case matches when both are the same non-finite value or
 * {@code |got - expected| <= tolerance * max(1, |expected|)} with the {@link #tolerance
 * tolerance of the kind} ({@value #TOLERANCE}, or {@value #ONNX_TOLERANCE} for ONNX): the
 * scorers are deterministic, so any larger change is a real change.
 * <p>
 * A {@link LoggedModel} has none: its scores are read, not computed
 * ({@link LoggedModel#NO_CASES}). Checking its cases passes with that note
 * ({@link CaseCheck#skipped()}); writing them is refused with it.
 */
public final class ModelCases {

	/** Relative tolerance of a case (absolute below 1). */
	public static final double TOLERANCE = 1e-12;

	/**
	 * Relative tolerance of a case of an ONNX model (absolute below 1): float32
	 * arithmetic.
	 */
	public static final double ONNX_TOLERANCE = 1e-6;

	/** What replaces {@code .json} in a model file's name to name its cases file. */
	public static final String SUFFIX = ".cases.csv";

	private ModelCases() {
	}

	/**
	 * The cases file of a model file: {@code x.json} gives {@code x.cases.csv}, beside
	 * it.
	 */
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
	 * The curated cases of a version, then the production cases of the model's other
	 * versions ({@link ModelCaseFile#carried}), each with the output the version gives
	 * now.
	 * @throws ModelFileException when the model does not fit the dataset
	 */
	public static List<ModelCase> make(ModelVersion version, DatasetConfig dataset) {
		List<Map.Entry<String, Map<String, String>>> inputs = new ArrayList<>(CaseInputs.of(version.definition()));
		inputs.addAll(ModelCaseFile.carried(version));
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
	 * Every row's output, in one block (one call for an ONNX model), with a scorer
	 * released afterwards. An ONNX model's NaN or infinity is recorded as it is (a graph
	 * that does not impute a missing value gives NaN, 1e300 is infinite in float32; a job
	 * refuses such a row, a case records it).
	 */
	private static double[] score(ModelVersion version, DatasetConfig dataset, List<Row> rows) {
		double[] outputs = new double[rows.size()];
		try (Scorer scorer = version.bind(dataset)) {
			if (scorer instanceof OnnxScorer onnx) {
				onnx.scoreBatch(rows, outputs, true);
			}
			else if (scorer instanceof OnnxClassScorer onnx) {
				onnx.scoreBatch(rows, outputs, true);
			}
			else {
				scorer.scoreBatch(rows, outputs);
			}
		}
		return outputs;
	}

	/**
	 * The tolerance of a version's cases, relative (absolute below 1):
	 * {@value #TOLERANCE} for the Java scorers, which are deterministic to the bit;
	 * {@value #ONNX_TOLERANCE} for an ONNX model, which ONNX Runtime computes in float32
	 * with kernels that may add in another order on another processor.
	 */
	public static double tolerance(ModelVersion version) {
		return (version.definition() instanceof OnnxModel) ? ONNX_TOLERANCE : TOLERANCE;
	}

	/**
	 * The text of the cases file of a version: its {@link #make cases} with their outputs
	 * now.
	 */
	public static String text(ModelVersion version, DatasetConfig dataset) {
		return ModelCaseFile.text(version, make(version, dataset), tolerance(version));
	}

	/**
	 * Writes the cases file of a version beside its model file, atomically (written
	 * aside, then moved).
	 * @param replace whether an existing cases file may be replaced
	 * @return the cases file
	 * @throws ModelCasesException when the file exists and {@code replace} is false, or
	 * cannot be written
	 */
	public static Path write(ModelVersion version, DatasetConfig dataset, boolean replace) {
		Path file = fileFor(version);
		if (version.definition() instanceof LoggedModel) {
			throw new ModelCasesException(file, 0,
					"model " + version.key() + " has no regression cases: " + LoggedModel.NO_CASES);
		}
		if (!replace && Files.exists(file)) {
			throw new ModelCasesException(file, 0, "model " + version.key() + " already has regression cases; they"
					+ " are recorded once, when the version is made (replace them only knowingly: --replace)");
		}
		writeAtomically(file, text(version, dataset));
		return file;
	}

	/**
	 * New cases for a version, each with the output the version gives now, not written:
	 * what {@link #append} would add. Rows of production (a now-test's surprising rows,
	 * {@code jobs/model-cases --add-from}) become regression cases this way.
	 * @param inputs named inputs, values as in the cases file (text per feature the model
	 * reads, {@code null} for missing)
	 * @throws ModelCasesException when the model has no cases (a logged-prediction
	 * model), its cases file is missing, corrupt or no longer matches, or an input is
	 * already a case (same name or same values), naming each
	 */
	public static List<ModelCase> preview(ModelVersion version, DatasetConfig dataset,
			List<Map.Entry<String, Map<String, String>>> inputs) {
		Path file = fileFor(version);
		if (version.definition() instanceof LoggedModel) {
			throw new ModelCasesException(file, 0,
					"model " + version.key() + " has no regression cases: " + LoggedModel.NO_CASES);
		}
		verify(version, dataset);
		List<ModelCase> existing = read(version);
		List<String> duplicates = new ArrayList<>();
		List<ModelCase> known = new ArrayList<>(existing);
		for (Map.Entry<String, Map<String, String>> input : inputs) {
			known.stream()
				.filter((item) -> item.name().equals(input.getKey()) || item.values().equals(input.getValue()))
				.findFirst()
				.ifPresent((item) -> duplicates.add(input.getKey() + " (as case \"" + item.name() + "\")"));
			known.add(new ModelCase(input.getKey(), input.getValue(), Double.NaN));
		}
		if (!duplicates.isEmpty()) {
			throw new ModelCasesException(file, 0, duplicates.size() + " of the " + inputs.size() + " rows are already"
					+ " regression cases of " + version.key() + ", nothing added: " + String.join("; ", duplicates));
		}
		List<Row> rows = inputs.stream().map((input) -> row(dataset, input.getValue(), file, 0)).toList();
		double[] outputs = score(version, dataset, rows);
		List<ModelCase> cases = new ArrayList<>();
		for (int i = 0; i < inputs.size(); i++) {
			cases.add(new ModelCase(inputs.get(i).getKey(), inputs.get(i).getValue(), outputs[i]));
		}
		return cases;
	}

	/**
	 * Appends cases ({@link #preview}) to a version's cases file, atomically: the file
	 * holds all of them or none.
	 * @return the cases file
	 * @throws ModelCasesException as {@link #preview} does, or when it cannot be written
	 */
	public static Path append(ModelVersion version, DatasetConfig dataset, List<ModelCase> added) {
		List<ModelCase> checked = preview(version, dataset,
				added.stream().map((item) -> Map.entry(item.name(), item.values())).toList());
		List<ModelCase> cases = new ArrayList<>(read(version));
		cases.addAll(checked);
		Path file = fileFor(version);
		writeAtomically(file, ModelCaseFile.text(version, cases, tolerance(version)));
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
	 * Reads a version's cases file strictly ({@link ModelCaseFile}).
	 * @throws ModelCasesException naming the file (and line) when it is missing,
	 * unreadable or corrupt, or was made for other content of the model file
	 */
	public static List<ModelCase> read(ModelVersion version) {
		return ModelCaseFile.read(version);
	}

	/**
	 * Runs a version's cases with the current scorer.
	 * @throws ModelCasesException when the cases file is missing or corrupt (mismatches
	 * are in the result)
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
	 * Runs a version's cases and refuses it unless every one matches: what every job does
	 * first for each model it scores.
	 * @throws ModelCasesException with the readable diff (case, expected, got), or naming
	 * the missing or corrupt file
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

	/**
	 * Whether an output matches the recorded one within a relative tolerance (absolute
	 * below 1).
	 */
	public static boolean matches(double expected, double got, double tolerance) {
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
				numbers[index] = ModelCaseFile.parse(value, file, line, "feature " + feature);
			}
			else {
				levels[index] = value;
			}
		});
		return new Row(0, java.time.LocalDate.of(2000, 1, 1), Double.NaN, numbers, levels);
	}

}
