package io.ratchet.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.DatasetConfigs;
import io.ratchet.model.ModelCases;
import io.ratchet.model.ModelFiles;

/**
 * Writes a synthetic, seeded benchmark corpus in Ratchet's layout: {@code config/}
 * (dataset {@code bench}, three logistic models, one tree ensemble of 100 trees of depth
 * 6, registry, requirements) and {@code data/bench/YYYY-MM.csv} (24 months). Rows have 16
 * numeric features (about 1% missing), one categorical feature with 8 levels and a binary
 * label drawn from a known logistic model whose coefficients drift month by month. The
 * same seed and row count always give the same bytes.
 *
 * <p>
 * {@code java -cp target/ratchet.jar -Dloader.main=io.ratchet.bench.CorpusGenerator
 * org.springframework.boot.loader.launch.PropertiesLauncher <folder> <rows> [seed]}
 */
public final class CorpusGenerator {

	/** The dataset's name. */
	public static final String DATASET = "bench";

	/** Months in the corpus, ending with {@link #LAST_MONTH}. */
	public static final int MONTHS = 24;

	/** The last month of the corpus. */
	public static final YearMonth LAST_MONTH = YearMonth.of(2025, 12);

	/** Numeric features {@code x01..x16}. */
	public static final int NUMERIC = 16;

	/** Levels of the categorical feature {@code segment}. */
	static final String[] LEVELS = { "a", "b", "c", "d", "e", "f", "g", "h" };

	private static final double MISSING_SHARE = 0.01;

	private final SplittableRandom random;

	/** The true model at month 0: intercept, 16 weights, 8 level effects. */
	private final double intercept = -1.0;

	private final double[] weights = new double[NUMERIC];

	private final double[] levelEffects = new double[LEVELS.length];

	/** Per month, added to each weight (drift). */
	private final double[] drift = new double[NUMERIC];

	public CorpusGenerator(long seed) {
		this.random = new SplittableRandom(seed);
		for (int j = 0; j < NUMERIC; j++) {
			this.weights[j] = (j < 8) ? this.random.nextDouble(-1.0, 1.0) : this.random.nextDouble(-0.2, 0.2);
			this.drift[j] = this.random.nextDouble(-0.03, 0.03);
		}
		for (int k = 0; k < LEVELS.length; k++) {
			this.levelEffects[k] = this.random.nextDouble(-0.5, 0.5);
		}
	}

	public static void main(String[] args) throws IOException {
		if (args.length < 2) {
			System.err.println("usage: CorpusGenerator <folder> <rows> [seed]");
			System.exit(2);
		}
		Path folder = Path.of(args[0]);
		long rows = Long.parseLong(args[1]);
		long seed = (args.length > 2) ? Long.parseLong(args[2]) : 7L;
		long started = System.nanoTime();
		new CorpusGenerator(seed).write(folder, rows);
		System.out.printf(Locale.ROOT, "generated %,d rows in %s in %.1f s%n", rows, folder,
				(System.nanoTime() - started) / 1e9);
	}

