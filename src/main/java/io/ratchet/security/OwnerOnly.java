package io.ratchet.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

import io.ratchet.data.AtomicFiles;

/**
 * Files and folders that only their owner can read: Ratchet's state folder
 * ({@code .ratchet/}), the embedded database's and the HTTP endpoint's generated
 * credentials. A credentials file is written once: created complete under a temporary
 * name with mode 600 and linked into place only if no file is there yet, so a second
 * process never replaces it (it reads the first one's) and nobody ever sees a partial or
 * readable one.
 */
public final class OwnerOnly {

	private static final Set<PosixFilePermission> GROUP_AND_OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
			PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
			PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

	private OwnerOnly() {
	}

	/**
	 * The content of {@code file}: the existing one's, or {@code content} after writing
	 * it (mode 600) when there is none. Two processes racing get the same answer; an
	 * existing file is never replaced, and is made owner-only.
	 */
	public static String createOnce(Path file, String content) {
		Path target = file.toAbsolutePath();
		try {
			if (!Files.exists(target)) {
				folder(target.getParent());
				Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName() + "-", ".tmp",
						fileAttributes(target.getParent()));
				try {
					Files.writeString(temp, content, StandardCharsets.UTF_8);
					try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
						channel.force(true);
					}
					// fails when a file is there: never replaces one
					Files.createLink(target, temp);
				}
				catch (FileAlreadyExistsException ex) {
					// another process wrote it first: its content wins
				}
				catch (UnsupportedOperationException ex) {
					// no hard links on this file system: create-new semantics by the
					// move's failure
					Files.move(temp, target);
				}
				finally {
					Files.deleteIfExists(temp);
				}
				// the new name survives a crash: credentials are not lost
				AtomicFiles.forceFolder(target.getParent());
			}
			restrict(target);
			return Files.readString(target, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(
					"cannot write " + target + " (readable only by its owner): " + ex.getMessage(), ex);
		}
	}

	/**
	 * Creates {@code folder} (and its parents) when missing and makes it owner-only
	 * ({@code rwx------}).
	 */
	public static Path folder(Path folder) throws IOException {
		Path dir = folder.toAbsolutePath();
		if (!Files.isDirectory(dir)) {
			Files.createDirectories(dir);
		}
		restrict(dir);
		return dir;
	}

	/**
	 * Makes {@code folder} and everything under it owner-only (clears every group and
	 * others bit), without following links: a state folder made by an earlier version, or
	 * by a process started with a wider umask, is closed at the next start. Nothing
	 * happens when the folder does not exist.
	 */
	public static void tree(Path folder) {
		Path dir = folder.toAbsolutePath();
		if (!Files.isDirectory(dir) || !posix(dir)) {
			return;
		}
		try {
			Files.walkFileTree(dir, new SimpleFileVisitor<>() {
				@Override
				public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attributes) throws IOException {
					restrict(d);
					return FileVisitResult.CONTINUE;
				}

				@Override
				public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
					if (attributes.isRegularFile()) {
						restrict(file);
					}
					return FileVisitResult.CONTINUE;
				}

				@Override
				public FileVisitResult visitFileFailed(Path file, IOException ex) {
					// a file that vanished meanwhile (a lock, a temp file)
					return FileVisitResult.CONTINUE;
				}
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot make " + dir + " readable only by its owner: " + ex.getMessage(),
					ex);
		}
	}

	/**
	 * Whether group or others have any permission on {@code path} (false where there are
	 * no POSIX permissions).
	 */
	public static boolean openToOthers(Path path) {
		if (!posix(path)) {
			return false;
		}
		try {
			Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
			return permissions.stream().anyMatch(GROUP_AND_OTHERS::contains);
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static void restrict(Path path) throws IOException {
		if (!posix(path)) {
			return;
		}
		Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
		if (permissions.removeAll(GROUP_AND_OTHERS)) {
			Files.setPosixFilePermissions(path, permissions);
		}
	}

	private static FileAttribute<?>[] fileAttributes(Path folder) {
		return posix(folder)
				? new FileAttribute<?>[] {
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")) }
				: new FileAttribute<?>[0];
	}

	private static boolean posix(Path path) {
		return Files.getFileAttributeView(path, PosixFileAttributeView.class) != null;
	}

}
