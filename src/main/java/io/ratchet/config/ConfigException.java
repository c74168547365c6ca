package io.ratchet.config;

import java.nio.file.Path;

/**
 * A configuration file that cannot be used. The message has one form for every file
 * Ratchet reads: {@code <file> line <n>: <cause>}, or {@code <file>: <cause>} when the
 * problem has no single line, e.g.
 * {@code config/requirements.yml line 3: unknown field "mothly" (known: min-rows, monthly, period)}.
 * Feature packages turn it into their own exception at their boundary, keeping
 * {@link #file()}, {@link #line()} and {@link #reason()}.
 */
public class ConfigException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final transient Path file;

	private final int line;

	private final String reason;

	/**
	 * @param file the file at fault, {@code null} when there is none
	 * @param line the line at fault (1-based), or 0 when the problem concerns the whole
	 * file
	 * @param reason the cause, without file and line
	 */
	public ConfigException(Path file, int line, String reason) {
		this(file, line, reason, null);
	}

	/** As {@link #ConfigException(Path, int, String)}, with the underlying cause. */
	public ConfigException(Path file, int line, String reason, Throwable cause) {
		super(describe(file, line, reason), cause);
		this.file = file;
		this.line = line;
		this.reason = reason;
	}

	/**
	 * The message form shared by every configuration error: the file, the line when there
	 * is one, the cause.
	 */
	public static String describe(Path file, long line, String reason) {
		if (file == null) {
			return reason;
		}
		return (line > 0) ? file + " line " + line + ": " + reason : file + ": " + reason;
	}

	/** The file at fault, or {@code null}. */
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

}
