package io.ratchet.data;

import java.nio.file.Path;

/**
 * A row that failed validation. Rejected rows are reported (and quarantined by the
 * importer), never silently dropped.
 *
 * @param file the file the row is in
 * @param line the physical line the record starts on (1 is the header)
 * @param reason why it was rejected, e.g.
 * {@code unparsable number 'abc' in column tenure_months}
 * @param raw the original record re-joined as CSV
 */
public record Rejection(Path file, long line, String reason, String raw) {

	/** {@code file line n: reason}. */
	public String describe() {
		return Locations.describe(this.file, this.line, this.reason);
	}

}
