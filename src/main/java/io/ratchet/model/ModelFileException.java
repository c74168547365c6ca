package io.ratchet.model;

import java.nio.file.Path;

/**
 * A model file, an oracle export or the registry that cannot be used: names the file, the line when there is one (0
 * otherwise) and the cause, e.g. {@code config/models/sales-logit-v1.json line 12: unknown field "wieght"}.
 */
public class ModelFileException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final transient Path file;

	private final int line;

	private final String reason;

	public ModelFileException(Path file, int line, String reason) {
		this(file, line, reason, null);
	}

	public ModelFileException(Path file, int line, String reason, Throwable cause) {
		super(describe(file, line, reason), cause);
		this.file = file;
		this.line = line;
		this.reason = reason;
	}

	/** The file at fault. */
	public Path file() {
		return this.file;
	}

	/** The line at fault, 1-based, or 0 when the problem has no single line. */
	public int line() {
		return this.line;
	}

	/** The cause alone, without file and line. */
	public String reason() {
		return this.reason;
	}

	private static String describe(Path file, int line, String reason) {
		String where = (file != null) ? file.toString() : "(no file)";
		return (line > 0) ? where + " line " + line + ": " + reason : where + ": " + reason;
	}

}
