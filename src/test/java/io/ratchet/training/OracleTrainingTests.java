package io.ratchet.training;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.DatasetConfigs;
import io.ratchet.data.MonthFileReader;
import io.ratchet.data.Row;
import io.ratchet.model.LinearModel;
import io.ratchet.model.ModelFiles;
import io.ratchet.model.SklearnExport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The trainers against scikit-learn: trained on the oracle's window with the oracle's
 * hyperparameters, every coefficient, the intercept and every impute, center and scale
 * match the exported model ({@code ../shared/oracle/<case>/model-*.json}) within 1e-4.
 * Skipped where {@code ../shared} is absent.
 */
class OracleTrainingTests {

	static final Path SHARED = Path.of("..", "shared").toAbsolutePath().normalize();

	static final double TOLERANCE = 1e-4;

	/**
	 * The numbers of the last comparison that differ by more than the tolerance, for the
	 * failure message.
	 */
	static final ThreadLocal<StringBuilder> OFF = ThreadLocal.withInitial(StringBuilder::new);

	@TempDir
	static Path root;

	@BeforeAll
	static void shared() {
		assumeTrue(Files.isDirectory(SHARED.resolve("oracle")) && Files.isDirectory(SHARED.resolve("data")),
				SHARED + " is absent (a user's clone): the comparison with scikit-learn is skipped");
	}

	@ParameterizedTest
	@CsvSource({ "weather-aus, data/weather-aus/weatherAUS.csv, rain-full",
			"weather-aus, data/weather-aus/weatherAUS.csv, rain-small",
			"bike-sharing, data/bike-sharing/hour.csv, bike-ridge",
			"bike-sharing, data/bike-sharing/hour.csv, bike-weather" })
	void trainsTheScikitLearnModel(String name, String data, String model) throws IOException {
		// given
		DatasetConfig dataset = config(name);
		LinearModel expected = (LinearModel) ModelFiles.load(convert(name, model)).definition();
		Map<String, Object> training = expected.training();
		@SuppressWarnings("unchecked")
		List<String> window = (List<String>) training.get("window");
		YearMonth first = YearMonth.parse(window.get(0));
		YearMonth last = YearMonth.parse(window.get(1));
		Algorithm algorithm = "logistic_regression".equals(training.get("algorithm")) ? Algorithm.LOGISTIC
				: Algorithm.RIDGE;
		double penalty = ((Number) training.get(algorithm.penaltyName())).doubleValue();
		TrainingSpec spec = new TrainingSpec(algorithm, penalty, "oracle", expected.features(),
				(int) first.until(last, java.time.temporal.ChronoUnit.MONTHS) + 1);
		List<Row> rows = rows(dataset, SHARED.resolve(data), first, last);

		// when
		long start = System.nanoTime();
		LinearModel trained = Trainer.fit(dataset, spec, rows);
		long millis = (System.nanoTime() - start) / 1_000_000;

		// then
		double worst = compare(expected, trained);
		System.out.printf("oracle %s/%s: max difference %.3g, %s iterations, %d ms%n", name, model, worst,
				trained.training().get("iterations"), millis);
		assertThat(worst).as("numbers off by more than %s:%s", TOLERANCE, OFF.get()).isLessThanOrEqualTo(TOLERANCE);
		assertThat(trained.training()).containsEntry("rows", training.get("rows"))
			.containsEntry("window", window)
			.containsEntry("objective", training.get("objective"))
			.containsEntry("algorithm", training.get("algorithm"))
			.containsEntry(algorithm.penaltyName(), penalty);
	}

	@ParameterizedTest
	@CsvSource({ "rain-full", "rain-small" })
	void newtonsExactMinimumIsCloseToScikitLearnsAndNoWorse(String model) throws IOException {
		// given
		DatasetConfig dataset = config("weather-aus");
		LinearModel expected = (LinearModel) ModelFiles.load(convert("weather-aus", model)).definition();
		double c = ((Number) expected.training().get("C")).doubleValue();
		TrainingSpec spec = new TrainingSpec(Algorithm.LOGISTIC, c, "oracle", expected.features(), 24);
		List<Row> rows = rows(dataset, SHARED.resolve("data/weather-aus/weatherAUS.csv"), YearMonth.of(2009, 1),
				YearMonth.of(2010, 12));

		// when
		long start = System.nanoTime();
		LinearModel newton = new LogisticTrainer(LogisticTrainer.Solver.NEWTON).train(dataset, spec, rows);
		long millis = (System.nanoTime() - start) / 1_000_000;

		// then: scikit-learn's L-BFGS stops a little short of the minimum (its
		// relative-reduction test)
		double difference = compare(expected, newton);
		System.out.printf("oracle weather-aus/%s by Newton: max difference %.3g, %s iterations, %d ms%n", model,
				difference, newton.training().get("iterations"), millis);
		assertThat(difference).isLessThan(1e-3);
		Design design = Design.of(dataset, spec, rows);
		assertThat(LogisticTrainer.objective(design.x, design.y, beta(newton, design), c))
			.isLessThanOrEqualTo(LogisticTrainer.objective(design.x, design.y, beta(expected, design), c));
	}

