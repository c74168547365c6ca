package io.ratchet.data;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What an import did. {@code rows = accepted + duplicates + rejected}.
 *
 * @param source the imported file
 * @param sourceSha256 the SHA-256 of the file's bytes, lower-case hex
 * @param rows data records in the file
 * @param accepted valid rows written to month files
 * @param duplicates valid rows not written because the month file already had them (or an earlier row of this file)
 * @param rejected invalid rows, written to the quarantine file
 * @param acceptedByMonth rows written, per month
 * @param quarantineFile the file the rejected rows went to, {@code null} when nothing was rejected
 */
public record ImportResult(Path source, String sourceSha256, long rows, long accepted, long duplicates, long rejected,
		SortedMap<YearMonth, Long> acceptedByMonth, Path quarantineFile) {

	public ImportResult {
		acceptedByMonth = Collections.unmodifiableSortedMap(new TreeMap<>(acceptedByMonth));
	}

}
