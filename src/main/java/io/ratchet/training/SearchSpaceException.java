package io.ratchet.training;

import java.nio.file.Path;

/**
 * A search space ({@code config/search/<dataset>.yml}) that cannot be used. The message names the file, the line (when
 * there is one) and the cause, e.g. {@code config/search/sales.yml line 3: unknown feature "regoin"}.
 */
public class SearchSpaceException extends RuntimeException {

	private final Path file;

	private final long line;

	/**
	 * @param file the search-space file
	 * @param line the line of the problem, or 0 when it concerns the whole file
	 * @param message the cause
	 */
	public SearchSpaceException(Path file, long line, String message) {
		this(file, line, message, null);
	}

	public SearchSpaceException(Path file, long line, String message, Throwable cause) {
		super(((file != null) ? file + ((line > 0) ? " line " + line : "") + ": " : "") + message, cause);
		this.file = file;
		this.line = line;
	}

	/** The file concerned. */
	public Path file() {
		return this.file;
	}

	/** The line concerned, or 0. */
	public long line() {
		return this.line;
	}

}
