package io.ratchet.requirement;

import java.util.Collection;

/**
 * The outcome of checking a period's figures: every bound met, some bound breached, or
 * too few labelled rows to judge. When outcomes are combined the worst wins:
 * {@code BREACH} over {@code INSUFFICIENT_DATA} over {@code PASS}.
 */
public enum Verdict {

	PASS(0), BREACH(2), INSUFFICIENT_DATA(1);

	private final int severity;

	Verdict(int severity) {
		this.severity = severity;
	}

	/** The worse of this verdict and the other. */
	public Verdict combine(Verdict other) {
		return (other.severity > this.severity) ? other : this;
	}

	/** The worse of two verdicts. */
	public static Verdict worst(Verdict first, Verdict second) {
		return first.combine(second);
	}

	/** The worst of some verdicts; {@code PASS} when there are none. */
	public static Verdict worst(Collection<Verdict> verdicts) {
		Verdict worst = PASS;
		for (Verdict verdict : verdicts) {
			worst = worst.combine(verdict);
		}
		return worst;
	}

}
