package io.ratchet.data;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes a file so that a reader never sees half of it: the content goes to a temporary file beside the target, which
 * is then moved over it in one rename. When writing fails (a full disk) the temporary file is removed and the error
 * names the target. The file keeps the permissions of the one it replaces; a new file is {@code rw-r--r--} (a
 * temporary file is created readable by its owner only). Used for reports, model files and their cases, the registry,
 * the requirements and e-mails written to the outbox folder.
 */
public final class AtomicFiles {

	private static final Set<PosixFilePermission> NEW_FILE = PosixFilePermissions.fromString("rw-r--r--");

	private AtomicFiles() {
	}

	/** Writes text to a {@link Writer} (UTF-8). */
	@FunctionalInterface
	public interface Content {

		void write(Writer out) throws IOException;

	}

	/** Checks the file written aside before it replaces the target (e.g. that it reads back). */
	@FunctionalInterface
	public interface Check {

		void check(Path aside) throws IOException;

	}

	/** Writes text (UTF-8). */
	public static void write(Path target, String text) throws IOException {
		write(target, (out) -> out.write(text), (aside) -> {
		});
	}

	/** Writes bytes. */
	public static void write(Path target, byte[] bytes) throws IOException {
		replace(target, (aside) -> Files.write(aside, bytes), (aside) -> {
		});
	}

	/** Writes text (UTF-8) produced by {@code content}. */
	public static void write(Path target, Content content) throws IOException {
		write(target, content, (aside) -> {
		});
	}

	/** Writes text (UTF-8) produced by {@code content}; {@code check} may refuse it before it replaces the target. */
	public static void write(Path target, Content content, Check check) throws IOException {
		replace(target, (aside) -> {
			try (Writer out = Files.newBufferedWriter(aside, StandardCharsets.UTF_8)) {
				content.write(out);
			}
		}, check);
	}

	private static void replace(Path target, Check fill, Check check) throws IOException {
		Path folder = target.toAbsolutePath().getParent();
		Files.createDirectories(folder);
		Path aside = Files.createTempFile(folder, "." + target.getFileName(), ".tmp");
		try {
			fill.check(aside);
			check.check(aside);
			permissions(aside, target);
			try {
				Files.move(aside, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(aside, target, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		catch (IOException ex) {
			throw new IOException("cannot write " + target + ": " + ex.getMessage(), ex);
		}
		finally {
			Files.deleteIfExists(aside);
		}
	}

	private static void permissions(Path aside, Path target) throws IOException {
		try {
			Files.setPosixFilePermissions(aside,
					Files.exists(target) ? Files.getPosixFilePermissions(target) : NEW_FILE);
		}
		catch (UnsupportedOperationException ex) {
			// not a POSIX file system: its defaults apply
		}
	}

}
