package io.ratchet.config;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SpellingTests {

	@Test
	void suggestsTheKnownNamesWithinAFewEditsInTheirOrder() {
		// given
		List<String> known = List.of("churn", "rain", "churns-eu");
		// when / then
		assertThat(Spelling.near("chrun", known)).containsExactly("churn");
		assertThat(Spelling.near("Rain", known)).containsExactly("rain");
		assertThat(Spelling.near("bikes", known)).isEmpty();
		assertThat(Spelling.near("churn", known)).as("a name is not a misspelling of itself").isEmpty();
	}

}