	/** The intercept then the weights in design order. */
	private static double[] beta(LinearModel model, Design design) {
		double[] beta = new double[1 + design.width()];
		beta[0] = model.intercept();
		int at = 1;
		for (int i = 0; i < design.columns.size(); i++) {
			LinearModel.Term term = model.terms().get(i);
			if (term instanceof LinearModel.NumericTerm numeric) {
				beta[at++] = numeric.weight();
			}
			else {
				for (String level : ((Design.Categorical) design.columns.get(i)).levels().keySet()) {
					beta[at++] = ((LinearModel.CategoricalTerm) term).weights().get(level);
				}
			}
		}
		return beta;
	}

	/** The largest difference over every number; fails when the structure differs. */
	static double compare(LinearModel expected, LinearModel trained) {
		OFF.get().setLength(0);
		assertThat(trained.features()).isEqualTo(expected.features());
		double worst = Math.abs(expected.intercept() - trained.intercept());
		for (int i = 0; i < expected.terms().size(); i++) {
			LinearModel.Term want = expected.terms().get(i);
			LinearModel.Term got = trained.terms().get(i);
			if (want instanceof LinearModel.NumericTerm numeric) {
				LinearModel.NumericTerm actual = (LinearModel.NumericTerm) got;
				worst = max(worst, numeric.feature(), "impute", numeric.impute(), actual.impute());
				worst = max(worst, numeric.feature(), "center", numeric.center(), actual.center());
				worst = max(worst, numeric.feature(), "scale", numeric.scale(), actual.scale());
				worst = max(worst, numeric.feature(), "weight", numeric.weight(), actual.weight());
			}
			else {
				LinearModel.CategoricalTerm categorical = (LinearModel.CategoricalTerm) want;
				LinearModel.CategoricalTerm actual = (LinearModel.CategoricalTerm) got;
				assertThat(actual.weights().keySet()).as(categorical.feature() + " levels")
					.containsExactlyInAnyOrderElementsOf(categorical.weights().keySet());
				for (Map.Entry<String, Double> level : categorical.weights().entrySet()) {
					worst = max(worst, categorical.feature(), level.getKey(), level.getValue(),
							actual.weights().get(level.getKey()));
				}
				worst = max(worst, categorical.feature(), "unknown", categorical.unknown(), actual.unknown());
			}
		}
		return worst;
	}

	private static double max(double worst, String feature, String what, double expected, double actual) {
		double difference = Math.abs(expected - actual);
		if (difference > TOLERANCE) {
			OFF.get().append(String.format("%n  %s %s: expected %s, got %s", feature, what, expected, actual));
		}
		return Math.max(worst, difference);
	}

	static List<Row> rows(DatasetConfig dataset, Path source, YearMonth first, YearMonth last) {
		List<Row> rows = new ArrayList<>();
		new MonthFileReader(dataset).read(source, null, (row) -> {
			YearMonth month = YearMonth.from(row.date());
			if (row.labelled() && !month.isBefore(first) && !month.isAfter(last)) {
				rows.add(row);
			}
		}, (rejection) -> {
			throw new AssertionError("rejected: " + rejection);
		});
		return rows;
	}

	static DatasetConfig config(String name) throws IOException {
		Path datasets = Files.createDirectories(root.resolve("config/datasets"));
		try (InputStream in = OracleTrainingTests.class.getResourceAsStream("/oracle/" + name + ".yml")) {
			Files.write(datasets.resolve(name + ".yml"), in.readAllBytes());
		}
		return DatasetConfigs.load(root.resolve("config"), name);
	}

	static Path convert(String dataset, String model) throws IOException {
		Path models = Files.createDirectories(root.resolve("config/models"));
		Path file = models.resolve(model + "-v1.json");
		Files.writeString(file, SklearnExport
			.toRatchetJson(SHARED.resolve("oracle/" + dataset + "/model-" + model + ".json"), dataset, "1"));
		return file;
	}

}
