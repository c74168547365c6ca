package io.ratchet.model;

import java.math.BigInteger;
import java.util.Comparator;

/**
 * Orders version strings: split at dots, segments compared as numbers when both are
 * digits ({@code 2 < 10}, {@code 1.9 < 1.10}) and as text otherwise; a version that is a
 * prefix of another comes first.
 */
final class Versions {

	static final Comparator<String> ORDER = Versions::compare;

	private Versions() {
	}

	static int compare(String left, String right) {
		String[] a = left.split("\\.", -1);
		String[] b = right.split("\\.", -1);
		for (int i = 0; i < Math.min(a.length, b.length); i++) {
			int order = (isNumber(a[i]) && isNumber(b[i])) ? new BigInteger(a[i]).compareTo(new BigInteger(b[i]))
					: a[i].compareTo(b[i]);
			if (order != 0) {
				return order;
			}
		}
		return (a.length != b.length) ? Integer.compare(a.length, b.length) : left.compareTo(right);
	}

	private static boolean isNumber(String segment) {
		return !segment.isEmpty() && segment.chars().allMatch((c) -> c >= '0' && c <= '9');
	}

}
