package io.ratchet.model;

import java.util.ArrayList;
import java.util.List;

import io.ratchet.data.Row;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Rows gathered into blocks: every row handed on once, in order, with each model's score,
 * a block per call when a scorer prefers blocks, at once otherwise.
 */
class BlockScorerTests {

	/** A scorer that gives each row's line and counts its calls. */
	static final class Lines implements Scorer {

		final List<Integer> blockSizes = new ArrayList<>();

		private final double offset;

		private final boolean blocks;

		Lines(double offset, boolean blocks) {
			this.offset = offset;
			this.blocks = blocks;
		}

		@Override
		public boolean prefersBlocks() {
			return this.blocks;
		}

		@Override
		public double score(Row row) {
			return row.line() + this.offset;
		}

		@Override
		public void scoreBatch(List<Row> rows, double[] scores) {
			this.blockSizes.add(rows.size());
			Scorer.super.scoreBatch(rows, scores);
		}

	}

	@Test
	void everyRowComesOutOnceInOrderWithEveryModelsScoreOneCallPerBlock() {
		// given
		Lines first = new Lines(0, true);
		Lines second = new Lines(0.5, false);
		List<String> seen = new ArrayList<>();
		BlockScorer blocks = new BlockScorer(new Scorer[] { first, second },
				(row, scores) -> seen.add(row.line() + ":" + scores[0] + ":" + scores[1]));
		int count = 2 * BlockScorer.BLOCK + 10;

		// when
		for (int i = 0; i < count; i++) {
			blocks.add(new Row(i, null, 0, new double[0], new String[0]));
		}
		int beforeFlush = seen.size();
		blocks.flush();
		blocks.flush();

		// then
		assertThat(beforeFlush).isEqualTo(2 * BlockScorer.BLOCK);
		assertThat(seen).hasSize(count);
		for (int i = 0; i < count; i++) {
			assertThat(seen.get(i)).isEqualTo(i + ":" + (double) i + ":" + (i + 0.5));
		}
		assertThat(first.blockSizes).containsExactly(BlockScorer.BLOCK, BlockScorer.BLOCK, 10);
		assertThat(second.blockSizes).isEqualTo(first.blockSizes);
	}

	@Test
	void withoutAScorerThatPrefersBlocksEachRowIsScoredAndHandedOnAtOnce() {
		// given
		Lines only = new Lines(1, false);
		List<Double> seen = new ArrayList<>();
		BlockScorer blocks = new BlockScorer(new Scorer[] { only }, (row, scores) -> seen.add(scores[0]));

		// when
		blocks.add(new Row(7, null, 0, new double[0], new String[0]));

		// then: no block, no flush needed
		assertThat(seen).containsExactly(8.0);
		assertThat(only.blockSizes).isEmpty();
		blocks.flush();
		assertThat(seen).hasSize(1);
	}

	/**
	 * A multiclass scorer of 3 classes whose probabilities follow the row's line,
	 * counting its calls.
	 */
	static final class Thirds implements ClassScorer {

		final List<Integer> blockSizes = new ArrayList<>();

		int rowCalls;

		private final boolean blocks;

		Thirds(boolean blocks) {
			this.blocks = blocks;
		}

		@Override
		public boolean prefersBlocks() {
			return this.blocks;
		}

		@Override
		public int classes() {
			return 3;
		}

		@Override
		public void probabilities(Row row, double[] into, int offset) {
			this.rowCalls++;
			double top = (row.line() % 2 == 0) ? 0.5 : 0.7;
			into[offset] = top;
			into[offset + 1] = (1 - top) / 2;
			into[offset + 2] = (1 - top) / 2;
		}

		@Override
		public void probabilitiesBatch(List<Row> rows, double[] into) {
			this.blockSizes.add(rows.size());
			ClassScorer.super.probabilitiesBatch(rows, into);
		}

	}

	@Test
	void aMulticlassRowIsScoredOnceAndItsProbabilitiesReachTheSinkWithTheTopOneAsScore() {
		for (boolean inBlocks : new boolean[] { true, false }) {
			// given: a multiclass scorer beside a binary one that decides whether rows go
			// in blocks
			Thirds classes = new Thirds(false);
			Lines other = new Lines(0, inBlocks);
			double[][] probabilities = BlockScorer.rowProbabilities(new Scorer[] { classes, other });
			List<String> seen = new ArrayList<>();
			BlockScorer blocks = new BlockScorer(new Scorer[] { classes, other }, probabilities,
					(row, scores) -> seen.add(row.line() + ":" + scores[0] + ":" + probabilities[0][0] + ":"
							+ probabilities[0][1] + ":" + probabilities[0][2]));
			int count = BlockScorer.BLOCK + 3;

			// when
			for (int i = 0; i < count; i++) {
				blocks.add(new Row(i, null, 0, new double[0], new String[0]));
			}
			blocks.flush();

			// then: each row once, in order, its own probabilities, the top one as its
			// score
			assertThat(probabilities[1]).isNull();
			assertThat(classes.rowCalls).isEqualTo(count);
			assertThat(classes.blockSizes).isEqualTo(inBlocks ? List.of(BlockScorer.BLOCK, 3) : List.of());
			assertThat(seen).hasSize(count);
			for (int i = 0; i < count; i++) {
				double top = (i % 2 == 0) ? 0.5 : 0.7;
				double rest = (1 - top) / 2;
				assertThat(seen.get(i)).isEqualTo(i + ":" + top + ":" + top + ":" + rest + ":" + rest);
			}
		}
	}

	@Test
	void aMulticlassScorerNeedsAnArrayOfItsClassesForItsProbabilities() {
		// given
		Scorer[] scorers = { new Thirds(true) };

		// when / then
		assertThatThrownBy(() -> new BlockScorer(scorers, new double[][] { new double[2] }, (row, scores) -> {
		})).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gives 3 probabilities per row");
	}

}
