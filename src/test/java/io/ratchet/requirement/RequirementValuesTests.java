package io.ratchet.requirement;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.ratchet.metrics.Metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The value types: bounds, breaches, verdicts, requirements built in code. */
class RequirementValuesTests {

	@Test
	void boundSidesAreInclusive() {
		// given
		Bound bound = new Bound(Metric.BRIER, 0.1, 0.2);
		// when / then
		assertThat(bound.breachedBy(0.1)).isFalse();
		assertThat(bound.breachedBy(0.2)).isFalse();
		assertThat(bound.breachedBy(0.0999)).isTrue();
		assertThat(bound.breachedSide(0.0999)).contains(BoundKind.MIN);
		assertThat(bound.breachedSide(0.2001)).contains(BoundKind.MAX);
		assertThat(Bound.atLeast(Metric.ROC_AUC, 0.7).breachedBy(1e9)).isFalse();
		assertThat(Bound.atMost(Metric.LOG_LOSS, 0.7).breachedBy(-1e9)).isFalse();
	}

	@Test
	void invalidBoundsAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Bound(Metric.ROC_AUC, null, null))
			.withMessage("bound on roc_auc has neither min nor max");
		assertThatIllegalArgumentException().isThrownBy(() -> new Bound(Metric.ROC_AUC, 0.9, 0.8))
			.withMessage("bound on roc_auc has min 0.9 above max 0.8");
		assertThatIllegalArgumentException().isThrownBy(() -> new Bound(Metric.ROC_AUC, Double.NaN, null))
			.withMessage("min of roc_auc must be a finite number, not NaN");
		assertThatIllegalArgumentException().isThrownBy(() -> new Bound(Metric.ROC_AUC, null, Double.POSITIVE_INFINITY))
			.withMessage("max of roc_auc must be a finite number, not Infinity");
	}

	@Test
	void describeShowsEnoughDigitsToTellValueFromBound() {
		assertThat(new Breach("m", "2017-05", Metric.ROC_AUC, 0.7499999, BoundKind.MIN, 0.75).describe())
			.isEqualTo("roc_auc 0.7499999 < 0.75");
		assertThat(new Breach("m", "2017-05", Metric.LOG_LOSS, 0.55000123, BoundKind.MAX, 0.55).describe())
			.isEqualTo("log_loss 0.550001 > 0.55");
		assertThat(new Breach("m", "ALL", Metric.BIAS, -12.345678, BoundKind.MIN, -10).describe())
			.isEqualTo("bias -12.35 < -10");
		assertThat(new Breach("m", "ALL", Metric.RMSE, 123456.7, BoundKind.MAX, 100000).describe())
			.isEqualTo("rmse 123500 > 100000");
	}

	@Test
	void worstVerdictWins() {
		assertThat(Verdict.worst(List.of())).isEqualTo(Verdict.PASS);
		assertThat(Verdict.worst(List.of(Verdict.PASS, Verdict.PASS))).isEqualTo(Verdict.PASS);
		assertThat(Verdict.worst(List.of(Verdict.PASS, Verdict.INSUFFICIENT_DATA)))
			.isEqualTo(Verdict.INSUFFICIENT_DATA);
		assertThat(Verdict.worst(List.of(Verdict.BREACH, Verdict.INSUFFICIENT_DATA, Verdict.PASS)))
			.isEqualTo(Verdict.BREACH);
		assertThat(Verdict.worst(Verdict.INSUFFICIENT_DATA, Verdict.BREACH)).isEqualTo(Verdict.BREACH);
		assertThat(Verdict.PASS.combine(Verdict.INSUFFICIENT_DATA)).isEqualTo(Verdict.INSUFFICIENT_DATA);
		assertThat(Verdict.BREACH.combine(Verdict.PASS)).isEqualTo(Verdict.BREACH);
	}

	@Test
	void overridesMergeMetricByMetricInTheDatasetsOrder() {
		// given
		DatasetRequirements requirements = new DatasetRequirements("churn", 0,
				List.of(Bound.atLeast(Metric.ROC_AUC, 0.75), Bound.atMost(Metric.LOG_LOSS, 0.55)),
				List.of(Bound.atLeast(Metric.ROC_AUC, 0.78)),
				Map.of("gbt",
						new ModelRequirements(
								List.of(Bound.atLeast(Metric.F1, 0.3), Bound.atMost(Metric.LOG_LOSS, 0.5)),
								List.of(new Bound(Metric.ROC_AUC, 0.8, 0.99)))));
		// when
		List<Bound> monthly = requirements.monthlyFor("gbt");
		List<Bound> period = requirements.periodFor("gbt");
		// then
		assertThat(monthly).containsExactly(Bound.atLeast(Metric.ROC_AUC, 0.75), Bound.atMost(Metric.LOG_LOSS, 0.5),
				Bound.atLeast(Metric.F1, 0.3));
		assertThat(period).containsExactly(new Bound(Metric.ROC_AUC, 0.8, 0.99));
		assertThat(requirements.monthlyFor("other")).isEqualTo(requirements.monthly());
	}

	@Test
	void requirementsInCodeAreChecked() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new DatasetRequirements("churn", -1, List.of(), List.of(), Map.of()))
			.withMessage("min-rows must not be negative, not -1");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new DatasetRequirements("churn", 0,
					List.of(Bound.atLeast(Metric.F1, 0.1), Bound.atMost(Metric.F1, 0.9)), List.of(), Map.of()))
			.withMessage("two monthly bounds on f1");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Requirements.of(Map.of("rain", DatasetRequirements.none("churn"))))
			.withMessage("requirements of dataset churn filed under rain");
		assertThat(Requirements.of(Map.of("churn", DatasetRequirements.none("churn"))).forDataset("churn")).isPresent();
	}

}
