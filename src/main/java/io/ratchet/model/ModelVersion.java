package io.ratchet.model;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.Feature;
import io.ratchet.data.FeatureType;
import io.ratchet.data.Task;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One model version: the identity read from its file under {@code config/models/}, the
 * file's SHA-256, and its numbers and structure.
 *
 * @param name the model's name, e.g. {@code sales-logit}
 * @param version the version, e.g. {@code 1}
 * @param dataset the dataset the model scores
 * @param task binary (a probability) or regression (a value)
 * @param kind {@code linear}, {@code tree-ensemble}, {@code onnx} or {@code logged}, as
 * in {@link ModelDefinition#kind()}
 * @param sha256 the SHA-256 of the file's bytes, lower-case hex
 * @param file the file it was read from (for messages)
 * @param definition the numbers and structure
 * @param threshold the decision threshold of a binary model (a row is predicted positive
 * when its score is at least the threshold), in (0, 1); {@code null} when the file gives
 * none and the configured default ({@code ratchet.defaults.threshold}) applies. It is a
 * field of the model file, so the file's SHA-256 pins it with the coefficients.
 */
public record ModelVersion(String name, String version, String dataset, Task task, String kind, String sha256,
		Path file, ModelDefinition definition, Double threshold) {

	/** What a name, a version or a dataset name may look like. */
	static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

	public ModelVersion {
		Objects.requireNonNull(task, "task");
		Objects.requireNonNull(definition, "definition");
		Objects.requireNonNull(sha256, "sha256");
		for (String value : new String[] { name, version, dataset }) {
			if (value == null || !IDENTIFIER.matcher(value).matches()) {
				throw new IllegalArgumentException(
						"\"" + value + "\" is not a valid name, version or dataset (letters, digits, '.', '_', '-')");
			}
		}
		if (!definition.kind().equals(kind)) {
			throw new IllegalArgumentException(
					"kind \"" + kind + "\" does not match the definition's \"" + definition.kind() + "\"");
		}
		String mismatch = linkMismatch(task, definition);
		if (mismatch != null) {
			throw new IllegalArgumentException(mismatch);
		}
		if (threshold != null) {
			String problem = thresholdProblem(threshold, task);
			if (problem != null) {
				throw new IllegalArgumentException(problem);
			}
		}
	}

	/** A version whose file gives no threshold (the configured default applies). */
	public ModelVersion(String name, String version, String dataset, Task task, String kind, String sha256, Path file,
			ModelDefinition definition) {
		this(name, version, dataset, task, kind, sha256, file, definition, null);
	}

	/**
	 * Why a decision threshold is refused for a task, or {@code null} when it is fine: it
	 * must be a number strictly between 0 and 1 (at 0 or 1 every row, or none, would be
	 * positive), and only a binary model has one.
	 */
	public static String thresholdProblem(double threshold, Task task) {
		if (task != Task.BINARY) {
			return "a decision threshold belongs to a binary model only, not a " + task.key() + " model";
		}
		if (!(threshold > 0 && threshold < 1)) {
			return "the decision threshold must be a number between 0 and 1 (both excluded), not " + threshold;
		}
		return null;
	}

	/**
	 * The decision threshold the jobs use: the file's own, or {@code configured} (the
	 * default of {@code ratchet.defaults.threshold}) when the file gives none.
	 */
	public double thresholdOr(double configured) {
		return (this.threshold != null) ? this.threshold : configured;
	}

	/** The same version read from another path (a file moved into place). */
	public ModelVersion at(Path moved) {
		return new ModelVersion(this.name, this.version, this.dataset, this.task, this.kind, this.sha256, moved,
				this.definition, this.threshold);
	}

	/**
	 * Why the definition's link does not suit the task, or {@code null} when it does: a
	 * regression model needs the identity link; a binary model the logistic link, or the
	 * identity link for a tree ensemble that
	 * {@linkplain TreeEnsemble#averagesProbabilities() averages probabilities} (a random
	 * forest).
	 */
	static String linkMismatch(Task task, ModelDefinition definition) {
		Link expected = expectedLink(task);
		if (definition.link() == expected) {
			return null;
		}
		if (task == Task.MULTICLASS && definition instanceof MulticlassTrees) {
			return null; // softmax or, for a forest, identity: checked when built
		}
		if (task == Task.BINARY && definition instanceof TreeEnsemble ensemble) {
			return ensemble.averagesProbabilities() ? null
					: "a binary model needs link logistic, or link identity for a forest whose sum is a probability"
							+ " (base and leaves >= 0, base plus the largest leaf of each tree <= 1)";
		}
		return "a " + task.key() + " model needs link " + expected.key() + ", not " + definition.link().key();
	}

	/**
	 * The link a model of the task has: logistic (binary), identity (regression), softmax
	 * (multiclass).
	 */
	static Link expectedLink(Task task) {
		return switch (task) {
			case BINARY -> Link.LOGISTIC;
			case REGRESSION -> Link.IDENTITY;
			case MULTICLASS -> Link.SOFTMAX;
		};
	}

	/** {@code name@version}, e.g. {@code sales-logit@1}. */
	public String key() {
		return this.name + "@" + this.version;
	}

	/** Every feature the model reads, each once, in order of first use. */
	public List<String> features() {
		return this.definition.features();
	}

	/**
	 * Compiles the model against the dataset's feature order. The scorer of an ONNX model
	 * holds a session of ONNX Runtime: close it when done ({@link Scorer#close()}).
	 * @throws ModelFileException (naming the model file) when the model is for another
	 * dataset or task, or reads a feature the dataset lacks or reads it as the other
	 * type; for an ONNX model also (naming the ONNX file) when that file is missing,
	 * changed since import or corrupt, or (naming the model file) when its mapping does
	 * not fit the graph's inputs and outputs; or is a logged model that reads a
	 * prediction log (it needs {@link #bind(DatasetConfig, Path)})
	 */
	public Scorer bind(DatasetConfig dataset) {
		return bind(dataset, null);
	}

	/**
	 * As {@link #bind(DatasetConfig)}, with the dataset's folder
	 * ({@code historical-data/<name>}), where a logged model's prediction log is kept. A
	 * logged model gives a new {@link LoggedScorer} on every call: one per pass.
	 */
	public Scorer bind(DatasetConfig dataset, Path datasetDir) {
		if (!this.dataset.equals(dataset.name())) {
			throw bindError(
					"model " + key() + " is for dataset \"" + this.dataset + "\", not \"" + dataset.name() + "\"");
		}
		if (this.task != dataset.task()) {
			throw bindError("model " + key() + " is a " + this.task.key() + " model but dataset \"" + dataset.name()
					+ "\"" + from(dataset) + " is " + dataset.task().key());
		}
		for (Map.Entry<String, FeatureType> used : this.definition.featureTypes().entrySet()) {
			int index = dataset.featureIndex(used.getKey());
			if (index < 0) {
				throw bindError("feature \"" + used.getKey() + "\" is not a feature of dataset \"" + dataset.name()
						+ "\"" + from(dataset) + " (its features: "
						+ String.join(", ", dataset.features().stream().map(Feature::name).toList()) + ")");
			}
			FeatureType declared = dataset.features().get(index).type();
			if (declared != used.getValue()) {
				throw bindError("the model reads feature \"" + used.getKey() + "\" as " + used.getValue().key()
						+ " but dataset \"" + dataset.name() + "\"" + from(dataset) + " declares it " + declared.key());
			}
		}
		if (this.definition instanceof LoggedModel logged) {
			return LoggedScorer.bind(this, logged, dataset, datasetDir);
		}
		if (this.definition instanceof LinearModel linear) {
			return new LinearScorer(linear, dataset::featureIndex);
		}
		List<String> classes = this.definition.classes();
		if (!classes.equals(dataset.classes()) && this.task == Task.MULTICLASS) {
			throw bindError("model " + key() + " gives probabilities of the classes " + classes + " but dataset \""
					+ dataset.name() + "\"" + from(dataset) + " has the classes " + dataset.classes()
					+ " (the same, in the same order, are needed)");
		}
		if (this.definition instanceof MultinomialModel multinomial) {
			return ClassSumsScorer.of(multinomial, dataset::featureIndex);
		}
		if (this.definition instanceof MulticlassTrees trees) {
			return ClassSumsScorer.of(trees, dataset::featureIndex);
		}
		if (this.definition instanceof OnnxModel onnx) {
			OnnxScorer scorer = OnnxScorer.bind(this, onnx, dataset::featureIndex);
			return classes.isEmpty() ? scorer : new OnnxClassScorer(scorer, classes.size());
		}
		Scorer trees = new TreeScorer((TreeEnsemble) this.definition, dataset::featureIndex);
		if (this.task == Task.BINARY && this.definition.link() == Link.IDENTITY) {
			// an average of probabilities may round a few ulps past 1
			return (row) -> Math.min(1.0, trees.score(row));
		}
		return trees;
	}

	private ModelFileException bindError(String reason) {
		return new ModelFileException(this.file, 0, reason);
	}

	private static String from(DatasetConfig dataset) {
		return (dataset.source() != null) ? " (" + dataset.source() + ")" : "";
	}

}
