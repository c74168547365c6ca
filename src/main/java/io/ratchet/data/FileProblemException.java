package io.ratchet.data;

import java.nio.file.Path;

/**
 * A problem at a place in a file: the file, the line (0 when it concerns the whole file)
 * and a message that names both, {@code <file> line <n>: <cause>}. The common ground of
 * the errors of data files ({@link DataFileException}) and of configuration files that
 * are read with their lines (the search spaces of training, for example).
 */
public abstract class FileProblemException extends RuntimeException {

	private final Path file;

	private final long line;

	/**
	 * @param file the file concerned
	 * @param line the line the problem is on, or 0 when it concerns the whole file
	 * @param message the cause
	 * @param cause the underlying exception, or {@code null}
	 */
	protected FileProblemException(Path file, long line, String message, Throwable cause) {
		super(Locations.describe(file, line, message), cause);
		this.file = file;
		this.line = line;
	}

	/** The file concerned. */
	public Path file() {
		return this.file;
	}

	/** The line concerned, or 0 when the problem is with the whole file. */
	public long line() {
		return this.line;
	}

}
