package io.ratchet.data;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One share of a dataset's {@code top-k:}: the top {@code share} of rows by score, whose
 * precision, recall and lift are named {@code precision_top{percent}pct} and so on, the
 * percent being {@code round(100·share)}.
 *
 * @param share the share of rows, in (0, 1)
 */
public record TopK(double share) {

	public TopK {
		if (!(share > 0 && share < 1)) {
			throw new IllegalArgumentException("a top-k share must be a number in (0, 1), not " + share);
		}
		if (Math.round(share * 100) < 1) {
			throw new IllegalArgumentException(
					"a top-k share of " + share + " would be named top0pct; the smallest share is 0.005");
		}
	}

	/** {@code round(100·share)}: 20 for 0.2. */
	public long percent() {
		return Math.round(this.share * 100);
	}

	/** The suffix of its metrics' names, e.g. {@code top20pct}. */
	public String suffix() {
		return "top" + percent() + "pct";
	}

	/**
	 * Rows in the top {@code share} of {@code n} before ties: {@code ceil(n·share)} in
	 * decimal, so 10% of 30 rows is 3 (where {@code ceil(0.1 * 30)} in doubles is 4).
	 */
	public long cut(long n) {
		return BigDecimal.valueOf(this.share)
			.multiply(BigDecimal.valueOf(n))
			.setScale(0, RoundingMode.CEILING)
			.longValueExact();
	}

}
