package io.ratchet.remote;

import java.nio.file.Path;

import io.ratchet.data.DataFileException;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.ExitStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A worker's cause read back from the exit description Spring Batch stores for a failed
 * step.
 */
class WorkerCauseTests {

	private static final Path FILE = Path.of("/shared/data/toy/2024-02.csv");

	@Test
	void anExceptionIsToldByItsMessageWithoutTheClassNameOrTheStack() {
		// given: the description Spring Batch stores for a step that threw
		String stored = ExitStatus.FAILED
			.addExitDescription(new DataFileException(FILE, 0, "differs from the file the run was planned with"))
			.getExitDescription();

		// when
		String cause = WorkerCause.of(stored);

		// then
		assertThat(stored).contains("\tat ");
		assertThat(cause).isEqualTo(FILE + ": differs from the file the run was planned with");
	}

	@Test
	void aWrappedCauseIsToldAfterTheOuterMessage() {
		// given
		String stored = ExitStatus.FAILED
			.addExitDescription(new IllegalStateException("month 2024-02 of run 7",
					new IllegalArgumentException("wrapped", new DataFileException(FILE, 3, "bad date"))))
			.getExitDescription();

		// when / then: the outermost and the innermost, nothing between
		assertThat(WorkerCause.of(stored)).startsWith("month 2024-02 of run 7: ")
			.contains(FILE.toString())
			.contains("bad date")
			.doesNotContain("wrapped")
			.doesNotContain("Exception");
	}

	@Test
	void aDescriptionThatIsNotAStackTraceIsToldAsItIs() {
		// given: what another worker stores for a partition whose worker died
		String stored = "its worker stopped before finishing it; the request went to another worker";

		// when / then
		assertThat(WorkerCause.of(stored)).isEqualTo(stored);
		assertThat(WorkerCause.of("")).isEqualTo("no cause recorded");
		assertThat(WorkerCause.of(null)).isEqualTo("no cause recorded");
	}

}
