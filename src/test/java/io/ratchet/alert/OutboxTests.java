package io.ratchet.alert;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.List;

import io.ratchet.test.StoreSlice;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alert outbox's reads and writes on the real Flyway schema (a slice): adding,
 * claiming, sending, failing and listing. Each test rolls back; the outbox is empty at
 * its start.
 */
@StoreSlice
@Import(Outbox.class)
class OutboxTests {

	static final LocalDateTime NOW = LocalDateTime.of(2026, 3, 1, 12, 0);

	@Autowired
	Outbox outbox;

	@Test
	void anAddedAlertIsPendingAndReadBackWhole() {
		// given
		byte[] message = "Subject: breach\r\n\r\nbody".getBytes(StandardCharsets.US_ASCII);

		// when
		this.outbox.add("run-7-breach", 7, AlertKind.BREACH, "churn", "[ratchet] churn: breach",
				List.of("a@example.com", "b@example.com"), "<m1@ratchet>", message, NOW);

		// then
		assertThat(this.outbox.contains("run-7-breach")).isTrue();
		assertThat(this.outbox.contains("run-8-breach")).isFalse();
		assertThat(this.outbox.ofRun(7)).singleElement().satisfies((entry) -> {
			assertThat(entry.idempotencyKey()).isEqualTo("run-7-breach");
			assertThat(entry.kind()).isEqualTo(AlertKind.BREACH.slug());
			assertThat(entry.dataset()).isEqualTo("churn");
			assertThat(entry.subject()).isEqualTo("[ratchet] churn: breach");
			assertThat(entry.recipients()).isEqualTo("a@example.com, b@example.com");
			assertThat(entry.messageId()).isEqualTo("<m1@ratchet>");
			assertThat(entry.message()).isEqualTo(message);
			assertThat(entry.status()).isEqualTo(Outbox.PENDING);
			assertThat(entry.attempts()).isZero();
			assertThat(entry.nextAttemptAt()).isEqualTo(NOW);
			assertThat(entry.lastError()).isNull();
			assertThat(entry.deliveredTo()).isNull();
		});
		assertThat(this.outbox.ofRun(8)).isEmpty();
		assertThat(this.outbox.pendingCount()).isOne();
		assertThat(this.outbox.nextDue()).contains(NOW);
		assertThat(this.outbox.oldestClaim()).isEmpty();
		assertThat(this.outbox.recent(10)).singleElement().satisfies((listing) -> {
			assertThat(listing.runId()).isEqualTo(7);
			assertThat(listing.status()).isEqualTo(Outbox.PENDING);
			assertThat(listing.createdAt()).isEqualTo(NOW);
			assertThat(listing.sentAt()).isNull();
		});
	}

	@Test
	void aDueAlertIsClaimedOnceThenSentAndAFailedOneWaitsOrGivesUp() {
		// given two alerts due now
		long first = add("first", 1);
		long second = add("second", 2);

		// when
		List<Long> dueNow = this.outbox.deliverable(NOW, NOW.minusMinutes(10));
		List<Long> dueEarlier = this.outbox.deliverable(NOW.minusMinutes(1), NOW.minusMinutes(10));
		boolean claimed = this.outbox.claim(first, NOW, NOW.minusMinutes(10), NOW);
		boolean claimedAgain = this.outbox.claim(first, NOW, NOW.minusMinutes(10), NOW.plusSeconds(1));

		// then
		assertThat(dueNow).containsExactly(first, second);
		assertThat(dueEarlier).isEmpty();
		assertThat(this.outbox.deliverable(null, NOW.minusMinutes(10))).containsExactly(second);
		assertThat(claimed).isTrue();
		assertThat(claimedAgain).isFalse();
		assertThat(this.outbox.get(first).status()).isEqualTo(Outbox.SENDING);
		assertThat(this.outbox.get(first).attempts()).isOne();
		assertThat(this.outbox.oldestClaim()).contains(NOW);
		assertThat(this.outbox.pendingCount()).isEqualTo(2);

		// when: the first is sent, the second fails once, then for good
		this.outbox.sent(first, "smtp.example.com", NOW.plusMinutes(1));
		this.outbox.failed(second, "connection refused", NOW.plusMinutes(5), false);

		// then
		assertThat(this.outbox.get(first).status()).isEqualTo(Outbox.SENT);
		assertThat(this.outbox.get(first).deliveredTo()).isEqualTo("smtp.example.com");
		assertThat(this.outbox.get(second).status()).isEqualTo(Outbox.PENDING);
		assertThat(this.outbox.get(second).lastError()).isEqualTo("connection refused");
		assertThat(this.outbox.nextDue()).contains(NOW.plusMinutes(5));
		assertThat(this.outbox.deliverable(NOW, NOW.minusMinutes(10))).isEmpty();
		assertThat(this.outbox.pendingCount()).isOne();
		this.outbox.failed(second, "mailbox unavailable", NOW.plusMinutes(10), true);
		assertThat(this.outbox.get(second).status()).isEqualTo(Outbox.FAILED);
		assertThat(this.outbox.pendingCount()).isZero();
		assertThat(this.outbox.nextDue()).isEmpty();
		assertThat(this.outbox.recent(1)).extracting(AlertListing::id).containsExactly(second);
		assertThat(this.outbox.recent(5)).extracting(AlertListing::id).containsExactly(second, first);
		assertThat(this.outbox.recent(5).get(1).sentAt()).isEqualTo(NOW.plusMinutes(1));
	}

	@Test
	void aClaimOlderThanTheTimeoutIsDeliverableAgain() {
		// given an alert claimed twenty minutes ago by a sender that never reported back
		long id = add("stale", 3);
		assertThat(this.outbox.claim(id, NOW, NOW.minusMinutes(30), NOW.minusMinutes(20))).isTrue();

		// when
		List<Long> deliverable = this.outbox.deliverable(NOW, NOW.minusMinutes(10));
		boolean claimed = this.outbox.claim(id, NOW, NOW.minusMinutes(10), NOW);

		// then
		assertThat(deliverable).containsExactly(id);
		assertThat(claimed).isTrue();
		assertThat(this.outbox.get(id).attempts()).isEqualTo(2);
		assertThat(this.outbox.oldestClaim()).contains(NOW);
	}

	@Test
	void aLongSubjectAndErrorAreCutToTheirColumns() {
		// given
		long id = add("long", 4, "s".repeat(1500));

		// when
		this.outbox.failed(id, "e".repeat(5000), NOW, false);

		// then
		assertThat(this.outbox.get(id).subject()).hasSize(1000).endsWith(" …");
		assertThat(this.outbox.get(id).lastError()).hasSize(4000).endsWith(" …");
	}

	private long add(String key, long runId) {
		return add(key, runId, "[ratchet] " + key);
	}

	/** Adds a {@code challenge} message of a run and returns its id. */
	private long add(String key, long runId, String subject) {
		this.outbox.add(key, runId, "challenge", "churn", subject, List.of("ops@example.com"), "<" + key + "@ratchet>",
				new byte[] { 1, 2, 3 }, NOW);
		return this.outbox.ofRun(runId).get(0).id();
	}

}
