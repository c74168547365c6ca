package io.ratchet.schedule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Locale;
import java.util.Random;

import io.ratchet.model.ModelCaseFiles;

/**
 * A small made-up workspace for the scheduler's tests: datasets such as {@code toy} (binary label, one numeric
 * feature), each with a logistic champion, registry and requirements entries and month files.
 */
final class ToyData {

	private ToyData() {
	}

	static void create(Path root, int months, int rows) {
		create(root, "toy", months, rows);
	}

	/**
	 * Adds dataset {@code name} to the workspace under {@code root}: its configuration, a champion {@code name-logit@1}
	 * (appended to the registry and requirements), and {@code months} month files of {@code rows} rows from 2024-01.
	 */
	static void create(Path root, String name, int months, int rows) {
		Path config = root.resolve("config");
		write(config.resolve("datasets/" + name + ".yml"), """
				name: %s
				date: {column: day, format: yyyy-MM-dd}
				label: {column: outcome, task: binary, positive: "1", negative: "0"}
				features:
				  - {name: x, type: numeric}
				""".formatted(name));
		write(config.resolve("models/" + name + "-logit-v1.json"), """
				{"format": "ratchet-model/1", "name": "%s-logit", "version": "1", "dataset": "%s", "task": "binary",
				 "kind": "linear", "link": "logistic", "intercept": 0.0,
				 "terms": [{"feature": "x", "type": "numeric", "impute": 0.0, "center": 0.0, "scale": 1.0, "weight": 2.0}]}
				""".formatted(name, name));
		append(config.resolve("registry.yml"), name + ":\n  champion: " + name + "-logit@1\n");
		append(config.resolve("requirements.yml"), name + ":\n  min-rows: 20\n  monthly:\n    roc_auc: {min: 0.6}\n");
		Random random = new Random(7);
		YearMonth first = YearMonth.of(2024, 1);
		for (int m = 0; m < months; m++) {
			YearMonth month = first.plusMonths(m);
			StringBuilder csv = new StringBuilder("day,x,outcome\n");
			for (int i = 0; i < rows; i++) {
				double x = random.nextGaussian();
				boolean positive = random.nextDouble() < 1 / (1 + Math.exp(-2 * x));
				LocalDate day = month.atDay(1 + (i % month.lengthOfMonth()));
				csv.append(String.format(Locale.ROOT, "%s,%.4f,%d%n", day, x, positive ? 1 : 0));
			}
			write(root.resolve("historical-data").resolve(name).resolve(month + ".csv"), csv.toString());
		}
	}

	private static void append(Path file, String content) {
		try {
			Files.createDirectories(file.getParent());
			Files.writeString(file, content, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void write(Path file, String content) {
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
