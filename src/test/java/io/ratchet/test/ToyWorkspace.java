package io.ratchet.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import io.ratchet.model.ModelCaseFiles;

/**
 * The one builder of made-up workspaces for tests: {@code config/} (datasets, logistic
 * models with their regression cases, registry, requirements, any other file),
 * {@code historical-data/<dataset>/} month files of random rows whose binary label
 * follows the numeric feature {@code x}, and {@code reports/}. Fluent: each step writes
 * at once and returns the builder, e.g.
 * {@code new ToyWorkspace(root).dataset("toy").logit("toy-logit", "toy", 2.0)
 * .registry("toy:\n  champion: toy-logit@1\n").months("toy", YearMonth.of(2024, 1), 4, 200)}.
 * <p>
 * Rows come from one random generator (seed 11 unless {@link #seed(long)} resets it), so
 * a workspace built twice the same way holds the same rows.
 */
public final class ToyWorkspace {

	/** The header of a month file of a {@link #dataset(String) dataset with colour}. */
	public static final String HEADER = "id,day,x,colour,outcome\n";

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

	private static final String X_ONLY_DATASET_YML = """
			name: %s
			date: {column: day, format: yyyy-MM-dd}
			label: {column: outcome, task: binary, positive: "1", negative: "0"}
			features:
			  - {name: x, type: numeric}
			""";

	private final Path root;

	private final Set<String> xOnly = new HashSet<>();

	private Random random = new Random(11);

	public ToyWorkspace(Path root) {
		this.root = root;
	}

	public Path config() {
		return this.root.resolve("config");
	}

	/** {@code historical-data/}, the data root of every dataset. */
	public Path data() {
		return this.root.resolve("historical-data");
	}

	/** {@code historical-data/<dataset>/}, where a dataset's month files are. */
	public Path data(String dataset) {
		return data().resolve(dataset);
	}

	public Path reports() {
		return this.root.resolve("reports");
	}

	/** {@code config/models/}. */
	public Path models() {
		return config().resolve("models");
	}

	/**
	 * A dataset with a numeric {@code x}, a categorical {@code colour}, an {@code id} and
	 * missing-value markers.
	 */
	public ToyWorkspace dataset(String name) {
		write(config().resolve("datasets/" + name + ".yml"), DATASET_YML.formatted(name));
		return this;
	}

	/**
	 * A dataset with the numeric {@code x} only (no id, no colour): month files
	 * {@code day,x,outcome}.
	 */
	public ToyWorkspace xOnlyDataset(String name) {
		this.xOnly.add(name);
		write(config().resolve("datasets/" + name + ".yml"), X_ONLY_DATASET_YML.formatted(name));
		return this;
	}

	/**
	 * A logistic model {@code <name>@1} on {@code x} alone, with its regression cases
	 * (its dataset comes first).
	 */
	public ToyWorkspace logit(String name, String dataset, double x) {
		write(models().resolve(name + "-v1.json"), logitJson(name, dataset, x));
		return this;
	}

	/**
	 * A logistic model {@code <name>@1} on {@code x} and {@code colour}, with its
	 * regression cases.
	 */
	public ToyWorkspace logit(String name, String dataset, double x, double red, double blue) {
		write(models().resolve(name + "-v1.json"), logitJson(name, dataset, x, red, blue));
		return this;
	}

	/** The model file of {@link #logit(String, String, double)}. */
	public static String logitJson(String name, String dataset, double x) {
		return logitJson(name, dataset, numeric(x) + "\n");
	}

	/** The model file of {@link #logit(String, String, double, double, double)}. */
	public static String logitJson(String name, String dataset, double x, double red, double blue) {
		return logitJson(name, dataset, numeric(x) + ",\n" + String.format(Locale.ROOT,
				"   {\"feature\": \"colour\", \"type\": \"categorical\", \"weights\": {\"red\": %s, \"blue\": %s}, "
						+ "\"unknown\": 0.0}\n",
				red, blue));
	}

	private static String logitJson(String name, String dataset, String terms) {
		return String.format(Locale.ROOT, """
				{"format": "ratchet-model/1", "name": "%s", "version": "1", "dataset": "%s", "task": "binary",
				 "kind": "linear", "link": "logistic", "intercept": 0.0,
				 "terms": [
				%s ]}
				""", name, dataset, terms);
	}

	private static String numeric(double weight) {
		return String.format(Locale.ROOT, "   {\"feature\": \"x\", \"type\": \"numeric\", \"impute\": 0.0, "
				+ "\"center\": 0.0, \"scale\": 1.0, \"weight\": %s}", weight);
	}

	/** Writes {@code config/registry.yml}. */
	public ToyWorkspace registry(String yaml) {
		write(config().resolve("registry.yml"), yaml);
		return this;
	}

	/** Writes {@code config/requirements.yml}. */
	public ToyWorkspace requirements(String yaml) {
		write(config().resolve("requirements.yml"), yaml);
		return this;
	}

