package io.ratchet.promotion;

/** The conditions of the promotion gate, in the order they are checked and printed. */
public enum GateCondition {

	/** (a) the candidate's regression cases give their expected outputs. */
	REGRESSION_CASES("regression cases"),
	/** (b) every requirement met in the evidence back-test. */
	BACKTEST_REQUIREMENTS("back-test requirements"),
	/** (b) every requirement met in the latest now-test. */
	NOWTEST_REQUIREMENTS("now-test requirements"),
	/**
	 * (c) better than the champion on the primary metric by the margin, the 95% interval
	 * above zero.
	 */
	PRIMARY_METRIC("better than the champion"),
	/** (c) not worse than the champion by more than the tolerance in any month. */
	MONTHLY_TOLERANCE("no month much worse"),
	/** (d) scored in shadow by enough nightly now-tests without a breach. */
	SHADOW_RUNS("shadow now-tests");

	private final String label;

	GateCondition(String label) {
		this.label = label;
	}

	/** A short human name, e.g. {@code regression cases}. */
	public String label() {
		return this.label;
	}

}
