package io.ratchet.training;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.Feature;
import io.ratchet.data.FeatureType;
import io.ratchet.data.Row;
import io.ratchet.data.Task;
import io.ratchet.model.LinearModel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TrainerTests {

	static final DatasetConfig BINARY = dataset("toy", Task.BINARY);

	static final DatasetConfig REGRESSION = dataset("rides", Task.REGRESSION);

	@Test
	void logisticRegressionRecordsHowItWasTrainedAndLearnsThePreprocessing() {
		// given
		List<Row> rows = rows(Task.BINARY, 2000, 1);
		TrainingSpec spec = new TrainingSpec(Algorithm.LOGISTIC, 1.0, "all", List.of("x", "colour"), 3);

		// when
		LinearModel model = Trainer.fit(BINARY, spec, rows);

		// then
		assertThat(model.training()).containsEntry("window", List.of("2024-01", "2024-03"))
			.containsEntry("rows", 2000)
			.containsEntry("algorithm", "logistic_regression")
			.containsEntry("penalty", "l2")
			.containsEntry("C", 1.0)
			.containsEntry("objective", Algorithm.LOGISTIC.objective())
			.containsEntry("features", List.of("x", "colour"))
			.containsEntry("feature_set", "all")
			.containsEntry("solver", "lbfgs");
		LinearModel.NumericTerm x = (LinearModel.NumericTerm) model.terms().get(0);
		double mean = rows.stream()
			.mapToDouble((row) -> row.numbers()[0])
			.filter((v) -> !Double.isNaN(v))
			.average()
			.orElseThrow();
		assertThat(x.impute()).isCloseTo(mean, within(1e-12));
		assertThat(x.center()).isCloseTo(mean, within(1e-12));
		// the toy world: logit = 2x (x has sd about 0.95 after imputation)
		assertThat(x.weight()).isGreaterThan(1.0);
		LinearModel.CategoricalTerm colour = (LinearModel.CategoricalTerm) model.terms().get(1);
		assertThat(colour.weights()).containsOnlyKeys("blue", "red");
		assertThat(colour.unknown()).isZero();
	}

	@Test
	void newtonFindsTheExactMinimumAndLbfgsStopsCloseToIt() {
		// given
		List<Row> rows = rows(Task.BINARY, 3000, 2);
		TrainingSpec spec = new TrainingSpec(Algorithm.LOGISTIC, 0.5, "all", List.of("x", "colour"), 3);

		// when
		LinearModel newton = new LogisticTrainer(LogisticTrainer.Solver.NEWTON).train(BINARY, spec, rows);
		LinearModel lbfgs = new LogisticTrainer().train(BINARY, spec, rows);

		// then: the gradient of the objective vanishes at Newton's answer
		Design design = Design.of(BINARY, spec, rows);
		double[] beta = { newton.intercept(), ((LinearModel.NumericTerm) newton.terms().get(0)).weight(),
				((LinearModel.CategoricalTerm) newton.terms().get(1)).weights().get("blue"),
				((LinearModel.CategoricalTerm) newton.terms().get(1)).weights().get("red") };
		double[] gradient = new double[4];
		for (int i = 0; i < design.rows(); i++) {
			double z = beta[0];
			for (int j = 1; j < 4; j++) {
				z += beta[j] * design.x[i][j - 1];
			}
			double residual = 0.5 * (LogisticTrainer.sigmoid(z) - design.y[i]);
			gradient[0] += residual;
			for (int j = 1; j < 4; j++) {
				gradient[j] += residual * design.x[i][j - 1];
			}
		}
		for (int j = 1; j < 4; j++) {
			gradient[j] += beta[j];
		}
		for (double component : gradient) {
			assertThat(component).isCloseTo(0, within(1e-6));
		}
		assertThat(lbfgs.intercept()).isCloseTo(newton.intercept(), within(1e-3));
		assertThat(newton.training()).containsEntry("solver", "newton-cholesky");
	}

	@Test
	void ridgeSolvesItsNormalEquations() {
		// given: y = 3 + 2x + noise, one categorical without effect
		List<Row> rows = rows(Task.REGRESSION, 5000, 3);
		TrainingSpec spec = new TrainingSpec(Algorithm.RIDGE, 1e-6, "all", List.of("x", "colour"), 3);

		// when
		LinearModel model = Trainer.fit(REGRESSION, spec, rows);

		// then
		LinearModel.NumericTerm x = (LinearModel.NumericTerm) model.terms().get(0);
		assertThat(x.weight() / x.scale()).isCloseTo(2.0, within(0.05));
		assertThat(model.training()).containsEntry("alpha", 1e-6).containsEntry("algorithm", "linear_regression");
	}

	@Test
	void aWindowWithOneClassIsRefusedNamingTheWindowAndCounts() {
		List<Row> rows = rows(Task.BINARY, 300, 4).stream()
			.map((row) -> new Row(row.line(), row.date(), 0, row.numbers(), row.levels()))
			.toList();
		TrainingSpec spec = new TrainingSpec(Algorithm.LOGISTIC, 1, "all", List.of("x"), 3);
		assertThatThrownBy(() -> Trainer.fit(BINARY, spec, rows)).isInstanceOf(TrainingException.class)
			.hasMessageContaining("2024-01..2024-03")
			.hasMessageContaining("0 positive and 300 negative");
	}

	@Test
	void noLabelledRowsAnUnknownFeatureNonFiniteInputAndTheWrongTaskAreRefused() {
		TrainingSpec spec = new TrainingSpec(Algorithm.LOGISTIC, 1, "all", List.of("x"), 3);
		List<Row> unlabelled = rows(Task.BINARY, 10, 5).stream()
			.map((row) -> new Row(row.line(), row.date(), Double.NaN, row.numbers(), row.levels()))
			.toList();
		assertThatThrownBy(() -> Trainer.fit(BINARY, spec, unlabelled)).isInstanceOf(TrainingException.class)
			.hasMessageContaining("no labelled rows");
		assertThatThrownBy(() -> Trainer.fit(BINARY, spec, List.of())).hasMessageContaining("no labelled rows");
		TrainingSpec height = new TrainingSpec(Algorithm.LOGISTIC, 1, "all", List.of("height"), 3);
		assertThatThrownBy(() -> Trainer.fit(BINARY, height, rows(Task.BINARY, 50, 6)))
			.isInstanceOf(TrainingException.class)
			.hasMessageContaining("feature \"height\" is not a feature of dataset \"toy\"");
		List<Row> infinite = new ArrayList<>(rows(Task.BINARY, 50, 7));
		infinite.add(new Row(99, LocalDate.of(2024, 2, 2), 1, new double[] { Double.POSITIVE_INFINITY, Double.NaN },
				new String[] { null, "red" }));
		assertThatThrownBy(() -> Trainer.fit(BINARY, spec, infinite)).isInstanceOf(TrainingException.class)
			.hasMessageContaining("non-finite value Infinity of feature \"x\"")
			.hasMessageContaining("line 99");
		assertThatThrownBy(() -> Trainer.fit(REGRESSION, spec, rows(Task.REGRESSION, 50, 8)))
			.isInstanceOf(TrainingException.class)
			.hasMessageContaining("logistic fits binary datasets, but dataset \"rides\" is regression");
	}

	@Test
	void aSpecNeedsAPositivePenaltyAndWindowAndDistinctFeatures() {
		assertThatThrownBy(() -> new TrainingSpec(Algorithm.RIDGE, 0, "all", List.of("x"), 3))
			.hasMessageContaining("alpha must be a finite number above 0");
		assertThatThrownBy(() -> new TrainingSpec(Algorithm.RIDGE, 1, "all", List.of("x"), 0))
			.hasMessageContaining("at least 1 month");
		assertThatThrownBy(() -> new TrainingSpec(Algorithm.RIDGE, 1, "all", List.of("x", "x"), 3))
			.hasMessageContaining("listed twice");
		assertThat(new TrainingSpec(Algorithm.LOGISTIC, 0.1, "all", List.of("x"), 12).label())
			.isEqualTo("logistic C=0.1 features=all window=12m");
	}

	static DatasetConfig dataset(String name, Task task) {
		return DatasetConfig.builder(name, null)
			.date("day")
			.label("outcome", task)
			.labels("1", "0")
			.features(List.of(new Feature("x", FeatureType.NUMERIC), new Feature("colour", FeatureType.CATEGORICAL)))
			.build();
	}

	/**
	 * Rows over January to March 2024: x normal (10% missing), colour red/blue (5%
	 * missing).
	 */
	static List<Row> rows(Task task, int count, long seed) {
		Random random = new Random(seed);
		List<Row> rows = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			double x = random.nextGaussian();
			double label = (task == Task.BINARY) ? ((random.nextDouble() < 1 / (1 + Math.exp(-2 * x))) ? 1 : 0)
					: 3 + 2 * x + 0.1 * random.nextGaussian();
			double shown = (random.nextDouble() < 0.1) ? Double.NaN : x;
			String colour = (random.nextDouble() < 0.05) ? null : (random.nextBoolean() ? "red" : "blue");
			rows.add(new Row(i + 2, LocalDate.of(2024, 1 + (i % 3), 1 + (i % 28)), label, new double[] { shown, 0 },
					new String[] { null, colour }));
		}
		return rows;
	}

}
