package io.ratchet.demo;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads the generated files the way Ratchet will, independently of the generator's own classes: month files with
 * Commons CSV, model files and YAML with Jackson, and scores rows from the model files as their format defines.
 */
final class DemoFiles {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final YAMLMapper YAML = YAMLMapper.builder().build();

	private DemoFiles() {
	}

	static List<CSVRecord> month(Path file) throws IOException {
		try (Reader reader = Files.newBufferedReader(file)) {
			return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
		}
	}

	static JsonNode json(Path file) throws IOException {
		return JSON.readTree(Files.readString(file));
	}

	static JsonNode yaml(Path file) throws IOException {
		return YAML.readTree(Files.readString(file));
	}

	static boolean missing(String cell) {
		return cell.isEmpty() || cell.equals("NA");
	}

	/** The probability a model file gives a record. */
	static double score(JsonNode model, CSVRecord record) {
		return switch (model.get("kind").asString()) {
			case "linear" -> sigmoid(model.get("intercept").asDouble() + linearTerms(model, record));
			case "tree-ensemble" -> sigmoid(model.get("base").asDouble() + leaves(model, record));
			default -> throw new IllegalArgumentException(model.get("kind").asString());
		};
	}

	/** The standardised value of a numeric term for a record (imputed when missing). */
	static double standardised(JsonNode term, CSVRecord record) {
		String cell = record.get(term.get("feature").asString());
		double x = missing(cell) ? term.get("impute").asDouble() : Double.parseDouble(cell);
		return (x - term.get("center").asDouble()) / term.get("scale").asDouble();
	}

	private static double linearTerms(JsonNode model, CSVRecord record) {
		double sum = 0;
		for (JsonNode term : model.get("terms").values()) {
			if (term.get("type").asString().equals("numeric")) {
				sum += term.get("weight").asDouble() * standardised(term, record);
			}
			else {
				String cell = record.get(term.get("feature").asString());
				JsonNode weight = missing(cell) ? null : term.get("weights").get(cell);
				sum += (weight != null) ? weight.asDouble() : term.get("unknown").asDouble();
			}
		}
		return sum;
	}

	private static double leaves(JsonNode model, CSVRecord record) {
		double sum = 0;
		for (JsonNode tree : model.get("trees").values()) {
			List<JsonNode> nodes = new ArrayList<>(tree.get("nodes").values());
			JsonNode node = nodes.get(0);
			while (!node.has("leaf")) {
				String cell = record.get(node.get("feature").asString());
				String side;
				if (missing(cell)) {
					side = node.get("missing").asString();
				}
				else if (node.has("threshold")) {
					side = (Double.parseDouble(cell) < node.get("threshold").asDouble()) ? "yes" : "no";
				}
				else {
					boolean in = node.get("levels").values().stream().anyMatch((level) -> level.asString().equals(cell));
					side = in ? "yes" : "no";
				}
				node = nodes.get(node.get(side).asInt());
			}
			sum += node.get("leaf").asDouble();
		}
		return sum;
	}

	static double sigmoid(double z) {
		return 1 / (1 + Math.exp(-z));
	}

	/** ROC AUC from ranks, ties sharing their mean rank; labels are 1 or 0. */
	static double auc(double[] scores, int[] labels) {
		int n = scores.length;
		Integer[] order = new Integer[n];
		Arrays.setAll(order, (i) -> i);
		Arrays.sort(order, Comparator.comparingDouble((i) -> scores[i]));
		double positiveRanks = 0;
		long positives = Arrays.stream(labels).filter((label) -> label == 1).count();
		for (int start = 0; start < n;) {
			int end = start;
			while (end < n && scores[order[end]] == scores[order[start]]) {
				end++;
			}
			double rank = (start + 1 + end) / 2.0;
			for (int k = start; k < end; k++) {
				positiveRanks += labels[order[k]] * rank;
			}
			start = end;
		}
		long negatives = n - positives;
		return (positiveRanks - positives * (positives + 1) / 2.0) / (positives * (double) negatives);
	}

	/** ROC AUC and log loss of a model over the labelled records. */
	static double[] aucAndLogLoss(JsonNode model, List<CSVRecord> records) {
		List<CSVRecord> labelled = records.stream().filter((record) -> !record.get("churned").isEmpty()).toList();
		double[] scores = new double[labelled.size()];
		int[] labels = new int[labelled.size()];
		double logLoss = 0;
		for (int i = 0; i < scores.length; i++) {
			scores[i] = score(model, labelled.get(i));
			labels[i] = labelled.get(i).get("churned").equals("yes") ? 1 : 0;
			logLoss -= Math.log((labels[i] == 1) ? scores[i] : 1 - scores[i]);
		}
		return new double[] { auc(scores, labels), logLoss / scores.length };
	}

}
