package io.ratchet.requirement;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.ratchet.metrics.Metric;
import io.ratchet.metrics.MetricValues;

import static org.assertj.core.api.Assertions.assertThat;

class RequirementCheckTests {

	/**
	 * min-rows 200; monthly: roc_auc >= 0.75, log_loss <= 0.55; period: roc_auc >= 0.78;
	 * churn-gbt: roc_auc >= 0.8.
	 */
	private static final DatasetRequirements CHURN = new DatasetRequirements("churn", 200,
			List.of(Bound.atLeast(Metric.ROC_AUC, 0.75), Bound.atMost(Metric.LOG_LOSS, 0.55)),
			List.of(Bound.atLeast(Metric.ROC_AUC, 0.78)),
			Map.of("churn-gbt", new ModelRequirements(List.of(Bound.atLeast(Metric.ROC_AUC, 0.80)), List.of())));

	@Test
	void valuesWithinEveryBoundPass() {
		// given
		MetricValues values = values(500, Metric.ROC_AUC, 0.76, Metric.LOG_LOSS, 0.50);
		// when
		CheckResult result = RequirementCheck.check(CHURN, "churn-logit", "2017-05", false, values);
		// then
		assertThat(result).isEqualTo(new CheckResult(Verdict.PASS, List.of(), List.of()));
	}

	@Test
	void valuesOnTheBoundsPass() {
		// given
		MetricValues values = values(200, Metric.ROC_AUC, 0.75, Metric.LOG_LOSS, 0.55);
		// when
		CheckResult result = RequirementCheck.check(CHURN, "churn-logit", "2017-05", false, values);
		// then
		assertThat(result.verdict()).isEqualTo(Verdict.PASS);
	}

	@Test
	void valuesAcrossBoundsAreBreaches() {
		// given
		MetricValues values = values(500, Metric.ROC_AUC, 0.71, Metric.LOG_LOSS, 0.6123456);
		// when
		CheckResult result = RequirementCheck.check(CHURN, "churn-logit", "2017-05", false, values);
		// then
		assertThat(result.verdict()).isEqualTo(Verdict.BREACH);
		assertThat(result.breaches()).containsExactly(
				new Breach("churn-logit", "2017-05", Metric.ROC_AUC, 0.71, BoundKind.MIN, 0.75),
				new Breach("churn-logit", "2017-05", Metric.LOG_LOSS, 0.6123456, BoundKind.MAX, 0.55));
		assertThat(result.breaches()).extracting(Breach::describe)
			.containsExactly("roc_auc 0.71 < 0.75", "log_loss 0.6123 > 0.55");
		assertThat(result.notEvaluated()).isEmpty();
	}

	@Test
	void modelOverrideReplacesTheDatasetBound() {
		// given: 0.78 meets the dataset's 0.75 but not churn-gbt's 0.80
		MetricValues values = values(500, Metric.ROC_AUC, 0.78, Metric.LOG_LOSS, 0.5);
		// when
		CheckResult gbt = RequirementCheck.check(CHURN, "churn-gbt", "2017-05", false, values);
		CheckResult logit = RequirementCheck.check(CHURN, "churn-logit", "2017-05", false, values);
		// then
		assertThat(gbt.verdict()).isEqualTo(Verdict.BREACH);
		assertThat(gbt.breaches()).extracting(Breach::describe).containsExactly("roc_auc 0.78 < 0.8");
		assertThat(logit.verdict()).isEqualTo(Verdict.PASS);
	}

	@Test
	void wholePeriodUsesThePeriodBounds() {
		// given: 0.77 meets the monthly 0.75 but not the period's 0.78; log_loss has no
		// period bound
		MetricValues values = values(5000, Metric.ROC_AUC, 0.77, Metric.LOG_LOSS, 0.9);
		// when
		CheckResult whole = RequirementCheck.check(CHURN, "churn-logit", RequirementCheck.WHOLE_PERIOD, true, values);
		// then
		assertThat(whole.breaches())
			.containsExactly(new Breach("churn-logit", "ALL", Metric.ROC_AUC, 0.77, BoundKind.MIN, 0.78));
	}

	@Test
	void tooFewLabelledRowsIsInsufficientDataWithoutBreaches() {
		// given: terrible figures on 199 rows
		MetricValues values = values(199, Metric.ROC_AUC, 0.1, Metric.LOG_LOSS, 5);
		// when
		CheckResult result = RequirementCheck.check(CHURN, "churn-logit", "2017-05", false, values);
		// then
		assertThat(result.verdict()).isEqualTo(Verdict.INSUFFICIENT_DATA);
		assertThat(result.breaches()).isEmpty();
		assertThat(result.notEvaluated()).containsExactly(Metric.ROC_AUC, Metric.LOG_LOSS);
	}

	@Test
	void noLabelledRowsIsInsufficientDataEvenWithoutMinRows() {
		// given
		DatasetRequirements noMinimum = new DatasetRequirements("churn", 0, List.of(Bound.atLeast(Metric.N, 1)),
				List.of(), Map.of());
		// when
		CheckResult result = RequirementCheck.check(noMinimum, "churn-logit", "2017-05", false, values(0));
		// then
		assertThat(result.verdict()).isEqualTo(Verdict.INSUFFICIENT_DATA);
	}

	@Test
	void undefinedMetricIsNotEvaluatedAndNoBreach() {
		// given: a one-class month has no roc_auc
		MetricValues values = values(300, Metric.LOG_LOSS, 0.3);
		// when
		CheckResult result = RequirementCheck.check(CHURN, "churn-logit", "2017-05", false, values);
		// then
		assertThat(result).isEqualTo(new CheckResult(Verdict.PASS, List.of(), List.of(Metric.ROC_AUC)));
	}

	@Test
	void boundOnNIsCheckedLikeAnyOther() {
		// given
		DatasetRequirements volume = new DatasetRequirements("churn", 10, List.of(new Bound(Metric.N, 100.0, 1e6)),
				List.of(), Map.of());
		// when
		CheckResult result = RequirementCheck.check(volume, "m", "2017-05", false, values(50));
		// then
		assertThat(result.breaches()).extracting(Breach::describe).containsExactly("n 50 < 100");
	}

	@Test
	void noRequirementsAlwaysPass() {
		// when
		CheckResult result = RequirementCheck.check(DatasetRequirements.none("churn"), "m", "2017-05", false,
				values(10, Metric.ROC_AUC, 0.2));
		// then
		assertThat(result).isEqualTo(new CheckResult(Verdict.PASS, List.of(), List.of()));
	}

	/** Figures with {@code n} labelled rows and the given metric, value pairs. */
	private static MetricValues values(long n, Object... pairs) {
		Map<Metric, Double> map = new EnumMap<>(Metric.class);
		map.put(Metric.N, (double) n);
		for (int i = 0; i < pairs.length; i += 2) {
			map.put((Metric) pairs[i], ((Number) pairs[i + 1]).doubleValue());
		}
		return new MetricValues(map);
	}

}
