package io.ratchet.requirement;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;

import io.ratchet.data.Task;
import io.ratchet.metrics.Accumulators;
import io.ratchet.metrics.Interval;
import io.ratchet.metrics.IntervalMethod;
import io.ratchet.metrics.Intervals;
import io.ratchet.metrics.Metric;
import io.ratchet.metrics.MetricAccumulator;
import io.ratchet.metrics.MetricIntervals;
import io.ratchet.metrics.MetricValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code judge: interval}: read from the file, refused when unknown, and judged. */
class IntervalJudgeTests {

	@TempDir
	Path dir;

	@Test
	void readsJudgeIntervalAndKeepsThePointByDefault() throws IOException {
		// given
		Path file = write("""
				churn:
				  monthly:
				    roc_auc: {min: 0.7, judge: interval}
				    log_loss: {max: 0.55, judge: point}
				    brier: {max: 0.2}
				""");

		// when
		DatasetRequirements churn = Requirements.load(file).forDataset("churn").orElseThrow();

		// then
		assertThat(churn.monthly()).containsExactly(new Bound(Metric.ROC_AUC, 0.7, null, Judge.INTERVAL),
				new Bound(Metric.LOG_LOSS, null, 0.55, Judge.POINT), Bound.atMost(Metric.BRIER, 0.2));
	}

	@Test
	void refusesAnUnknownJudgeNamingTheFileAndLine() throws IOException {
		// given
		Path file = write("""
				churn:
				  monthly:
				    roc_auc:
				      min: 0.7
				      judge: intervals
				""");

		// when / then
		assertThatThrownBy(() -> Requirements.load(file)).hasMessageContaining(file.toString())
			.hasMessageContaining("line 5")
			.hasMessageContaining("unknown judge \"intervals\" (known: [point, interval])");
	}

	@Test
	void anIntervalJudgeBreachesOnlyWhenTheWholeIntervalIsPastTheBound() throws IOException {
		// given: roc_auc 0.68 below its minimum 0.7, judged on the interval
		DatasetRequirements requirements = Requirements.load(write("""
				churn:
				  monthly:
				    roc_auc: {min: 0.7, judge: interval}
				    accuracy: {min: 0.9}
				""")).forDataset("churn").orElseThrow();
		MetricValues values = new MetricValues(Map.of(Metric.N, 300.0, Metric.ROC_AUC, 0.68, Metric.ACCURACY, 0.8));
		MetricIntervals straddling = intervals(0.62, 0.74);
		MetricIntervals below = intervals(0.61, 0.69);

		// when
		CheckResult chance = RequirementCheck.check(requirements, "m", "2024-01", false, values, straddling);
		CheckResult breach = RequirementCheck.check(requirements, "m", "2024-01", false, values, below);
		CheckResult point = RequirementCheck.check(requirements, "m", "2024-01", false, values);

		// then: the point judge on accuracy breaches whatever its interval
		assertThat(chance.breaches()).extracting(Breach::metric).containsExactly(Metric.ACCURACY);
		assertThat(breach.breaches()).extracting(Breach::metric).containsExactly(Metric.ROC_AUC, Metric.ACCURACY);
		assertThat(breach.breaches().get(0).describe())
			.isEqualTo("roc_auc 0.68 < 0.7 (judged on its 95% interval [0.61, 0.69], wholly below)");
		assertThat(breach.breaches().get(1).describe()).isEqualTo("accuracy 0.8 < 0.9");
		// without an interval, the figure is judged
		assertThat(point.breaches()).extracting(Breach::metric).containsExactly(Metric.ROC_AUC, Metric.ACCURACY);
	}

	@Test
	void aMaximumJudgedOnTheIntervalNeedsItsLowerEndAbove() {
		Bound bound = new Bound(Metric.LOG_LOSS, null, 0.5, Judge.INTERVAL);
		Interval straddling = new Interval(0.45, 0.6, IntervalMethod.BOOTSTRAP);
		Interval above = new Interval(0.51, 0.6, IntervalMethod.BOOTSTRAP);

		assertThat(bound.breachedSide(0.55, java.util.Optional.of(straddling))).isEmpty();
		assertThat(bound.breachedSide(0.55, java.util.Optional.of(above))).contains(BoundKind.MAX);
		assertThat(bound.breachedSide(0.55, java.util.Optional.empty())).contains(BoundKind.MAX);
	}

	@Test
	void aRegressionFigureIsJudgedOnItsBootstrapInterval() throws IOException {
		// given: a month of 300 rows whose errors are N(0, 40²), RMSE about 40
		MetricAccumulator month = Accumulators.create(Task.REGRESSION, 0.5);
		SplittableRandom random = new SplittableRandom(8);
		for (int row = 0; row < 300; row++) {
			double prediction = 500 + 100 * random.nextGaussian();
			month.add(prediction, prediction + 40 * random.nextGaussian());
		}
		MetricValues values = month.result();
		Interval rmse = Intervals.of(month, values, 2, 0).get(Metric.RMSE).orElseThrow();
		double figure = values.get(Metric.RMSE).getAsDouble();
		String bounds = "bikes:\n  monthly:\n    rmse: {max: %s, judge: interval}\n";
		DatasetRequirements straddled = Requirements.load(write(bounds.formatted(figure - 0.5)))
			.forDataset("bikes")
			.orElseThrow();
		DatasetRequirements passed = Requirements.load(write(bounds.formatted(rmse.lo() - 0.5)))
			.forDataset("bikes")
			.orElseThrow();

		// when
		CheckResult chance = RequirementCheck.check(straddled, "m", "2024-01", false, values,
				Intervals.of(month, values, 2, 0));
		CheckResult breach = RequirementCheck.check(passed, "m", "2024-01", false, values,
				Intervals.of(month, values, 2, 0));

		// then: a maximum just under the figure is within the interval; one under its
		// lower
		// end is breached
		assertThat(rmse.method()).isEqualTo(IntervalMethod.BOOTSTRAP);
		assertThat(rmse.lo()).isLessThan(figure - 0.5);
		assertThat(chance.breaches()).isEmpty();
		assertThat(breach.breaches()).extracting(Breach::metric).containsExactly(Metric.RMSE);
		assertThat(breach.breaches().get(0).describe()).contains("judged on its 95% interval");
	}

	private static MetricIntervals intervals(double lo, double hi) {
		return new MetricIntervals(Map.of("roc_auc", new Interval(lo, hi, IntervalMethod.DELONG), "accuracy",
				new Interval(0.75, 0.85, IntervalMethod.WILSON)));
	}

	private Path write(String text) throws IOException {
		Path file = this.dir.resolve("requirements.yml");
		Files.writeString(file, text);
		return file;
	}

}
