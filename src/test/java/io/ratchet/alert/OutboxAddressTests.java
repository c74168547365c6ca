package io.ratchet.alert;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The idempotency key and Message-ID of an outbox message, shared by the alerts and the
 * challenge e-mails: one per run, kind and audience, whatever the order of the
 * recipients.
 */
class OutboxAddressTests {

	@Test
	void keyAndMessageIdNameTheRunTheKindAndTheAudience() {
		// given
		List<String> recipients = List.of("ml-team@example.com", "ops@example.com");

		// when
		OutboxAddress address = OutboxAddress.of(42, "breach", recipients, "Ratchet <ratchet@example.org>");

		// then
		String audience = OutboxAddress.hash("ml-team@example.com,ops@example.com").substring(0, 12);
		assertThat(audience).matches("[0-9a-f]{12}");
		assertThat(address.key()).isEqualTo("run 42 breach " + audience);
		assertThat(address.messageId()).isEqualTo("<ratchet.42.breach." + audience + "@example.org>");
	}

	@Test
	void theOrderOfTheRecipientsDoesNotMatterButWhoTheyAreDoes() {
		// given
		String from = "ratchet@localhost";

		// when
		OutboxAddress ab = OutboxAddress.of(7, "challenge", List.of("a@example.com", "b@example.com"), from);
		OutboxAddress ba = OutboxAddress.of(7, "challenge", List.of("b@example.com", "a@example.com"), from);
		OutboxAddress ac = OutboxAddress.of(7, "challenge", List.of("a@example.com", "c@example.com"), from);
		OutboxAddress otherKind = OutboxAddress.of(7, "recovered", List.of("a@example.com", "b@example.com"), from);

		// then
		assertThat(ba).isEqualTo(ab);
		assertThat(ac.key()).isNotEqualTo(ab.key());
		assertThat(ac.messageId()).isNotEqualTo(ab.messageId());
		assertThat(otherKind.key()).isNotEqualTo(ab.key());
	}

	@Test
	void aSenderWithoutDomainGivesLocalhost() {
		// when / then
		assertThat(OutboxAddress.domainOf("ratchet")).isEqualTo("localhost");
		assertThat(OutboxAddress.domainOf("ratchet@")).isEqualTo("localhost");
		assertThat(OutboxAddress.domainOf("Ratchet <ratchet@mail.example.com>")).isEqualTo("mail.example.com");
	}

	@Test
	void theHashIsSha256InLowerCaseHex() {
		// when / then: SHA-256 of "abc" (FIPS 180-2, appendix B.1)
		assertThat(OutboxAddress.hash("abc"))
			.isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	}

}
