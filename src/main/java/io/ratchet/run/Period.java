package io.ratchet.run;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * The period a figure covers: one calendar month ({@code YYYY-MM}) or the whole period of
 * the run ({@link #ALL}, stored as {@code ALL}). The database keeps {@link #value()};
 * values read back are stripped of a {@code CHAR} column's padding.
 */
public record Period(String value) implements Comparable<Period> {

	/** The stored name of the whole period. */
	public static final String ALL_VALUE = "ALL";

	/** The whole period of a run (a back-test's months together, a now-test's window). */
	public static final Period ALL = new Period(ALL_VALUE);

	public Period {
		Objects.requireNonNull(value, "value");
		value = value.strip();
		if (!ALL_VALUE.equals(value)) {
			try {
				YearMonth.parse(value);
			}
			catch (DateTimeParseException ex) {
				throw new IllegalArgumentException("A period is YYYY-MM or ALL, not '" + value + "'", ex);
			}
		}
	}

	/** A stored period. */
	public static Period of(String value) {
		return new Period(value);
	}

	/** One calendar month. */
	public static Period month(YearMonth month) {
		return new Period(month.toString());
	}

	/** Whether this is the whole period rather than one month. */
	public boolean isAll() {
		return ALL_VALUE.equals(this.value);
	}

	/** The month, or empty for the whole period. */
	public Optional<YearMonth> month() {
		return isAll() ? Optional.empty() : Optional.of(YearMonth.parse(this.value));
	}

	/** Months in calendar order, the whole period last. */
	@Override
	public int compareTo(Period other) {
		if (isAll() || other.isAll()) {
			return Boolean.compare(isAll(), other.isAll());
		}
		return this.value.compareTo(other.value);
	}

	@Override
	public String toString() {
		return this.value;
	}

}
