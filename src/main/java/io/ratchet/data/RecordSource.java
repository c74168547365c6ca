package io.ratchet.data;

import java.io.Closeable;
import java.util.List;

/**
 * A CSV file read record by record, each record with the physical line it starts on and
 * the undecodable bytes it holds: {@link ByteCsvReader} (UTF-8, from the bytes) or
 * {@link CsvSource} (Commons CSV, any encoding).
 */
interface RecordSource extends Closeable {

	/** The header's column names, in file order. */
	List<String> header();

	/** Moves to the next non-blank record; {@code false} at the end of the file. */
	boolean next();

	/** The current record. */
	CsvFields fields();

	/** The physical line the current record starts on (1 is the header). */
	long line();

	/**
	 * Why the current record cannot be trusted because of its bytes
	 * ({@code invalid UTF-8 bytes \xFC in column city ...}), or {@code null} when every
	 * byte decoded.
	 */
	String invalidBytes();

	@Override
	void close();

}
