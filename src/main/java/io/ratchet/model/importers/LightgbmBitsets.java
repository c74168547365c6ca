package io.ratchet.model.importers;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The categorical splits of one LightGBM tree: {@code cat_threshold} holds bitsets of
 * unsigned 32-bit words and {@code cat_boundaries} delimits each one's words; a
 * categorical node's threshold is the index of its bitset. A node sends LEFT the codes
 * set in its bitset and everything else RIGHT, a missing or unseen level included.
 */
final class LightgbmBitsets {

	private final LightgbmText text;

	private final int[] boundaries;

	private final int[] words;

	private final int line;

	/**
	 * @param boundaries the {@code cat_boundaries} values
	 * @param words the {@code cat_threshold} values
	 * @param line the line of {@code cat_boundaries}, for messages
	 */
	LightgbmBitsets(LightgbmText text, int[] boundaries, int[] words, int line) {
		this.text = text;
		this.boundaries = boundaries;
		this.words = words;
		this.line = line;
	}

	/**
	 * Which levels categorical node {@code node} sends left: the codes set in bitset
	 * {@code index}, each named by its level (every known level when the code has its
	 * levels, else the set codes as integers).
	 */
	Map<String, Boolean> goesLeft(Input.Code code, int node, int index) {
		if (index < 0 || index + 1 >= this.boundaries.length || this.boundaries[index] < 0
				|| this.boundaries[index + 1] > this.words.length
				|| this.boundaries[index] > this.boundaries[index + 1]) {
			throw this.text.error(this.line, "categorical node " + node + " refers to bitset " + index + ", which"
					+ " cat_boundaries and cat_threshold do not hold");
		}
		int from = this.boundaries[index];
		int count = this.boundaries[index + 1] - from;
		Map<String, Boolean> goesLeft = new LinkedHashMap<>();
		int codes = (code.levels() != null) ? code.levels().size() : count * 32;
		for (int c = 0; c < codes; c++) {
			boolean set = c / 32 < count && ((this.words[from + c / 32] >>> (c % 32)) & 1) != 0;
			if (code.levels() != null || set) {
				goesLeft.put(code.level(c), set);
			}
		}
		return goesLeft;
	}

}
