package io.ratchet.system;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

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

	@Test
	void theWorkspaceRefusesADatasetFolderOutsideTheDataFolder() {
		// given
		Workspace workspace = new Workspace(new RatchetPaths(Path.of("config"), Path.of("historical-data"), Path.of("reports")));
		// then
		assertThat(workspace.datasetDir("churn")).isEqualTo(Path.of("historical-data/churn"));
		assertThatExceptionOfType(UnsafeNameException.class).isThrownBy(() -> workspace.datasetDir("../config"))
			.withMessageContaining("invalid dataset name '../config'");
		assertThatExceptionOfType(UnsafeNameException.class).isThrownBy(() -> workspace.datasetDir("x\u0000"))
			.withMessageContaining("'x\\u0000'");
	}

}
