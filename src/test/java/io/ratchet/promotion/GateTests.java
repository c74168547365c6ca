package io.ratchet.promotion;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import io.ratchet.metrics.Metric;
import io.ratchet.model.CaseCheck;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Each condition of the gate on its own, with the numbers in its reason. */
class GateTests {

	@Test
	void theRegressionCasesPassOnlyWhenEveryCaseMatches() {
		CaseCheck good = new CaseCheck("m@1", Path.of("m-v1.cases.csv"), 12, List.of());
		CaseCheck bad = new CaseCheck("m@1", Path.of("m-v1.cases.csv"), 12,
				List.of(new CaseCheck.Mismatch("x = 1e9", 0.25, 0.75)));

		assertThat(Gate.regressionCases(good, null).passed()).isTrue();
		assertThat(Gate.regressionCases(good, null).reason())
			.isEqualTo("12 cases give their recorded output (m-v1.cases.csv)");
		assertThat(Gate.regressionCases(bad, null)).isEqualTo(ConditionResult.fail(GateCondition.REGRESSION_CASES,
				"1 of 12 cases changed, e.g. x = 1e9: expected 0.25, got 0.75"));
		assertThat(Gate.regressionCases(null, "no cases file m-v1.cases.csv").passed()).isFalse();
	}

	@Test
	void requirementsFailOnAnyBreachAndNameTheFirstThree() {
		ConditionResult none = Gate.requirements(GateCondition.BACKTEST_REQUIREMENTS, "back-test run 3", List.of(), 7,
				1);
		ConditionResult four = Gate.requirements(GateCondition.NOWTEST_REQUIREMENTS, "now-test run 9",
				List.of("a", "b", "c", "d"), 1, 0);

		assertThat(none.passed()).isTrue();
		assertThat(none.reason()).isEqualTo("no breach in back-test run 3, 7 periods (1 with too few rows to judge)");
		assertThat(four.passed()).isFalse();
		assertThat(four.reason()).isEqualTo("4 breaches in now-test run 9: a; b; c; …");
	}

	@Test
	void thePrimaryMetricNeedsTheMarginAndAnIntervalAboveZero() {
		Comparison clear = comparison(0.02, 0.01, 0.03);
		Comparison belowMargin = comparison(0.004, 0.001, 0.007);
		Comparison straddling = comparison(0.02, -0.001, 0.041);

		assertThat(Gate.primaryMetric(clear, 0.005).passed()).isTrue();
		assertThat(Gate.primaryMetric(belowMargin, 0.005).passed()).isFalse();
		assertThat(Gate.primaryMetric(straddling, 0.005).passed()).isFalse();
		assertThat(Gate.primaryMetric(clear, 0.005).reason()).isEqualTo("log_loss 0.4800 vs champion 0.5000: better"
				+ " by +0.0200, 95% interval [+0.0100, +0.0300] (paired-bootstrap over 900 rows, 2000 resamples);"
				+ " needs at least +0.0050 with the interval above 0");
	}

	@Test
	void noMonthMayBeWorseThanTheToleranceAllows() {
		List<Gate.MonthDifference> months = List.of(new Gate.MonthDifference("2024-01", 0.80, 0.82, 0.02),
				new Gate.MonthDifference("2024-02", 0.80, 0.785, -0.015));

		assertThat(Gate.monthlyTolerance("roc_auc", months, 0.02).passed()).isTrue();
		ConditionResult tight = Gate.monthlyTolerance("roc_auc", months, 0.01);
		assertThat(tight.passed()).isFalse();
		assertThat(tight.reason()).isEqualTo("1 of 2 months worse by more than the tolerance; worst month 2024-02:"
				+ " roc_auc 0.7850 vs champion 0.8000 (-0.0150), tolerance 0.0100");
		assertThat(Gate.monthlyTolerance("roc_auc", List.of(), 0.01).passed()).isFalse();
	}

	@Test
	void shadowRunsAreNightsWithoutABreachSinceTheModelBecameACandidate() {
		// given: newest first; two runs on one night count once; a run with too little
		// data does not count
		List<Gate.ShadowRun> runs = List.of(shadow(9, 5, "candidate", "PASS", 0), shadow(8, 4, "candidate", "PASS", 0),
				shadow(7, 4, "candidate", "PASS", 0), shadow(6, 3, "candidate", "INSUFFICIENT_DATA", 0),
				shadow(5, 2, "candidate", "PASS", 0), shadow(4, 1, "candidate", "PASS", 1),
				shadow(3, 1, "candidate", "PASS", 0));

		// then
		ConditionResult three = Gate.shadow(runs, 3);
		assertThat(three.passed()).isTrue();
		assertThat(three.reason()).isEqualTo(
				"3 nightly now-tests without a breach as candidate, 3 needed;" + " breach in run 4 of 2024-06-01");
		assertThat(Gate.shadow(runs, 4).passed()).isFalse();
		// a drift breach of its score, or a breach verdict, stops the count as well
		assertThat(Gate.shadow(List.of(shadow(2, 2, "candidate", "BREACH", 0), shadow(1, 1, "candidate", "PASS", 0)), 1)
			.passed()).isFalse();
		// runs from before it became a candidate (it was champion then) do not count
		ConditionResult before = Gate
			.shadow(List.of(shadow(2, 2, "candidate", "PASS", 0), shadow(1, 1, "champion", "PASS", 0)), 2);
		assertThat(before.passed()).isFalse();
		assertThat(before.reason()).endsWith("; before that it was champion (run 1)");
		assertThat(Gate.noShadow(7).passed()).isFalse();
		assertThat(Gate.noShadow(0).passed()).isTrue();
	}

	@Test
	void aDecisionPassesOnlyWhenEveryConditionPasses() {
		GateDecision decision = new GateDecision("toy", "b@1", "a@1", 3, List.of(5L, 3L),
				List.of(ConditionResult.pass(GateCondition.REGRESSION_CASES, "ok"),
						ConditionResult.fail(GateCondition.SHADOW_RUNS, "2 of 7")),
				null);

		assertThat(decision.passed()).isFalse();
		assertThat(decision.failures()).extracting(ConditionResult::condition)
			.containsExactly(GateCondition.SHADOW_RUNS);
		assertThat(decision.evidenceRunIds()).containsExactly(3L, 5L);
		assertThat(decision.describe()).isEqualTo("""
				Gate for b@1 against champion a@1 on toy (evidence run 3): REFUSED
				  PASS  regression cases: ok
				  FAIL  shadow now-tests: 2 of 7
				""");
	}

	private static Comparison comparison(double difference, double lower, double upper) {
		return new Comparison(Metric.LOG_LOSS, "paired-bootstrap", 0.5, 0.5 - difference, difference, lower, upper,
				Double.NaN, Double.NaN, 900, 2000);
	}

	private static Gate.ShadowRun shadow(long id, int day, String role, String verdict, int breaches) {
		return new Gate.ShadowRun(id, LocalDate.of(2024, 6, day), role, verdict, breaches);
	}

}
