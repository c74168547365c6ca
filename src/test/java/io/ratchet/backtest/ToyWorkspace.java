package io.ratchet.backtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Locale;
import java.util.Random;

import io.ratchet.model.ModelCaseFiles;

/**
 * A small, made-up workspace for job tests: dataset {@code toy} (binary label, one numeric and one categorical
 * feature), months of random rows whose label follows the numeric feature, a logistic champion, registry and
 * requirements.
 */
final class ToyWorkspace {

	static final String DATASET_YML = """
			name: toy
			date: {column: day, format: yyyy-MM-dd}
			label: {column: outcome, task: binary, positive: "1", negative: "0"}
			missing: ["", "NA"]
			id: [id]
			features:
			  - {name: x, type: numeric}
			  - {name: colour, type: categorical}
			""";

	static final String CHAMPION_JSON = """
			{"format": "ratchet-model/1", "name": "toy-logit", "version": "1", "dataset": "toy", "task": "binary",
			 "kind": "linear", "link": "logistic", "intercept": 0.0,
			 "terms": [
			   {"feature": "x", "type": "numeric", "impute": 0.0, "center": 0.0, "scale": 1.0, "weight": 2.0},
			   {"feature": "colour", "type": "categorical", "weights": {"red": 0.1, "blue": -0.1}, "unknown": 0.0}
			 ]}
			""";

	static final String CANDIDATE_JSON = """
			{"format": "ratchet-model/1", "name": "toy-flat", "version": "1", "dataset": "toy", "task": "binary",
			 "kind": "linear", "link": "logistic", "intercept": 0.0,
			 "terms": [
			   {"feature": "x", "type": "numeric", "impute": 0.0, "center": 0.0, "scale": 1.0, "weight": 0.01}
			 ]}
			""";

	private final Path root;

	ToyWorkspace(Path root) {
		this.root = root;
	}

	Path config() {
		return this.root.resolve("config");
	}

	Path data() {
		return this.root.resolve("historical-data").resolve("toy");
	}

	Path reports() {
		return this.root.resolve("reports");
	}

	/** Writes config, models, registry and requirements, and {@code months} month files of {@code rows} rows. */
	ToyWorkspace create(YearMonth first, int months, int rows, long seed) {
		write(config().resolve("datasets/toy.yml"), DATASET_YML);
		write(config().resolve("models/toy-logit-v1.json"), CHAMPION_JSON);
		write(config().resolve("models/toy-flat-v1.json"), CANDIDATE_JSON);
		write(config().resolve("registry.yml"), "toy:\n  champion: toy-logit@1\n  candidates: [toy-flat@1]\n");
		write(config().resolve("requirements.yml"),
				"toy:\n  min-rows: 20\n  monthly:\n    roc_auc: {min: 0.7}\n  period:\n    roc_auc: {min: 0.7}\n");
		Random random = new Random(seed);
		for (int m = 0; m < months; m++) {
			YearMonth month = first.plusMonths(m);
			StringBuilder csv = new StringBuilder("id,day,x,colour,outcome\n");
			for (int i = 0; i < rows; i++) {
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

	void write(Path file, String content) {
		try {
			Files.createDirectories(file.getParent());
			Files.writeString(file, content);
			ModelCaseFiles.writeBeside(file); // a model file gets its regression cases, as jobs require
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
