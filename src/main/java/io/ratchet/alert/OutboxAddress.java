package io.ratchet.alert;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;

/**
 * Where a message of the outbox is known by: its idempotency key (unique in
 * {@code alert_outbox}, so a message is queued once per run, kind and audience) and its
 * {@code Message-ID}, the same at every attempt, so that mail clients and servers that
 * de-duplicate by it collapse a message sent twice. The audience is a hash of the sorted
 * recipients.
 *
 * @param key the outbox's idempotency key: {@code run <id> <kind> <audience>}
 * @param messageId {@code <ratchet.<run>.<kind>.<audience>@<from-domain>>}
 */
record OutboxAddress(String key, String messageId) {

	/**
	 * @param runId the run the message is about
	 * @param kind the outbox kind (an {@link AlertKind#slug()}, or
	 * {@link ChallengeMail#KIND})
	 * @param recipients its recipients, in any order
	 * @param from the sender, whose domain ends the Message-ID
	 */
	static OutboxAddress of(long runId, String kind, List<String> recipients, String from) {
		String audience = hash(String.join(",", new TreeSet<>(recipients))).substring(0, 12);
		return new OutboxAddress("run " + runId + " " + kind + " " + audience,
				"<ratchet." + runId + "." + kind + "." + audience + "@" + domainOf(from) + ">");
	}

	/**
	 * The domain of a From address, for Message-IDs ({@code localhost} when it has none).
	 */
	static String domainOf(String address) {
		int at = address.lastIndexOf('@');
		String domain = (at >= 0) ? address.substring(at + 1).replace(">", "").trim() : "";
		return domain.isEmpty() ? "localhost" : domain;
	}

	/** SHA-256 of a text, lower-case hex. */
	static String hash(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
