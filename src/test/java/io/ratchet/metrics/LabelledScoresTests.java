package io.ratchet.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The walk over the score groups that stops after a number of rows (what the top k%
 * needs) hands over the same groups as the whole walk, up to the first group that reaches
 * that number.
 */
class LabelledScoresTests {

	@Test
	void aWalkThatStopsAfterSomeRowsIsThePrefixOfTheWholeWalk() {
		// given: 2,000 scores rounded to 2 decimals (groups of ties of both classes)
		LabelledScores scores = new LabelledScores(BinaryAccumulator.EXACT_LIMIT);
		Random random = new Random(18);
		for (int i = 0; i < 2_000; i++) {
			scores.add(Math.round(random.nextDouble() * 100) / 100.0, random.nextBoolean());
		}
		List<String> whole = groups(scores, Long.MAX_VALUE);

		for (long rows : new long[] { 1, 100, 199, 200, 201, 1_999, 2_000 }) {
			// when
			List<String> top = groups(scores, rows);

			// then: the whole walk's first groups, the last one reaching the rows asked
			// for, the one before not
			assertThat(whole).startsWith(top.toArray(String[]::new));
			assertThat(rowsOf(top)).isGreaterThanOrEqualTo(rows);
			assertThat(rowsOf(top.subList(0, top.size() - 1))).isLessThan(rows);
		}
	}

	private static List<String> groups(LabelledScores scores, long rows) {
		List<String> groups = new ArrayList<>();
		scores.forEachScoreGroup((score, positives, negatives) -> groups.add(score + ":" + positives + ":" + negatives),
				rows);
		return groups;
	}

	private static long rowsOf(List<String> groups) {
		return groups.stream().mapToLong((group) -> {
			String[] parts = group.split(":");
			return Long.parseLong(parts[1]) + Long.parseLong(parts[2]);
		}).sum();
	}

}
