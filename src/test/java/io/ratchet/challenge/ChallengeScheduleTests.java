package io.ratchet.challenge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ratchet.system.RatchetPaths;
import io.ratchet.test.ToyWorkspace;
import io.ratchet.workspace.Workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The challenge as the scheduler fires it: parameters from the fire time, checks at the
 * scheduler's start-up.
 */
class ChallengeScheduleTests {

	@TempDir
	Path root;

	@Test
	void aFireNamesTheRunByDatasetAndScheduledTime() throws Exception {
		// given
		ChallengeSchedule schedule = new ChallengeSchedule(null, workspace());

		// when
		var parameters = schedule.parametersFor("toy",
				LocalDateTime.of(2026, 11, 27, 3, 30).atZone(ZoneId.of("Europe/Paris")));

		// then
		assertThat(schedule.name()).isEqualTo("challenge");
		assertThat(ChallengeParameters.from(parameters))
			.isEqualTo(new ChallengeParameters("toy", LocalDateTime.of(2026, 11, 27, 3, 30)));
		assertThat(parameters.getIdentifyingParameters()).hasSize(2);
	}

	@Test
	void aDatasetWithoutASearchSpaceIsRefusedAtStartUp() throws IOException {
		// given
		ChallengeJobTests.challengeWorkspace(new ToyWorkspace(this.root), "toy");
		Files.delete(this.root.resolve("config/search/toy.yml"));
		ChallengeSchedule schedule = new ChallengeSchedule(null, workspace());

		// then
		assertThatIllegalArgumentException().isThrownBy(() -> schedule.validate("toy"))
			.withMessageContaining("challenge of dataset 'toy'")
			.withMessageContaining("toy.yml");
	}

	@Test
	void aDatasetWithItsSearchSpaceIsAccepted() {
		// given
		ChallengeJobTests.challengeWorkspace(new ToyWorkspace(this.root), "toy");

		// then
		new ChallengeSchedule(null, workspace()).validate("toy");
	}

	private Workspace workspace() {
		return new Workspace(new RatchetPaths(this.root.resolve("config"), this.root.resolve("historical-data"),
				this.root.resolve("reports")));
	}

}
