package io.ratchet.data;

/**
 * Rows {@code [from, to)} of a month file: records counted from 0 in file order after the
 * header, valid and rejected alike (so the ranges of a month cover each record exactly
 * once whatever its content). The last range of a month is open ({@code to} is
 * {@link Long#MAX_VALUE}): it reads to the end of the file, so a plan made from an
 * estimate of the row count still covers every row.
 *
 * @param from the first record, from 0
 * @param to the record after the last, or {@link Long#MAX_VALUE} for the end of the file
 */
public record RowRange(long from, long to) {

	/** The whole file. */
	public static final RowRange ALL = new RowRange(0, Long.MAX_VALUE);

	public RowRange {
		if (from < 0 || to <= from) {
			throw new IllegalArgumentException("not a row range: [" + from + ", " + to + ")");
		}
	}

	/** Whether the range holds the record with this index. */
	public boolean contains(long record) {
		return record >= this.from && record < this.to;
	}

	/** Whether this is the whole file. */
	public boolean all() {
		return equals(ALL);
	}

	/** {@code 25000..50000}, or {@code 50000..} for a range to the end of the file. */
	public String format() {
		return this.from + ".." + ((this.to == Long.MAX_VALUE) ? "" : Long.toString(this.to));
	}

	/** The inverse of {@link #format}. */
	public static RowRange parse(String text) {
		int dots = text.indexOf("..");
		if (dots < 0) {
			throw new IllegalArgumentException("not a row range (from..to or from..): " + text);
		}
		String to = text.substring(dots + 2);
		return new RowRange(Long.parseLong(text.substring(0, dots)),
				to.isEmpty() ? Long.MAX_VALUE : Long.parseLong(to));
	}

}
