package io.ratchet.run;

/** The verdict of one model version over one period of a run. */
public record StoredVerdict(long modelVersionId, String period, String verdict, long rowCount) {

}
