package io.ratchet.run;

import io.ratchet.requirement.Verdict;

/** The verdict of one model version over one period of a run. */
public record StoredVerdict(long modelVersionId, String period, String verdict, long rowCount) {

	/** Whether the stored verdict is this one. */
	public boolean is(Verdict verdict) {
		return verdict.name().equals(this.verdict);
	}

	/** Whether this is the verdict of the whole period rather than one month. */
	public boolean isWholePeriod() {
		return Period.ALL_VALUE.equals(this.period.strip());
	}

}
