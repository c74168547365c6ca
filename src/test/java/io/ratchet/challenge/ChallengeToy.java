package io.ratchet.challenge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Locale;
import java.util.Random;

import io.ratchet.data.DatasetConfigs;
import io.ratchet.model.ModelCases;
import io.ratchet.model.ModelFiles;

/**
 * A small workspace for challenge tests: one dataset (label driven by the numeric feature {@code x}), six
 * months from 2024-01, a weak champion that ranks by an unrelated colour (so trained candidates beat it), its
 * regression cases, a registry without candidates, requirements and a search space of four candidates (two penalties,
 * windows of one and two months, two evaluation months).
 */
final class ChallengeToy {

	static final YearMonth FIRST = YearMonth.of(2024, 1);

	static final int MONTHS = 6;

	static final String SEARCH = """
			algorithm: logistic
			penalty: [0.1, 1]
			features:
			  all: all
			window-months: [1, 2]
			evaluation-months: 2
			""";

	private static final String DATASET_YML = """
			name: %s
			date: {column: day, format: yyyy-MM-dd}
			label: {column: outcome, task: binary, positive: "1", negative: "0"}
			missing: ["", "NA"]
			id: [id]
			features:
			  - {name: x, type: numeric}
			  - {name: colour, type: categorical}
			""";

	private static final String CHAMPION_JSON = """
			{"format": "ratchet-model/1", "name": "%s-logit", "version": "1", "dataset": "%s", "task": "binary",
			 "kind": "linear", "link": "logistic", "intercept": 0.0,
			 "terms": [
			   {"feature": "x", "type": "numeric", "impute": 0.0, "center": 0.0, "scale": 1.0, "weight": 0.05},
			   {"feature": "colour", "type": "categorical", "weights": {"red": 1.0, "blue": -1.0}, "unknown": 0.0}
			 ]}
			""";

	private final Path root;

	private String name = "toy";

	ChallengeToy(Path root) {
		this.root = root;
	}

	/** The dataset's name (also the champion's, {@code <name>-logit@1}). */
	String name() {
		return this.name;
	}

	Path config() {
		return this.root.resolve("config");
	}

	Path data() {
		return this.root.resolve("historical-data").resolve(this.name);
	}

	Path reports() {
		return this.root.resolve("reports");
	}

	Path models() {
		return config().resolve("models");
	}

	Path registry() {
		return config().resolve("registry.yml");
	}

	/**
	 * Writes the workspace of dataset {@code name}: each test takes its own name, so that model versions and runs
	 * recorded in the shared test database by another test never count for it.
	 */
	ChallengeToy create(String name) {
		this.name = name;
		Path datasetYml = config().resolve("datasets/" + name + ".yml");
		write(datasetYml, DATASET_YML.formatted(name));
		Path champion = models().resolve(name + "-logit-v1.json");
		write(champion, CHAMPION_JSON.formatted(name, name));
		ModelCases.write(ModelFiles.load(champion), DatasetConfigs.load(datasetYml), true);
		write(registry(), name + ":\n  champion: " + name + "-logit@1\n");
		write(config().resolve("requirements.yml"), name + ":\n  min-rows: 20\n  monthly:\n    roc_auc: {min: 0.6}\n");
		write(search(), SEARCH);
		Random random = new Random(11);
		for (int m = 0; m < MONTHS; m++) {
			YearMonth month = FIRST.plusMonths(m);
			StringBuilder csv = new StringBuilder("id,day,x,colour,outcome\n");
			for (int i = 0; i < 300; i++) {
				double x = random.nextGaussian();
				boolean positive = random.nextDouble() < 1 / (1 + Math.exp(-2 * x));
				LocalDate day = month.atDay(1 + (i % month.lengthOfMonth()));
				csv.append(String.format(Locale.ROOT, "%s-%d,%s,%.4f,%s,%d%n", month, i, day, x,
						random.nextBoolean() ? "red" : "blue", positive ? 1 : 0));
			}
			write(data().resolve(month + ".csv"), csv.toString());
		}
		return this;
	}

	Path search() {
		return config().resolve("search/" + this.name + ".yml");
	}

	/** Rewrites a month so that every row has label 0 (a window of that month alone has one class). */
	void oneClass(YearMonth month) throws IOException {
		Path file = data().resolve(month + ".csv");
		String text = Files.readString(file).replaceAll(",1\n", ",0\n");
		Files.writeString(file, text);
	}

	void write(Path file, String content) {
		try {
			Files.createDirectories(file.getParent());
			Files.writeString(file, content);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
