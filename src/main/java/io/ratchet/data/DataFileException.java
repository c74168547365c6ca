package io.ratchet.data;

import java.nio.file.Path;

/**
 * A problem with a whole data file (missing, empty, unusable header, malformed CSV, …),
 * as opposed to one bad row, which is a {@link Rejection}. The message names the file,
 * the line (when there is one) and the cause.
 */
public class DataFileException extends FileProblemException {

	/**
	 * @param file the data file
	 * @param line the line the problem is on, or 0 when it concerns the whole file
	 * @param message the cause
	 */
	public DataFileException(Path file, long line, String message) {
		this(file, line, message, null);
	}

	/** As {@link #DataFileException(Path, long, String)}, with the underlying cause. */
	public DataFileException(Path file, long line, String message, Throwable cause) {
		super(file, line, message, cause);
	}

}
