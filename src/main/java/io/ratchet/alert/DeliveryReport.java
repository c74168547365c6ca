package io.ratchet.alert;

/**
 * What one delivery pass did.
 *
 * @param sent alerts the SMTP server accepted
 * @param written alerts written as {@code .eml} files (no SMTP host configured)
 * @param failed alerts whose attempt failed (left pending for a retry, or given up)
 * @param pending alerts still waiting after the pass
 */
public record DeliveryReport(int sent, int written, int failed, int pending) {

	/** Alerts delivered either way. */
	public int delivered() {
		return this.sent + this.written;
	}

}
