package io.ratchet.run;

/** Where a run stands. */
public enum RunStatus {

	STARTED, COMPLETED, FAILED

}
