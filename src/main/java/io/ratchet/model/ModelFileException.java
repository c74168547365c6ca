package io.ratchet.model;

import java.nio.file.Path;
import java.util.function.Supplier;

import io.ratchet.config.ConfigException;

/**
 * A model file, an oracle export or the registry that cannot be used: names the file, the line when there is one (0
 * otherwise) and the cause, e.g. {@code config/models/churn-logit-v1.json line 12: unknown field "wieght"}.
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

	/**
	 * Runs a read of the {@code io.ratchet.config} package, turning its {@link ConfigException} into a
	 * {@code ModelFileException} with the same file, line and cause.
	 */
	static <T> T translating(Supplier<T> reading) {
		try {
			return reading.get();
		}
		catch (ConfigException ex) {
			throw new ModelFileException(ex.file(), ex.line(), ex.reason(), ex);
		}
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
		return (file != null) ? ConfigException.describe(file, line, reason) : "(no file): " + reason;
	}

}
