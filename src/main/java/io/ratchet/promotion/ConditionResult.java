package io.ratchet.promotion;

import java.util.Objects;

/**
 * One condition of the gate: passed or not, with a one-line reason that carries the
 * numbers.
 *
 * @param condition the condition
 * @param passed whether the candidate met it
 * @param reason one line, e.g.
 * {@code roc_auc 0.8123 vs champion 0.7988: better by +0.0135 ...}
 */
public record ConditionResult(GateCondition condition, boolean passed, String reason) {

	public ConditionResult {
		Objects.requireNonNull(condition, "condition");
		Objects.requireNonNull(reason, "reason");
	}

	static ConditionResult pass(GateCondition condition, String reason) {
		return new ConditionResult(condition, true, reason);
	}

	static ConditionResult fail(GateCondition condition, String reason) {
		return new ConditionResult(condition, false, reason);
	}

	/** {@code PASS  better than the champion: ...} */
	public String describe() {
		return (this.passed ? "PASS  " : "FAIL  ") + this.condition.label() + ": " + this.reason;
	}

}
