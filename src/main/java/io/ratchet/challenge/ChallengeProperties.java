package io.ratchet.challenge;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the challenge job. What is trained, and on how many evaluation months it is
 * compared, is the dataset's search space ({@code config/search/<dataset>.yml}); whether
 * a passing candidate is promoted without a person is
 * {@code ratchet.promotion.datasets.<dataset>.auto}.
 *
 * @param keep how many of a run's new candidates stay in the registry, the best by the
 * dataset's primary metric; the others are retired from the registry (their files and
 * records stay). Candidates of earlier challenges stay while their trial runs or while
 * they pass the gate.
 */
@ConfigurationProperties("ratchet.challenge")
public record ChallengeProperties(@DefaultValue("3") int keep) {

	public ChallengeProperties {
		if (keep < 1) {
			throw new IllegalArgumentException("ratchet.challenge.keep must be at least 1, not " + keep);
		}
	}

}