	/**
	 * Writes the configuration and the month files ({@code rows} in all) under
	 * {@code folder}.
	 */
	public void write(Path folder, long rows) throws IOException {
		Path config = folder.resolve("config");
		Path models = config.resolve("models");
		Path data = folder.resolve("data").resolve(DATASET);
		Files.createDirectories(models);
		Files.createDirectories(config.resolve("datasets"));
		Files.createDirectories(data);
		Files.writeString(config.resolve("datasets").resolve(DATASET + ".yml"), datasetYaml());
		Files.writeString(config.resolve("registry.yml"), DATASET + ":\n  champion: bench-logit@1\n"
				+ "  candidates: [bench-logit@2, bench-logit@3, bench-gbt@1]\n");
		Files.writeString(config.resolve("requirements.yml"), DATASET
				+ ":\n  min-rows: 200\n  monthly:\n    roc_auc: {min: 0.6}\n  period:\n    roc_auc: {min: 0.6}\n");
		for (int m = 1; m <= 3; m++) {
			Files.writeString(models.resolve("bench-logit-v" + m + ".json"), logisticJson(m, this.random.split()));
		}
		Files.writeString(models.resolve("bench-gbt-v1.json"), treeJson(this.random.split(), 100, 6));
		DatasetConfig dataset = DatasetConfigs.load(config, DATASET);
		try (Stream<Path> files = Files.list(models)) {
			for (Path file : files.filter((file) -> file.toString().endsWith(".json")).sorted().toList()) {
				// jobs refuse a model without its cases
				ModelCases.write(ModelFiles.load(file), dataset, true);
			}
		}
		long[] seeds = new long[MONTHS];
		for (int i = 0; i < MONTHS; i++) {
			seeds[i] = this.random.nextLong();
		}
		IntStream.range(0, MONTHS).parallel().forEach((i) -> {
			long count = rows / MONTHS + ((i < rows % MONTHS) ? 1 : 0);
			YearMonth month = LAST_MONTH.minusMonths(MONTHS - 1 - i);
			try {
				writeMonth(data.resolve(month + ".csv"), month, i, count, new SplittableRandom(seeds[i]));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

	static String datasetYaml() {
		StringBuilder yaml = new StringBuilder();
		yaml.append("name: ").append(DATASET).append('\n');
		yaml.append("date: {column: event_date, format: yyyy-MM-dd}\n");
		yaml.append("label: {column: label, task: binary, positive: \"1\", negative: \"0\"}\n");
		yaml.append("missing: [\"\", \"NA\"]\n");
		yaml.append("features:\n");
		for (int j = 1; j <= NUMERIC; j++) {
			yaml.append("  - {name: ").append(feature(j)).append(", type: numeric}\n");
		}
		yaml.append("  - {name: segment, type: categorical}\n");
		return yaml.toString();
	}

	static String feature(int oneBased) {
		return String.format(Locale.ROOT, "x%02d", oneBased);
	}

	private void writeMonth(Path file, YearMonth month, int index, long count, SplittableRandom random)
			throws IOException {
		double[] w = new double[NUMERIC];
		for (int j = 0; j < NUMERIC; j++) {
			w[j] = this.weights[j] + index * this.drift[j];
		}
		String[] dates = new String[month.lengthOfMonth()];
		for (int d = 0; d < dates.length; d++) {
			dates[d] = month.atDay(d + 1).toString();
		}
		StringBuilder line = new StringBuilder(256);
		try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			line.append("event_date");
			for (int j = 1; j <= NUMERIC; j++) {
				line.append(',').append(feature(j));
			}
			out.append(line).append(",segment,label\n");
			for (long r = 0; r < count; r++) {
				line.setLength(0);
				line.append(dates[(int) (r * dates.length / count)]);
				double logit = this.intercept;
				for (int j = 0; j < NUMERIC; j++) {
					double x = random.nextGaussian();
					line.append(',');
					if (random.nextDouble() < MISSING_SHARE) {
						continue;
					}
					appendFixed(line, x);
					logit += w[j] * x;
				}
				int level = random.nextInt(LEVELS.length);
				logit += this.levelEffects[level];
				line.append(',').append(LEVELS[level]);
				boolean positive = random.nextDouble() < 1 / (1 + Math.exp(-logit));
				line.append(',').append(positive ? '1' : '0').append('\n');
				out.append(line);
			}
		}
	}

	/**
	 * Appends {@code x} with four decimals, without the cost of {@code String.format}.
	 */
	static void appendFixed(StringBuilder out, double x) {
		long scaled = Math.round(x * 10_000);
		if (scaled < 0) {
			out.append('-');
			scaled = -scaled;
		}
		out.append(scaled / 10_000).append('.');
		long fraction = scaled % 10_000;
		if (fraction < 1000) {
			out.append('0');
		}
		if (fraction < 100) {
			out.append('0');
		}
		if (fraction < 10) {
			out.append('0');
		}
		out.append(fraction);
	}

	/** A logistic model near the true one (version 1 closest), with per-level weights. */
	private String logisticJson(int version, SplittableRandom random) {
		double noise = 0.1 * version;
		StringBuilder json = new StringBuilder();
		json.append("{\n  \"format\" : \"ratchet-model/1\",\n  \"name\" : \"bench-logit\",\n  \"version\" : \"")
			.append(version)
			.append("\",\n  \"dataset\" : \"")
			.append(DATASET)
			.append("\",\n  \"task\" : \"binary\",\n  \"kind\" : \"linear\",\n  \"link\" : \"logistic\",\n")
			.append("  \"intercept\" : ")
			.append(this.intercept + random.nextDouble(-noise, noise))
			.append(",\n  \"terms\" : [ ");
		for (int j = 0; j < NUMERIC; j++) {
			json.append("{\n    \"feature\" : \"")
				.append(feature(j + 1))
				.append("\",\n    \"type\" : \"numeric\",\n    \"impute\" : 0.0,\n    \"center\" : 0.0,\n")
				.append("    \"scale\" : 1.0,\n    \"weight\" : ")
				.append(this.weights[j] + random.nextDouble(-noise, noise))
				.append("\n  }, ");
		}
		json.append("{\n    \"feature\" : \"segment\",\n    \"type\" : \"categorical\",\n    \"weights\" : {");
		for (int k = 0; k < LEVELS.length; k++) {
			json.append((k == 0) ? "\n" : ",\n")
				.append("      \"")
				.append(LEVELS[k])
				.append("\" : ")
				.append(this.levelEffects[k] + random.nextDouble(-noise, noise));
		}
		json.append("\n    },\n    \"unknown\" : 0.0\n  } ]\n}\n");
		return json.toString();
	}

	/**
	 * A tree ensemble of complete binary trees: every node splits a random numeric
	 * feature at a random threshold; each leaf holds a small step towards the true
	 * model's sign along its path, so the ensemble ranks rows usefully.
	 */
	private String treeJson(SplittableRandom random, int trees, int depth) {
		StringBuilder json = new StringBuilder();
		json.append("{\n  \"format\" : \"ratchet-model/1\",\n  \"name\" : \"bench-gbt\",\n  \"version\" : \"1\",\n")
			.append("  \"dataset\" : \"")
			.append(DATASET)
			.append("\",\n  \"task\" : \"binary\",\n  \"kind\" : \"tree-ensemble\",\n  \"link\" : \"logistic\",\n")
			.append("  \"base\" : ")
			.append(this.intercept)
			.append(",\n  \"trees\" : [ ");
		int internal = (1 << depth) - 1;
		int nodes = (1 << (depth + 1)) - 1;
		for (int t = 0; t < trees; t++) {
			json.append((t == 0) ? "{\n" : ", {\n").append("    \"nodes\" : [ ");
			int[] features = new int[internal];
			double[] thresholds = new double[internal];
			for (int n = 0; n < internal; n++) {
				features[n] = random.nextInt(8);
				thresholds[n] = random.nextGaussian() * 0.7;
				json.append((n == 0) ? "" : ", ")
					.append("{\"id\" : ")
					.append(n)
					.append(", \"feature\" : \"")
					.append(feature(features[n] + 1))
					.append("\", \"threshold\" : ")
					.append(thresholds[n])
					.append(", \"yes\" : ")
					.append(2 * n + 1)
					.append(", \"no\" : ")
					.append(2 * n + 2)
					.append(", \"missing\" : \"")
					.append(random.nextBoolean() ? "yes" : "no")
					.append("\"}");
			}
			for (int n = internal; n < nodes; n++) {
				double step = 0;
				int child = n;
				while (child > 0) {
					int parent = (child - 1) / 2;
					boolean below = child == 2 * parent + 1;
					double weight = this.weights[features[parent]];
					step += below ? -weight : weight;
					child = parent;
				}
				json.append(", {\"id\" : ").append(n).append(", \"leaf\" : ").append(0.02 * step).append('}');
			}
			json.append(" ]\n  }");
		}
		json.append(" ]\n}\n");
		return json.toString();
	}

}
