package io.ratchet.config;

import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Whether two names are close enough for one to be a misspelling of the other, for the
 * "did you mean" hints of configuration errors (a dataset key and a dataset, an unknown
 * field and the known ones).
 */
public final class Spelling {

	private Spelling() {
	}

	/**
	 * Two different names within a few edits of each other (insertions, deletions,
	 * substitutions and swaps of neighbours, ignoring case): one edit for names of up to
	 * 5 characters, one per 3 characters beyond.
	 */
	public static boolean near(String a, String b) {
		if (a.equals(b)) {
			return false;
		}
		String x = a.toLowerCase(Locale.ROOT);
		String y = b.toLowerCase(Locale.ROOT);
		int allowed = Math.max(1, Math.min(x.length(), y.length()) / 3);
		return Math.abs(x.length() - y.length()) <= allowed && distance(x, y) <= allowed;
	}

	/**
	 * The optimal string alignment distance: Levenshtein's, with a swap of two neighbours
	 * as one edit.
	 */
	public static int distance(String x, String y) {
		int[][] d = new int[x.length() + 1][y.length() + 1];
		for (int i = 0; i <= x.length(); i++) {
			d[i][0] = i;
		}
		for (int j = 0; j <= y.length(); j++) {
			d[0][j] = j;
		}
		for (int i = 1; i <= x.length(); i++) {
			for (int j = 1; j <= y.length(); j++) {
				int cost = (x.charAt(i - 1) == y.charAt(j - 1)) ? 0 : 1;
				d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
				if (i > 1 && j > 1 && x.charAt(i - 1) == y.charAt(j - 2) && x.charAt(i - 2) == y.charAt(j - 1)) {
					d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
				}
			}
		}
		return d[x.length()][y.length()];
	}

	/** The names among {@code known} that {@code name} is near to, in their order. */
	public static List<String> near(String name, Collection<String> known) {
		return known.stream().filter((candidate) -> near(name, candidate)).toList();
	}

}
