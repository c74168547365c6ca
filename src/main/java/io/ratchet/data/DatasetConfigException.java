package io.ratchet.data;

import java.nio.file.Path;

/**
 * A dataset configuration that cannot be used: YAML syntax, unknown or missing field, bad
 * value. The message names the file, the line (when there is one) and the cause, e.g.
 * {@code config/datasets/sales.yml line 4: unknown field "colum"}.
 */
public class DatasetConfigException extends DataFileException {

	/**
	 * @param file the configuration file (or folder) concerned, {@code null} when there
	 * is none
	 * @param line the line of the problem, or 0 when it concerns the whole file
	 * @param message the cause
	 */
	public DatasetConfigException(Path file, long line, String message) {
		super(file, line, message);
	}

	/**
	 * As {@link #DatasetConfigException(Path, long, String)}, with the underlying cause.
	 */
	public DatasetConfigException(Path file, long line, String message, Throwable cause) {
		super(file, line, message, cause);
	}

}
