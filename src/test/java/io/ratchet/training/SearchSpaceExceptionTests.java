package io.ratchet.training;

import java.nio.file.Path;

import io.ratchet.data.DataFileException;
import io.ratchet.data.FileProblemException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A search space's error names the file and the line as a data file's error does: both
 * are {@link FileProblemException}s, with one message format.
 */
class SearchSpaceExceptionTests {

	@Test
	void theMessageNamesTheFileTheLineAndTheCause() {
		// given
		Path file = Path.of("config", "search", "churn.yml");

		// when
		SearchSpaceException onLine = new SearchSpaceException(file, 3, "unknown feature \"regoin\"");
		SearchSpaceException wholeFile = new SearchSpaceException(file, 0, "file not found");

		// then
		assertThat(onLine).hasMessage(file + " line 3: unknown feature \"regoin\"");
		assertThat(onLine.file()).isEqualTo(file);
		assertThat(onLine.line()).isEqualTo(3);
		assertThat(wholeFile).hasMessage(file + ": file not found");
		assertThat(wholeFile.line()).isZero();
	}

	@Test
	void searchSpaceAndDataFileErrorsReadAlike() {
		// given
		Path file = Path.of("x.csv");
		IllegalStateException cause = new IllegalStateException("disk");

		// when
		FileProblemException search = new SearchSpaceException(file, 12, "bad", cause);
		FileProblemException data = new DataFileException(file, 12, "bad", cause);

		// then
		assertThat(search).hasMessage(data.getMessage()).hasCause(cause);
		assertThat(data).hasCause(cause);
		assertThat(search).isNotInstanceOf(DataFileException.class);
	}

}