	/** Writes any file under {@code config/} (a search space, a schedule...). */
	public ToyWorkspace configFile(String relative, String content) {
		write(config().resolve(relative), content);
		return this;
	}

	/**
	 * Appends to a file under {@code config/} (creating it): several datasets in one
	 * registry or requirements.
	 */
	public ToyWorkspace appendConfig(String relative, String content) {
		Path file = config().resolve(relative);
		try {
			Files.createDirectories(file.getParent());
			Files.writeString(file, content, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return this;
	}

	/** Restarts the random rows from {@code seed}. */
	public ToyWorkspace seed(long seed) {
		this.random = new Random(seed);
		return this;
	}

	/**
	 * {@code count} month files from {@code first} of {@code rows} rows each, spread over
	 * the days of the month (row {@code i} on day {@code 1 + i % days}, ids
	 * {@code <month>-<i>}); {@code P(outcome = 1) = 1 / (1 + e^(-2x))}.
	 */
	public ToyWorkspace months(String dataset, YearMonth first, int count, int rows) {
		boolean colour = !this.xOnly.contains(dataset);
		for (int m = 0; m < count; m++) {
			YearMonth month = first.plusMonths(m);
			StringBuilder csv = new StringBuilder(colour ? HEADER : "day,x,outcome\n");
			for (int i = 0; i < rows; i++) {
				double x = this.random.nextGaussian();
				boolean positive = this.random.nextDouble() < 1 / (1 + Math.exp(-2 * x));
				LocalDate day = month.atDay(1 + (i % month.lengthOfMonth()));
				if (colour) {
					csv.append(String.format(Locale.ROOT, "%s-%d,%s,%.4f,%s,%d%n", month, i, day, x,
							this.random.nextBoolean() ? "red" : "blue", positive ? 1 : 0));
				}
				else {
					csv.append(String.format(Locale.ROOT, "%s,%.4f,%d%n", day, x, positive ? 1 : 0));
				}
			}
			write(data(dataset).resolve(month + ".csv"), csv.toString());
		}
		return this;
	}

	/**
	 * Month files from {@code first} to {@code last} with {@code perDay} rows on every
	 * day (ids {@code r-<day>-<i>}), {@code x} shifted by {@code shift} after the label
	 * is drawn: so that the rows on the edges of a window are known exactly, and drift
	 * can be made.
	 */
	public ToyWorkspace daily(String dataset, YearMonth first, YearMonth last, int perDay, double shift) {
		for (YearMonth month = first; !month.isAfter(last); month = month.plusMonths(1)) {
			Map<LocalDate, Integer> days = new TreeMap<>();
			for (int day = 1; day <= month.lengthOfMonth(); day++) {
				days.put(month.atDay(day), perDay);
			}
			write(data(dataset).resolve(month + ".csv"), HEADER + rows(days, shift, "r"));
		}
		return this;
	}

	/**
	 * CSV rows of a dataset with colour (no header): so many rows per day, ids
	 * {@code <prefix>-<day>-<i>}.
	 */
	public String rows(Map<LocalDate, Integer> days, double shift, String prefix) {
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

	/**
	 * Month files from {@code first} to {@code last}, {@code perDay} rows a day (ids
	 * {@code <month>-<day>-<i>}), whose label follows both features:
	 * {@code logit = 1.5 x ± 1.2} (red +, blue −).
	 */
	public ToyWorkspace dailyWithColour(String dataset, YearMonth first, YearMonth last, int perDay) {
		for (YearMonth month = first; !month.isAfter(last); month = month.plusMonths(1)) {
			StringBuilder csv = new StringBuilder(HEADER);
			for (int day = 1; day <= month.lengthOfMonth(); day++) {
				for (int i = 0; i < perDay; i++) {
					double x = this.random.nextGaussian();
					boolean red = this.random.nextBoolean();
					double logit = 1.5 * x + (red ? 1.2 : -1.2);
					boolean positive = this.random.nextDouble() < 1 / (1 + Math.exp(-logit));
					csv.append(String.format(Locale.ROOT, "%s-%d-%d,%s,%.4f,%s,%d%n", month, day, i, month.atDay(day),
							x, red ? "red" : "blue", positive ? 1 : 0));
				}
			}
			write(data(dataset).resolve(month + ".csv"), csv.toString());
		}
		return this;
	}

	/**
	 * Writes a file; a model file under {@code config/models/} gets its regression cases,
	 * as jobs require.
	 */
	public void write(Path file, String content) {
		writeOnly(file, content);
		ModelCaseFiles.writeBeside(file);
	}

	/**
	 * Writes a file and nothing beside it: a model file without (new) regression cases.
	 */
	public void writeOnly(Path file, String content) {
		try {
			Files.createDirectories(file.getParent());
			Files.writeString(file, content);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The text of a file under {@code config/}. */
	public String read(String relative) {
		try {
			return Files.readString(config().resolve(relative));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
