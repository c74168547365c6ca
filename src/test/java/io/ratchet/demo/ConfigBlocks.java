package io.ratchet.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * Replaces one top-level key of a YAML file as text, leaving every other line (other
 * datasets, comments) as it was: {@code config/registry.yml} and
 * {@code config/requirements.yml} are shared by all datasets, and the demo owns only its
 * {@code churn:} block. A block runs from its {@code key:} line to the next line that
 * starts a top-level key.
 */
final class ConfigBlocks {

	private ConfigBlocks() {
	}

	/**
	 * @param existing the file's text, or {@code null} when there is no file yet
	 * @param key the top-level key
	 * @param block the new block, starting with {@code key:} and ending with a line feed
	 */
	static String replace(String existing, String key, String block) {
		if (existing == null || existing.isBlank()) {
			return block;
		}
		List<String> kept = new ArrayList<>();
		// blank lines and top-level comments ending the old block
		List<String> tail = new ArrayList<>();
		int insertAt = -1;
		boolean inside = false;
		for (String line : existing.split("\n", -1)) {
			if (startsKey(line)) {
				kept.addAll(tail);
				tail.clear();
				inside = line.equals(key + ":") || line.startsWith(key + ": ") || line.startsWith(key + ":#");
				if (inside && insertAt < 0) {
					insertAt = kept.size();
				}
			}
			if (!inside) {
				kept.add(line);
			}
			else if (line.isBlank() || line.startsWith("#")) {
				tail.add(line);
			}
			else {
				tail.clear();
			}
		}
		kept.addAll(tail);
		if (insertAt < 0) {
			String text = String.join("\n", kept);
			return (text.endsWith("\n") ? text : text + "\n") + "\n" + block;
		}
		kept.add(insertAt, block.substring(0, block.length() - 1));
		String text = String.join("\n", kept);
		return text.endsWith("\n") ? text : text + "\n";
	}

	private static boolean startsKey(String line) {
		return !line.isEmpty() && !Character.isWhitespace(line.charAt(0)) && line.charAt(0) != '#'
				&& !line.startsWith("---") && !line.startsWith("- ");
	}

}
