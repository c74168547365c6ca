package io.ratchet.promotion;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.ratchet.model.CaseCheck;
import io.ratchet.requirement.Verdict;
import io.ratchet.run.Role;

/**
 * The conditions of the promotion gate as plain functions of their evidence, each giving
 * a {@link ConditionResult} with a one-line reason that carries the numbers.
 */
final class Gate {

	private Gate() {
	}

	/**
	 * (a) every regression case gives its recorded output; {@code problem} is set when
	 * the cases could not run.
	 */
	static ConditionResult regressionCases(CaseCheck check, String problem) {
		if (problem != null) {
			return ConditionResult.fail(GateCondition.REGRESSION_CASES, problem);
		}
		if (check.skipped() != null) {
			return ConditionResult.pass(GateCondition.REGRESSION_CASES,
					"none to run: " + check.model()
							+ " is a logged-prediction model, which can be champion but is never a trained candidate: "
							+ check.skipped());
		}
		if (check.passed()) {
			return ConditionResult.pass(GateCondition.REGRESSION_CASES,
					check.cases() + " cases give their recorded output (" + check.file() + ")");
		}
		CaseCheck.Mismatch first = check.mismatches().get(0);
		return ConditionResult.fail(GateCondition.REGRESSION_CASES, check.mismatches().size() + " of " + check.cases()
				+ " cases changed, e.g. " + first.name() + ": expected " + first.expected() + ", got " + first.got());
	}

	/**
	 * (b) no breach in a run.
	 * @param what e.g. {@code back-test run 12 (2024-01..2024-06)}
	 * @param breaches one description per breach (stored, or found again against the
	 * current bounds)
	 * @param periods the periods judged
	 * @param insufficient the periods with too few rows to judge
	 */
	static ConditionResult requirements(GateCondition condition, String what, List<String> breaches, int periods,
			int insufficient) {
		String judged = periods + " period" + ((periods == 1) ? "" : "s")
				+ ((insufficient > 0) ? " (" + insufficient + " with too few rows to judge)" : "");
		if (breaches.isEmpty()) {
			return ConditionResult.pass(condition, "no breach in " + what + ", " + judged);
		}
		return ConditionResult.fail(condition,
				breaches.size() + " breach" + ((breaches.size() == 1) ? "" : "es") + " in " + what + ": "
						+ String.join("; ", breaches.subList(0, Math.min(3, breaches.size())))
						+ ((breaches.size() > 3) ? "; …" : ""));
	}

	/**
	 * (c) better by at least the margin, the 95% interval of the difference above zero.
	 */
	static ConditionResult primaryMetric(Comparison comparison, double margin) {
		boolean passed = comparison.difference() >= margin && comparison.lower() > 0;
		String needs = String.format(Locale.ROOT, "; needs at least %+.4f with the interval above 0", margin);
		return new ConditionResult(GateCondition.PRIMARY_METRIC, passed, comparison.describe() + needs);
	}

	/**
	 * One month of the evidence: both figures and the oriented difference (positive: the
	 * candidate is better).
	 */
	record MonthDifference(String month, double champion, double candidate, double difference) {
	}

	/** (c) no month worse than the champion's by more than the tolerance. */
	static ConditionResult monthlyTolerance(String metric, List<MonthDifference> months, double tolerance) {
		if (months.isEmpty()) {
			return ConditionResult.fail(GateCondition.MONTHLY_TOLERANCE,
					"no month where " + metric + " is defined for both models");
		}
		MonthDifference worst = months.stream()
			.min((a, b) -> Double.compare(a.difference(), b.difference()))
			.orElseThrow();
		long over = months.stream().filter((month) -> month.difference() < -tolerance).count();
		String text = String.format(Locale.ROOT, "worst month %s: %s %.4f vs champion %.4f (%+.4f), tolerance %.4f",
				worst.month(), metric, worst.candidate(), worst.champion(), worst.difference(), tolerance);
		if (over == 0) {
			return ConditionResult.pass(GateCondition.MONTHLY_TOLERANCE, months.size() + " months; " + text);
		}
		return ConditionResult.fail(GateCondition.MONTHLY_TOLERANCE,
				over + " of " + months.size() + " months worse by more than the tolerance; " + text);
	}

	/**
	 * One completed now-test that scored the candidate.
	 *
	 * @param runId the run
	 * @param asOf its as-of date
	 * @param role the candidate's role in it
	 * @param verdict its verdict for the candidate
	 * @param breaches breaches of the candidate (metrics and score drift)
	 */
	record ShadowRun(long runId, LocalDate asOf, String role, String verdict, int breaches) {
	}

	/**
	 * (d) enough nightly now-tests without a breach since the candidate became one:
	 * walking back from the latest, runs are counted (one per as-of date, with a PASS
	 * verdict) until a run with a breach or a run in which it had another role.
	 * @param runs newest first
	 */
	static ConditionResult shadow(List<ShadowRun> runs, int needed) {
		Set<LocalDate> nights = new HashSet<>();
		String stop = "";
		for (ShadowRun run : runs) {
			if (!Role.CANDIDATE.is(run.role())) {
				stop = "; before that it was " + run.role() + " (run " + run.runId() + ")";
				break;
			}
			if (run.breaches() > 0 || Verdict.BREACH.name().equals(run.verdict())) {
				stop = "; breach in run " + run.runId() + " of " + run.asOf();
				break;
			}
			if (Verdict.PASS.name().equals(run.verdict())) {
				nights.add(run.asOf());
			}
		}
		String text = nights.size() + " nightly now-test" + ((nights.size() == 1) ? "" : "s")
				+ " without a breach as candidate, " + needed + " needed" + stop;
		return new ConditionResult(GateCondition.SHADOW_RUNS, nights.size() >= needed, text);
	}

	/** (d) with no now-test at all. */
	static ConditionResult noShadow(int needed) {
		return new ConditionResult(GateCondition.SHADOW_RUNS, needed == 0,
				"no now-test has scored the candidate, " + needed + " needed");
	}

}
