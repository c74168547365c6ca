package io.ratchet.data;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;

/**
 * How the data files of a dataset are read and which dates are plausible: the optional
 * settings of {@code config/datasets/<name>.yml} ({@code encoding},
 * {@code max-record-length}, {@code date.earliest}, {@code date.latest}).
 *
 * @param encoding the character set of files to import when they have no byte order mark
 * (month files are always UTF-8, whatever this says)
 * @param maxRecordLength the longest record, in characters, read from a file (a longer
 * one stops the read with an error naming the file and line, so that a field without an
 * end cannot exhaust the memory)
 * @param earliestDate the earliest plausible event date; an imported row before it is
 * rejected
 * @param latestDate the latest plausible event date, or {@code null} for one year after
 * the day of the import
 */
public record ImportSettings(Charset encoding, int maxRecordLength, LocalDate earliestDate, LocalDate latestDate) {

	/**
	 * 1 Mi characters: far above a row of any tabular dataset, far below what would
	 * strain the memory.
	 */
	public static final int DEFAULT_MAX_RECORD_LENGTH = 1 << 20;

	/** The default earliest plausible date. */
	public static final LocalDate DEFAULT_EARLIEST_DATE = LocalDate.of(1900, 1, 1);

	/**
	 * UTF-8, records up to {@value #DEFAULT_MAX_RECORD_LENGTH} characters, dates from
	 * 1900-01-01 to a year ahead.
	 */
	public static final ImportSettings DEFAULTS = new ImportSettings(StandardCharsets.UTF_8, DEFAULT_MAX_RECORD_LENGTH,
			DEFAULT_EARLIEST_DATE, null);

	public ImportSettings {
		if (maxRecordLength < 1) {
			throw new IllegalArgumentException("maxRecordLength must be positive: " + maxRecordLength);
		}
		if (latestDate != null && latestDate.isBefore(earliestDate)) {
			throw new IllegalArgumentException("latest date " + latestDate + " before earliest " + earliestDate);
		}
	}

	/** The latest plausible date on the day the clock shows. */
	public LocalDate latestDate(Clock clock) {
		return (this.latestDate != null) ? this.latestDate : LocalDate.now(clock).plusYears(1);
	}

}
