package io.ratchet.system;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SafeNamesTests {

	@Test
	void plainNamesAreSafe() {
		for (String name : new String[] { "churn", "weather-aus", "bike_sharing.v2", "churn-logit", "2", "a..b" }) {
			assertThat(SafeNames.isSafe(name)).as(name).isTrue();
		}
	}

	@Test
	void namesThatCouldLeaveTheirFolderAreNot() {
		for (String name : new String[] { "..", ".", "../x", "a/b", "a\\b", "/etc", ".hidden", "", "a\u0000b", " x",
				"x\n", "C:x", "a".repeat(101) }) {
			assertThat(SafeNames.isSafe(name)).as(name).isFalse();
		}
		assertThat(SafeNames.isSafe(null)).isFalse();
	}

}
