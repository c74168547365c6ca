package io.ratchet.run;

/**
 * The row counts of one partition (month file) read by a run.
 *
 * @param runId the run
 * @param period the month, {@code YYYY-MM}
 * @param file the month file
 * @param rowsRead data rows in the file
 * @param rowsAccepted rows that passed validation
 * @param rowsRejected rows that did not, kept in {@code rejectedFile}
 * @param rowsUnlabelled accepted rows without a label (counted, excluded from metrics)
 * @param rejectedFile where rejected rows were written, or {@code null} when none were
 * @param millis time spent on the partition
 */
public record PartitionResult(long runId, String period, String file, long rowsRead, long rowsAccepted,
		long rowsRejected, long rowsUnlabelled, String rejectedFile, long millis) {

}
