package io.ratchet.model;

import java.nio.file.Path;
import java.util.function.Supplier;

import io.ratchet.config.ConfigException;

/**
 * A model file, an oracle export or the registry that cannot be used: names the file, the
 * line when there is one (0 otherwise) and the cause, e.g.
 * {@code config/models/sales-logit-v1.json line 12: unknown field "wieght"}: a
 * {@link ConfigException} of the model package.
 */
public class ModelFileException extends ConfigException {

	private static final long serialVersionUID = 1L;

	public ModelFileException(Path file, int line, String reason) {
		this(file, line, reason, null);
	}

	public ModelFileException(Path file, int line, String reason, Throwable cause) {
		super(file, line, reason, cause);
	}

	/**
	 * Runs a read of the {@code io.ratchet.config} package, turning its
	 * {@link ConfigException} into a {@code ModelFileException} with the same file, line
	 * and cause.
	 */
	static <T> T translating(Supplier<T> reading) {
		try {
			return reading.get();
		}
		catch (ConfigException ex) {
			throw new ModelFileException(ex.file(), ex.line(), ex.reason(), ex);
		}
	}

}
