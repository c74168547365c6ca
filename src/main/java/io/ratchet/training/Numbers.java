package io.ratchet.training;

import java.math.BigDecimal;

/** Number formatting for labels and messages. */
final class Numbers {

	private Numbers() {
	}

	/** {@code 1} rather than {@code 1.0}, {@code 0.1} as is. */
	static String text(double value) {
		return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
	}

}
