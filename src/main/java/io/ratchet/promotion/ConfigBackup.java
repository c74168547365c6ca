package io.ratchet.promotion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import io.ratchet.data.AtomicFiles;

/**
 * The bytes of configuration files ({@code registry.yml}, {@code requirements.yml}) taken
 * before a promotion or a rollback changes them, put back when the change fails so that a
 * failed step leaves the files as they were.
 */
final class ConfigBackup {

	/**
	 * Each file's bytes before the change, {@code null} for a file that did not exist.
	 */
	private final Map<Path, byte[]> before = new LinkedHashMap<>();

	private ConfigBackup(Path... files) {
		for (Path file : files) {
			this.before.put(file, bytes(file));
		}
	}

	/** Takes the current bytes of the files. */
	static ConfigBackup of(Path... files) {
		return new ConfigBackup(files);
	}

	/** Runs the change; when it throws, puts every file back as it was and rethrows. */
	<T> T restoringOnFailure(Supplier<T> change) {
		try {
			return change.get();
		}
		catch (RuntimeException ex) {
			this.before.forEach(ConfigBackup::restore);
			throw ex;
		}
	}

	/** The file's bytes, {@code null} when it does not exist. */
	static byte[] bytes(Path file) {
		try {
			return Files.exists(file) ? Files.readAllBytes(file) : null;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + file, ex);
		}
	}

	/** Writes a file through a temporary file in the same folder and a rename. */
	static void writeAtomically(Path file, String text) {
		try {
			AtomicFiles.write(file, text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex.getMessage(), ex);
		}
	}

	private static void restore(Path file, byte[] before) {
		try {
			if (before == null) {
				Files.deleteIfExists(file);
			}
			else if (!Arrays.equals(before, bytes(file))) {
				Files.write(file, before);
			}
		}
		catch (IOException | UncheckedIOException ex) {
			// the original failure is the one to report
		}
	}

}
