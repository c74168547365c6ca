package io.ratchet.model;

import java.nio.file.Path;

/**
 * A model version's regression cases refuse it: its cases file is missing or corrupt, or
 * a case's output no longer matches the one recorded (the message then holds the readable
 * diff: case, expected, got). The message names the cases file, and the line when there
 * is one.
 */
public class ModelCasesException extends RuntimeException {

	private final Path file;

	public ModelCasesException(Path file, long line, String message) {
		this(file, line, message, null);
	}

	public ModelCasesException(Path file, long line, String message, Throwable cause) {
		super(((file != null) ? file + ((line > 0) ? " line " + line : "") + ": " : "") + message, cause);
		this.file = file;
	}

	/** The cases file concerned. */
	public Path file() {
		return this.file;
	}

}
