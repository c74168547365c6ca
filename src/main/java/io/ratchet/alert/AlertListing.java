package io.ratchet.alert;

import java.time.LocalDateTime;

/**
 * One alert of the outbox as {@code jobs/alerts} lists it.
 *
 * @param status PENDING, SENDING, SENT or FAILED
 * @param deliveredTo the SMTP recipients or the {@code .eml} file, once delivered
 * @param lastError why the last attempt failed, if it did
 */
public record AlertListing(long id, long runId, String kind, String dataset, String status, int attempts,
		LocalDateTime createdAt, LocalDateTime sentAt, String subject, String deliveredTo, String lastError) {
}
