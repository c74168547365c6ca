package io.ratchet.data;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What an import did. Every row of the file is counted once:
 * {@code rows = accepted + duplicates + updated +
 * rejected}.
 *
 * @param source the imported file
 * @param sourceSha256 the SHA-256 of the file's bytes, lower-case hex
 * @param rows data records in the file
 * @param accepted new rows written to month files
 * @param duplicates rows matched with a row already stored (so not written again):
 * without id columns an identical stored row not matched yet, with id columns the stored
 * row of the same id with the same values
 * @param updated rows that brought the label of a stored row of the same id (which had
 * none)
 * @param rejected rows kept in the quarantine file instead: invalid rows and conflicts
 * @param conflicts of the rejected rows, those whose id is stored with other values
 * @param acceptedByMonth new rows, per month (months without any left out)
 * @param updatedByMonth updated rows, per month (months without any left out)
 * @param quarantineFile the file the rejected rows went to, {@code null} when nothing was
 * rejected
 */
public record ImportResult(Path source, String sourceSha256, long rows, long accepted, long duplicates, long updated,
		long rejected, long conflicts, SortedMap<YearMonth, Long> acceptedByMonth,
		SortedMap<YearMonth, Long> updatedByMonth, Path quarantineFile) {

	public ImportResult {
		acceptedByMonth = Collections.unmodifiableSortedMap(new TreeMap<>(acceptedByMonth));
		updatedByMonth = Collections.unmodifiableSortedMap(new TreeMap<>(updatedByMonth));
	}

}
