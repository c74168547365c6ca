package io.ratchet.nowtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import io.ratchet.model.ModelCaseFiles;

/**
 * A small made-up workspace for now-test job tests: dataset {@code toy} (binary label, numeric {@code x}, categorical
 * {@code colour}), a logistic champion and a weak candidate, and month files written day by day, so that the rows on
 * the edges of a window are known exactly.
 */
final class NowtestToy {

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

	static final String HEADER = "id,day,x,colour,outcome\n";

	private final Path root;

	private final Random random = new Random(11);

	NowtestToy(Path root) {
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

	/** Config, models, registry and requirements ({@code min-rows} as given, a loose AUC minimum). */
	void config(long minRows, String drift) {
		write(config().resolve("datasets/toy.yml"), DATASET_YML);
		write(config().resolve("models/toy-logit-v1.json"), """
				{"format": "ratchet-model/1", "name": "toy-logit", "version": "1", "dataset": "toy", "task": "binary",
				 "kind": "linear", "link": "logistic", "intercept": 0.0,
				 "terms": [
				   {"feature": "x", "type": "numeric", "impute": 0.0, "center": 0.0, "scale": 1.0, "weight": 2.0},
				   {"feature": "colour", "type": "categorical", "weights": {"red": 0.1, "blue": -0.1}, "unknown": 0.0}
				 ]}
				""");
		write(config().resolve("models/toy-flat-v1.json"), """
				{"format": "ratchet-model/1", "name": "toy-flat", "version": "1", "dataset": "toy", "task": "binary",
				 "kind": "linear", "link": "logistic", "intercept": 0.0,
				 "terms": [
				   {"feature": "x", "type": "numeric", "impute": 0.0, "center": 0.0, "scale": 1.0, "weight": 0.01}
				 ]}
				""");
		write(config().resolve("registry.yml"), "toy:\n  champion: toy-logit@1\n  candidates: [toy-flat@1]\n");
		write(config().resolve("requirements.yml"), "toy:\n  min-rows: " + minRows
				+ "\n  monthly:\n    roc_auc: {min: 0.6}\n" + ((drift != null) ? "  drift:\n" + drift : ""));
	}

	/** Month files from {@code first} to {@code last}: {@code perDay} rows on every day, {@code x} shifted by shift. */
	void months(YearMonth first, YearMonth last, int perDay, double shift) {
		for (YearMonth month = first; !month.isAfter(last); month = month.plusMonths(1)) {
			Map<LocalDate, Integer> days = new TreeMap<>();
			for (int day = 1; day <= month.lengthOfMonth(); day++) {
				days.put(month.atDay(day), perDay);
			}
			write(data().resolve(month + ".csv"), HEADER + rows(days, shift, "r"));
		}
	}

	/** CSV rows (no header): so many rows per day, ids {@code <prefix>-<day>-<i>}. */
	String rows(Map<LocalDate, Integer> days, double shift, String prefix) {
		StringBuilder csv = new StringBuilder();
		days.forEach((day, count) -> {
			for (int i = 0; i < count; i++) {
				double x = this.random.nextGaussian();
				boolean positive = this.random.nextDouble() < 1 / (1 + Math.exp(-2 * x));
				csv.append(String.format(Locale.ROOT, "%s-%s-%d,%s,%.4f,%s,%d%n", prefix, day, i, day, x + shift,
						this.random.nextBoolean() ? "red" : "blue", positive ? 1 : 0));
			}
		});
		return csv.toString();
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
