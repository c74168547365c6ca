package io.ratchet.promotion;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the promotion gate found for a candidate: every condition with its outcome and
 * reason, the comparison on the primary metric, and the runs the decision rests on.
 *
 * @param dataset the dataset
 * @param candidate the candidate's key {@code name@version}
 * @param champion the champion's key when the decision was made
 * @param evidenceRunId the back-test (or challenge) run that scored both over the same
 * months
 * @param nowtestRunIds the now-test runs looked at (latest first; may be empty)
 * @param conditions every condition, in {@link GateCondition} order
 * @param comparison the primary metric's comparison over the pooled rows, or {@code null}
 * when it could not be made
 */
public record GateDecision(String dataset, String candidate, String champion, long evidenceRunId,
		List<Long> nowtestRunIds, List<ConditionResult> conditions, Comparison comparison) {

	public GateDecision {
		Objects.requireNonNull(dataset, "dataset");
		Objects.requireNonNull(candidate, "candidate");
		nowtestRunIds = List.copyOf(nowtestRunIds);
		conditions = List.copyOf(conditions);
	}

	/** Whether every condition passed. */
	public boolean passed() {
		return this.conditions.stream().allMatch(ConditionResult::passed);
	}

	/** The conditions that failed, in order. */
	public List<ConditionResult> failures() {
		return this.conditions.stream().filter((condition) -> !condition.passed()).toList();
	}

	/** The evidence run then the now-test runs: the runs that justify a promotion. */
	public List<Long> evidenceRunIds() {
		List<Long> ids = new ArrayList<>();
		ids.add(this.evidenceRunId);
		this.nowtestRunIds.stream().filter((id) -> !ids.contains(id)).forEach(ids::add);
		return ids;
	}

	/** Several lines: a heading, then one line per condition. */
	public String describe() {
		StringBuilder text = new StringBuilder();
		text.append("Gate for ")
			.append(this.candidate)
			.append(" against champion ")
			.append((this.champion != null) ? this.champion : "(none)")
			.append(" on ")
			.append(this.dataset)
			.append(" (evidence run ")
			.append(this.evidenceRunId)
			.append("): ")
			.append(passed() ? "PASSED" : "REFUSED")
			.append('\n');
		this.conditions.forEach((condition) -> text.append("  ").append(condition.describe()).append('\n'));
		return text.toString();
	}

}
