package io.ratchet.nowtest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link WorstRows}: bounded, and the same rows in the same order whatever order they
 * come in (ties broken by file and line).
 */
class WorstRowsTests {

	@Test
	void keepsTheMostSurprisingRowsWhateverTheOrderTheyCameIn() {
		// given: 200 rows, many with the same measure, in two files
		List<Surprise> rows = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			rows.add(new Surprise(SurpriseKind.LOSS, i % 7, (i % 2 == 0) ? "a.csv" : "b.csv", 2 + i / 2, null,
					LocalDate.of(2024, 3, 1), 0.5, 1, ""));
		}
		List<Surprise> expected = new ArrayList<>(rows);
		expected.sort(Surprise.MOST_SURPRISING_FIRST);

		for (long seed = 1; seed <= 5; seed++) {
			// when
			List<Surprise> shuffled = new ArrayList<>(rows);
			Collections.shuffle(shuffled, new Random(seed));
			WorstRows worst = new WorstRows(10);
			shuffled.forEach(worst::offer);

			// then
			assertThat(worst.ranked()).containsExactlyElementsOf(expected.subList(0, 10));
			assertThat(worst.ranked().get(0).measure()).isEqualTo(6);
			assertThat(worst.ranked().get(0).file()).isEqualTo("a.csv");
		}
	}

	@Test
	void aRowsLossIsItsLogLossForBinaryAndItsAbsoluteErrorForRegression() {
		// when / then
		assertThat(SurprisingRows.loss(io.ratchet.data.Task.BINARY, 1, 0.25)).isEqualTo(-Math.log(0.25));
		assertThat(SurprisingRows.loss(io.ratchet.data.Task.BINARY, 0, 0.25)).isEqualTo(-Math.log(0.75));
		assertThat(SurprisingRows.loss(io.ratchet.data.Task.BINARY, 1, 0.0)).isEqualTo(-Math.log(1e-15));
		assertThat(SurprisingRows.loss(io.ratchet.data.Task.REGRESSION, 3.5, 1.25)).isEqualTo(2.25);
	}

}
