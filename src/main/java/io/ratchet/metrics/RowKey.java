package io.ratchet.metrics;

import io.ratchet.data.Row;

/**
 * A row's identity for the regression bootstrap ({@link RegressionReplicates}): a 64-bit
 * hash of its line in the file, its date and its label. The same row gets the same key in
 * a month's pass, in a pass over the whole period and after a restart, whatever the order
 * the rows come in, so replicate weights drawn from it make months merge into periods
 * exactly. The file's name is not part of a {@link Row}: two files' rows share a key only
 * when they share the line, the date and the label, which for a regression label (a
 * measured value) leaves their weights correlated for a handful of rows at most.
 */
public final class RowKey {

	private RowKey() {
	}

	/** The key of a row. */
	public static long of(Row row) {
		long day = (row.date() != null) ? row.date().toEpochDay() : 0;
		return of(row.line(), day, row.label());
	}

	/** The key of the row at that line, of that day (epoch day) and label. */
	static long of(long line, long day, double label) {
		long key = mix(line * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L);
		key = mix(key ^ (day * 0xC2B2AE3D27D4EB4FL));
		return mix(key ^ Double.doubleToLongBits(label));
	}

	/** SplitMix64's finaliser: every input bit moves every output bit. */
	static long mix(long value) {
		long z = value;
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return z ^ (z >>> 31);
	}

}
