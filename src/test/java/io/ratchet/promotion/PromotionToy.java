package io.ratchet.promotion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Locale;
import java.util.Random;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.DatasetConfigs;
import io.ratchet.model.ModelCases;
import io.ratchet.model.ModelFiles;

/**
 * A made-up workspace for promotion tests: dataset {@code toy} whose label follows {@code x} and {@code colour}; a
 * champion that reads {@code x} only, a better candidate that reads both, a worse candidate that reads the colour
 * only; a second dataset {@code other} with its own model; regression cases beside every model.
 */
final class PromotionToy {

	static final String REQUIREMENTS = """
			# toy requirements (comments stay)
			toy:
			  min-rows: 20
			  monthly:
			    roc_auc: {min: 0.7}      # monthly AUC floor
			    log_loss: {max: 0.7}
			  period:
			    roc_auc: {min: 0.7}
			other:
			  monthly:
			    roc_auc: {min: 0.5}
			""";

	static final String REGISTRY = """
			# who is champion
			toy:
			  champion: toy-logit@1
			  candidates: [toy-better@1, toy-colour@1]
			other:
			  champion: other-logit@1
			""";

	private final Path root;

	PromotionToy(Path root) {
		this.root = root;
	}

	Path config() {
		return this.root.resolve("config");
	}

	Path data() {
		return this.root.resolve("historical-data");
	}

	Path reports() {
		return this.root.resolve("reports");
	}

	/** Config, models (with their cases), registry, requirements, and six months of rows (about 10 a day). */
	void create(long seed) {
		String dataset = """
				name: %s
				date: {column: day, format: yyyy-MM-dd}
				label: {column: outcome, task: binary, positive: "1", negative: "0"}
				missing: ["", "NA"]
				id: [id]
				features:
				  - {name: x, type: numeric}
				  - {name: colour, type: categorical}
				""";
		write(config().resolve("datasets/toy.yml"), dataset.formatted("toy"));
		write(config().resolve("datasets/other.yml"), dataset.formatted("other"));
		model("toy", "toy-logit", 1.5, 0.0);
		model("toy", "toy-better", 1.5, 1.2);
		model("toy", "toy-colour", 0.0, 1.2);
		model("other", "other-logit", 1.5, 1.2);
		write(config().resolve("registry.yml"), REGISTRY);
		write(config().resolve("requirements.yml"), REQUIREMENTS);
		Random random = new Random(seed);
		for (YearMonth month = YearMonth.of(2024, 1); !month.isAfter(YearMonth.of(2024, 6)); month = month
			.plusMonths(1)) {
			StringBuilder csv = new StringBuilder("id,day,x,colour,outcome\n");
			for (int day = 1; day <= month.lengthOfMonth(); day++) {
				for (int i = 0; i < 10; i++) {
					double x = random.nextGaussian();
					boolean red = random.nextBoolean();
					double logit = 1.5 * x + (red ? 1.2 : -1.2);
					boolean positive = random.nextDouble() < 1 / (1 + Math.exp(-logit));
					csv.append(String.format(Locale.ROOT, "%s-%d-%d,%s,%.4f,%s,%d%n", month, day, i, month.atDay(day),
							x, red ? "red" : "blue", positive ? 1 : 0));
				}
			}
			write(data().resolve("toy").resolve(month + ".csv"), csv.toString());
		}
	}

	private void model(String dataset, String name, double weight, double colour) {
		Path file = config().resolve("models/" + name + "-v1.json");
		write(file, String.format(Locale.ROOT, """
				{"format": "ratchet-model/1", "name": "%s", "version": "1", "dataset": "%s", "task": "binary",
				 "kind": "linear", "link": "logistic", "intercept": 0.0,
				 "terms": [
				   {"feature": "x", "type": "numeric", "impute": 0.0, "center": 0.0, "scale": 1.0, "weight": %s},
				   {"feature": "colour", "type": "categorical", "weights": {"red": %s, "blue": %s}, "unknown": 0.0}
				 ]}
				""", name, dataset, weight, colour, -colour));
		DatasetConfig config = DatasetConfigs.load(DatasetConfigs.fileOf(config(), dataset));
		ModelCases.write(ModelFiles.load(file), config, true);
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

	String read(String name) {
		try {
			return Files.readString(config().resolve(name));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
