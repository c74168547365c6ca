package io.ratchet.model;

import io.ratchet.config.ConfigFormat;
import io.ratchet.config.Pointers;
import io.ratchet.config.StrictBinding;
import io.ratchet.data.Task;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Converts the plain-JSON export of a scikit-learn linear or logistic model (the
 * {@code model-*.json} files of the oracle) into a Ratchet model file. The export is read
 * as strictly as a model file; its {@code training} object is kept as it is, and its
 * formula texts, when present, must be the ones this conversion assumes.
 */
public final class SklearnExport {

	static final String NUMERIC_TERM = "weight * ((x if present else impute_missing_with) - center) / scale";

	static final String CATEGORICAL_TERM = "weights[value] if value is a known level, else unknown_or_missing_weight";

	private SklearnExport() {
	}

	/**
	 * The text of a Ratchet model file for the export, with the export's name and the
	 * given dataset and version.
	 * @throws ModelFileException naming the export file when it cannot be read or
	 * converted
	 */
	public static String toRatchetJson(Path oracleJson, String dataset, String version) {
		return toRatchetJson(oracleJson, dataset, version, null);
	}

	/**
	 * As {@link #toRatchetJson(Path, String, String)}, named {@code name} instead of the
	 * export's name when {@code name} is not {@code null}.
	 */
	public static String toRatchetJson(Path oracleJson, String dataset, String version, String name) {
		byte[] bytes;
		try {
			bytes = Files.readAllBytes(oracleJson);
		}
		catch (IOException ex) {
			throw new ModelFileException(oracleJson, 0, "cannot read the file: " + ex, ex);
		}
		ExportJson json = ModelFileException
			.translating(() -> StrictBinding.read(ConfigFormat.JSON, bytes, ExportJson.class, oracleJson));
		Located located = new Located(oracleJson, bytes);
		String exported = located.required(json.name(), "/name");
		String taskText = located.required(json.task(), "/task");
		Task task;
		try {
			task = Task.parse(taskText);
		}
		catch (IllegalArgumentException ex) {
			throw located.error("/task", ex.getMessage());
		}
		String linkText = located.required(json.link(), "/link");
		Link link;
		if (linkText.startsWith("logistic")) {
			link = Link.LOGISTIC;
		}
		else if (linkText.startsWith("identity")) {
			link = Link.IDENTITY;
		}
		else {
			throw located.error("/link",
					"the link must start with \"logistic\" or \"identity\", not \"" + linkText + "\"");
		}
		if (json.numericTerm() != null && !NUMERIC_TERM.equals(json.numericTerm())) {
			throw located.error("/numeric_term",
					"unexpected formula \"" + json.numericTerm() + "\" (expected \"" + NUMERIC_TERM + "\")");
		}
		if (json.categoricalTerm() != null && !CATEGORICAL_TERM.equals(json.categoricalTerm())) {
			throw located.error("/categorical_term",
					"unexpected formula \"" + json.categoricalTerm() + "\" (expected \"" + CATEGORICAL_TERM + "\")");
		}
		double intercept = located.required(json.intercept(), "/intercept");
		List<ExportTerm> exportTerms = located.required(json.terms(), "/terms");
		List<LinearModel.Term> terms = new ArrayList<>();
		for (int i = 0; i < exportTerms.size(); i++) {
			terms.add(located.term(exportTerms.get(i), "/terms/" + i));
		}
		LinearModel model = located.build("", () -> new LinearModel(link, intercept, terms, json.training()));
		try {
			String text = ModelFiles.toJson((name != null) ? name : exported, version, dataset, task, model);
			// read it back so that whatever we hand out is a valid model file
			ModelFiles.parse(text.getBytes(StandardCharsets.UTF_8), oracleJson);
			return text;
		}
		catch (IllegalArgumentException ex) {
			throw new ModelFileException(oracleJson, 0, ex.getMessage(), ex);
		}
	}

	/** An export as written. */
	record ExportJson(String name, String task, Map<String, Object> training, Double intercept, List<ExportTerm> terms,
			String link, @JsonProperty("numeric_term") String numericTerm,
			@JsonProperty("categorical_term") String categoricalTerm) {
	}

	/** A term of an export as written. */
	record ExportTerm(String feature, String type, @JsonProperty("impute_missing_with") Double imputeMissingWith,
			Double center, Double scale, Double weight, Map<String, Double> weights,
			@JsonProperty("unknown_or_missing_weight") Double unknownOrMissingWeight) {
	}

	/** Locates problems in the export. */
	private record Located(Path file, byte[] bytes) {

		LinearModel.Term term(ExportTerm term, String at) {
			String feature = required(term.feature(), at + "/feature");
			String type = required(term.type(), at + "/type");
			if ("numeric".equals(type)) {
				double impute = required(term.imputeMissingWith(), at + "/impute_missing_with");
				double center = required(term.center(), at + "/center");
				double scale = required(term.scale(), at + "/scale");
				double weight = required(term.weight(), at + "/weight");
				if (term.weights() != null || term.unknownOrMissingWeight() != null) {
					throw error(at, "a numeric term has no \"weights\" or \"unknown_or_missing_weight\"");
				}
				return build(at, () -> new LinearModel.NumericTerm(feature, impute, center, scale, weight));
			}
			if ("categorical".equals(type)) {
				Map<String, Double> weights = required(term.weights(), at + "/weights");
				double unknown = required(term.unknownOrMissingWeight(), at + "/unknown_or_missing_weight");
				if (term.imputeMissingWith() != null || term.center() != null || term.scale() != null
						|| term.weight() != null) {
					throw error(at, "a categorical term has no \"impute_missing_with\", \"center\", \"scale\" or"
							+ " \"weight\"");
				}
				return build(at, () -> new LinearModel.CategoricalTerm(feature, weights, unknown));
			}
			throw error(at + "/type", "unknown term type \"" + type + "\" (expected numeric or categorical)");
		}

		<T> T required(T value, String at) {
			if (value == null) {
				throw error(at, "missing required field (or null)");
			}
			return value;
		}

		<T> T build(String at, Supplier<T> constructor) {
			try {
				return constructor.get();
			}
			catch (InvalidModelException ex) {
				throw error(at + ex.at(), ex.detail());
			}
		}

		ModelFileException error(String at, String detail) {
			return new ModelFileException(this.file, StrictBinding.line(ConfigFormat.JSON, this.bytes, at),
					Pointers.readable(at) + ": " + detail);
		}

	}

}
