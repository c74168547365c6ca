package io.ratchet.data;

import java.io.IOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes a file so that a reader never sees half of it: the content goes to a temporary
 * file beside the target, which is then moved over it in one rename. When writing fails
 * (a full disk) the temporary file is removed and the error names the target. The file
 * keeps the permissions of the one it replaces; a new file is {@code rw-r--r--} (a
 * temporary file is created readable by its owner only). Used for reports, model files
 * and their cases, the registry, the requirements and e-mails written to the outbox
 * folder.
 *
 * <p>
 * Durable as well as atomic ({@link #move}): the content is forced to the disk before the
 * rename, and the folder after it, so that after a power cut or a kernel crash the target
 * is the old file or the whole new one, never an empty or half-written file under the new
 * name (which a rename alone allows on ext4, XFS and others: the rename may reach the
 * disk before the data), nor the old one back after the command said it wrote the new
 * one.
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

	/**
	 * Checks the file written aside before it replaces the target (e.g. that it reads
	 * back).
	 */
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

	/**
	 * Writes text (UTF-8) produced by {@code content}; {@code check} may refuse it before
	 * it replaces the target.
	 */
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
			move(aside, target);
		}
		catch (IOException ex) {
			throw new IOException("cannot write " + target + ": " + ex.getMessage(), ex);
		}
		finally {
			Files.deleteIfExists(aside);
		}
	}

	/**
	 * Moves a finished file into place, replacing what is there, durably: the file's
	 * content is forced to the disk, then it is renamed in one step (atomically where the
	 * file system can), then the folder (both folders, for a move between two) is forced,
	 * so that the rename itself survives a crash.
	 */
	public static void move(Path file, Path target) throws IOException {
		force(file);
		try {
			Files.move(file, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
		}
		Path to = target.toAbsolutePath().getParent();
		Path from = file.toAbsolutePath().getParent();
		forceFolder(to);
		if (!from.equals(to)) {
			forceFolder(from);
		}
	}

	/** Forces a file's content (and size) to the disk: {@code fsync}. */
	public static void force(Path file) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			channel.force(true);
		}
	}

	/**
	 * Forces a folder's entries (names created, renamed or removed in it) to the disk:
	 * {@code fsync} of the folder. A platform that cannot open a folder (Windows) makes
	 * its renames durable by itself; there this does nothing.
	 */
	public static void forceFolder(Path folder) throws IOException {
		FileChannel channel;
		try {
			channel = FileChannel.open(folder, StandardOpenOption.READ);
		}
		catch (IOException | UnsupportedOperationException ex) {
			return;
		}
		try (channel) {
			channel.force(true);
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
