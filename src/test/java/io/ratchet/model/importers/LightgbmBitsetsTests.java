package io.ratchet.model.importers;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.ratchet.model.ModelFileException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link LightgbmBitsets}: which levels a categorical node sends left, from bitsets of
 * unsigned 32-bit words delimited by {@code cat_boundaries}.
 */
class LightgbmBitsetsTests {

	private static final LightgbmText TEXT = LightgbmText.parse(Path.of("m.txt"), "tree\nTree=0\nend of trees\n");

	/**
	 * Bitset 0: one word, codes 0 and 2; bitset 1: two words, codes 1, 31 (the sign bit)
	 * and 33.
	 */
	private static final LightgbmBitsets BITSETS = new LightgbmBitsets(TEXT, new int[] { 0, 1, 3 },
			new int[] { 5, 0x80000002, 2 }, 7);

	@Test
	void aNodeSendsLeftTheLevelsWhoseCodesAreSet() {
		// given a feature whose levels are known (codes are positions)
		Input.Code plan = new Input.Code("plan", List.of("basic", "plus", "pro"));

		// when the two bitsets are read for it
		Map<String, Boolean> first = BITSETS.goesLeft(plan, 0, 0);
		Map<String, Boolean> second = BITSETS.goesLeft(plan, 3, 1);

		// then every known level is listed, left exactly when its code is set
		assertThat(first).containsExactly(Map.entry("basic", true), Map.entry("plus", false), Map.entry("pro", true));
		assertThat(second).containsExactly(Map.entry("basic", false), Map.entry("plus", true), Map.entry("pro", false));
	}

	@Test
	void integerCodesListOnlyTheCodesSetAcrossWords() {
		// given a feature coded as integers (no levels)
		Input.Code region = new Input.Code("region", null);

		// when the two-word bitset is read
		Map<String, Boolean> left = BITSETS.goesLeft(region, 3, 1);

		// then the set codes of both words, the sign bit included, go left
		assertThat(left).containsExactly(Map.entry("1", true), Map.entry("31", true), Map.entry("33", true));
	}

	@Test
	void aBitsetTheBoundariesDoNotHoldIsRefusedWithTheLine() {
		// given a node that refers to a third bitset
		Input.Code plan = new Input.Code("plan", List.of("basic"));

		// when it is read, then it is refused naming the cat_boundaries line
		assertThatThrownBy(() -> BITSETS.goesLeft(plan, 4, 2)).isInstanceOfSatisfying(ModelFileException.class,
				(ex) -> {
					assertThat(ex.line()).isEqualTo(7);
					assertThat(ex.reason()).isEqualTo("categorical node 4 refers to bitset 2, which cat_boundaries and"
							+ " cat_threshold do not hold");
				});
	}

}
