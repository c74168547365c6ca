package io.ratchet.training;

import java.nio.file.Path;

import io.ratchet.data.FileProblemException;

/**
 * A search space ({@code config/search/<dataset>.yml}) that cannot be used. The message
 * names the file, the line (when there is one) and the cause, e.g.
 * {@code config/search/sales.yml line 3: unknown feature "regoin"}.
 */
public class SearchSpaceException extends FileProblemException {

	/**
	 * @param file the search-space file
	 * @param line the line of the problem, or 0 when it concerns the whole file
	 * @param message the cause
	 */
	public SearchSpaceException(Path file, long line, String message) {
		this(file, line, message, null);
	}

	/**
	 * As {@link #SearchSpaceException(Path, long, String)}, with the underlying cause.
	 */
	public SearchSpaceException(Path file, long line, String message, Throwable cause) {
		super(file, line, message, cause);
	}

}
