package io.ratchet.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.DatasetConfigs;
import io.ratchet.model.ModelCases;
import io.ratchet.model.ModelFiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the shared peer corpus ({@code ../shared/bench/gen_bench.py} and
 * {@code models.py}) into Ratchet's layout, so that the back-test runs on the very month
 * files and models the peers (pandas, Polars, DuckDB, {@code Limit.java}) read. Under
 * {@code <folder>} it expects {@code data/peers/YYYY-MM.csv} and
 * {@code models/model0.json..} ({@code intercept}, {@code coef} per {@code x1..x16},
 * {@code segment} weights per level) and writes {@code config/}: dataset {@code peers}
 * (id, event_date, x1..x16 numeric, segment categorical, label binary), model
 * {@code model<k>.json} as {@code peer-logit} version {@code k + 1} (kind linear, link
 * logistic, every coefficient copied exactly), the registry (the lowest version the
 * champion) and requirements, and each model's regression cases.
 *
 * <p>
 * {@code jobs/dev/tool io.ratchet.bench.PeerCorpus <folder>}
 * ({@code jobs/dev/bench-peers} calls it).
 */
public final class PeerCorpus {

	/** The dataset's name. */
	public static final String DATASET = "peers";

	/**
	 * The models' name in Ratchet; the peers' model {@code k} is version {@code k + 1}.
	 */
	public static final String MODEL = "peer-logit";

	/** Numeric features {@code x1..x16}. */
	static final int NUMERIC = 16;

	private PeerCorpus() {
	}

	public static void main(String[] args) throws IOException {
		if (args.length != 1) {
			System.err.println("usage: PeerCorpus <folder with data/peers/*.csv and models/model*.json>");
			System.exit(2);
		}
		int models = write(Path.of(args[0]));
		System.out.printf(Locale.ROOT, "wrote dataset %s and %d models under %s%n", DATASET, models,
				Path.of(args[0]).resolve("config"));
	}

	/**
	 * Writes {@code <folder>/config/} from {@code <folder>/models/model*.json}; returns
	 * how many models it converted.
	 * @throws IllegalArgumentException naming the file and the cause when a model file is
	 * not a peer model (a missing coefficient, segment weight or intercept)
	 */
	public static int write(Path folder) throws IOException {
		List<Path> sources;
		try (var list = Files.list(folder.resolve("models"))) {
			sources = list.filter((file) -> file.getFileName().toString().matches("model\\d+\\.json"))
				.sorted()
				.toList();
		}
		if (sources.isEmpty()) {
			throw new IllegalArgumentException(folder.resolve("models") + ": no model<k>.json (run models.py first)");
		}
		// every model converted before anything is written: a bad model file leaves no
		// config behind
		JsonMapper json = JsonMapper.builder().build();
		Map<Integer, String> converted = new TreeMap<>();
		for (Path source : sources) {
			String name = source.getFileName().toString();
			int version = Integer.parseInt(name.substring("model".length(), name.indexOf('.'))) + 1;
			converted.put(version, ratchetModel(source, json.readTree(source.toFile()), version));
		}
		Path config = folder.resolve("config");
		Path models = config.resolve("models");
		Files.createDirectories(models);
		Files.createDirectories(config.resolve("datasets"));
		Files.writeString(config.resolve("datasets").resolve(DATASET + ".yml"), datasetYaml());
		List<String> versions = converted.keySet().stream().map((version) -> MODEL + "@" + version).toList();
		Files.writeString(config.resolve("registry.yml"), DATASET + ":\n  champion: " + versions.get(0)
				+ "\n  candidates: [" + String.join(", ", versions.subList(1, versions.size())) + "]\n");
		Files.writeString(config.resolve("requirements.yml"), DATASET
				+ ":\n  min-rows: 200\n  monthly:\n    roc_auc: {min: 0.6}\n  period:\n    roc_auc: {min: 0.6}\n");
		DatasetConfig dataset = DatasetConfigs.load(config, DATASET);
		for (Map.Entry<Integer, String> model : converted.entrySet()) {
			Path target = models.resolve(MODEL + "-v" + model.getKey() + ".json");
			Files.writeString(target, model.getValue());
			// jobs refuse a model without its cases
			ModelCases.write(ModelFiles.load(target), dataset, true);
		}
		return sources.size();
	}

	static String datasetYaml() {
		StringBuilder yaml = new StringBuilder();
		yaml.append("name: ").append(DATASET).append('\n');
		yaml.append("date: {column: event_date, format: yyyy-MM-dd}\n");
		yaml.append("label: {column: label, task: binary, positive: \"1\", negative: \"0\"}\n");
		yaml.append("missing: [\"\", \"NA\"]\n");
		yaml.append("id: [id]\n");
		yaml.append("features:\n");
		for (int j = 1; j <= NUMERIC; j++) {
			yaml.append("  - {name: x").append(j).append(", type: numeric}\n");
		}
		yaml.append("  - {name: segment, type: categorical}\n");
		return yaml.toString();
	}

	/**
	 * The peer model {@code source} in Ratchet's format: {@code intercept + Σ coef·x +
	 * segment weight}, each double written so that it reads back to the same bits.
	 */
	static String ratchetModel(Path source, JsonNode peer, int version) {
		StringBuilder out = new StringBuilder();
		out.append("{\n  \"format\" : \"ratchet-model/1\",\n  \"name\" : \"")
			.append(MODEL)
			.append("\",\n  \"version\" : \"")
			.append(version)
			.append("\",\n  \"dataset\" : \"")
			.append(DATASET)
			.append("\",\n  \"task\" : \"binary\",\n  \"kind\" : \"linear\",\n  \"link\" : \"logistic\",\n")
			.append("  \"intercept\" : ")
			.append(number(source, peer.get("intercept"), "intercept"))
			.append(",\n  \"terms\" : [ ");
		JsonNode coef = object(source, peer, "coef");
		for (int j = 1; j <= NUMERIC; j++) {
			out.append("{\n    \"feature\" : \"x")
				.append(j)
				.append("\",\n    \"type\" : \"numeric\",\n    \"impute\" : 0.0,\n    \"center\" : 0.0,\n")
				.append("    \"scale\" : 1.0,\n    \"weight\" : ")
				.append(number(source, coef.get("x" + j), "coef.x" + j))
				.append("\n  }, ");
		}
		out.append("{\n    \"feature\" : \"segment\",\n    \"type\" : \"categorical\",\n    \"weights\" : {");
		String separator = "\n";
		for (Map.Entry<String, JsonNode> level : object(source, peer, "segment").properties()) {
			out.append(separator)
				.append("      \"")
				.append(level.getKey())
				.append("\" : ")
				.append(number(source, level.getValue(), "segment." + level.getKey()));
			separator = ",\n";
		}
		out.append("\n    },\n    \"unknown\" : 0.0\n  } ]\n}\n");
		return out.toString();
	}

	private static JsonNode object(Path source, JsonNode parent, String field) {
		JsonNode node = parent.get(field);
		if (node == null || !node.isObject() || node.isEmpty()) {
			throw new IllegalArgumentException(source + ": no object '" + field + "'");
		}
		return node;
	}

	private static double number(Path source, JsonNode node, String what) {
		if (node == null || !node.isNumber()) {
			throw new IllegalArgumentException(source + ": '" + what + "' is missing or not a number");
		}
		return node.doubleValue();
	}

}
