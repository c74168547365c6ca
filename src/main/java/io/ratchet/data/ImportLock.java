package io.ratchet.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One import at a time per dataset: an operating-system lock on
 * {@code historical-data/<dataset>/.import.lock} ({@link FileChannel#tryLock()}), which
 * the system releases whenever the process ends, kill -9 included. The file says who
 * holds it ({@code pid 1234 since <instant>}), for the message given to an import that is
 * refused.
 * <p>
 * Two facts of POSIX locks shape this class:
 * <ul>
 * <li>They belong to the process, and closing <em>any</em> descriptor of the file
 * releases them all. So within this process, imports are kept apart by a table of the
 * folders being imported into, and a second import into one of them is refused without
 * ever opening the lock file (which would release the first one's lock).</li>
 * <li>The file is deleted on release (before the lock goes), so that a clean dataset
 * folder holds no trace of it. Someone may have opened the file just before it went, and
 * then lock a file that no longer has a name. That is detected by comparing the file's
 * identity ({@link BasicFileAttributes#fileKey()}: device and inode) under its name
 * before opening it and once locked: the file opened stays open, so its inode cannot be
 * reused, and equal identities prove the name still leads to the locked file. Otherwise
 * the attempt starts again.</li>
 * </ul>
 */
final class ImportLock implements AutoCloseable {

	static final String FILE_NAME = ".import.lock";

	/** Folders imported into by this process, with the holder's description. */
	private static final Map<Path, String> HELD = new ConcurrentHashMap<>();

	private final Path folder;

	private final Path file;

	private final FileChannel channel;

	private ImportLock(Path folder, Path file, FileChannel channel) {
		this.folder = folder;
		this.file = file;
		this.channel = channel;
	}

	/**
	 * Takes the import lock of a dataset folder (which must exist), without waiting.
	 * @param dataset the dataset's name, for the message
	 * @param datasetDir its folder
	 * @throws ImportRunningException when another import into the dataset holds it, in
	 * this process or another
	 */
	static ImportLock acquire(String dataset, Path datasetDir) throws IOException {
		Path folder = datasetDir.toRealPath();
		Path file = folder.resolve(FILE_NAME);
		String holder = "pid " + ProcessHandle.current().pid() + ", since " + Instant.now();
		String other = HELD.putIfAbsent(folder, holder);
		if (other != null) {
			throw new ImportRunningException(dataset, file, other);
		}
		try {
			while (true) {
				Object before = fileKey(file);
				FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
						StandardOpenOption.WRITE);
				try {
					FileLock lock = tryLock(channel);
					if (lock == null) {
						throw new ImportRunningException(dataset, file, holder(channel));
					}
					if (before != null && before.equals(fileKey(file))) {
						channel.truncate(0);
						channel.write(ByteBuffer.wrap((holder + "\n").getBytes(StandardCharsets.UTF_8)), 0);
						return new ImportLock(folder, file, channel);
					}
				}
				catch (IOException | RuntimeException ex) {
					channel.close();
					throw ex;
				}
				// created just now, or deleted by the import that held it after we opened
				// it: by its name again
				channel.close();
			}
		}
		catch (IOException | RuntimeException ex) {
			HELD.remove(folder, holder);
			throw ex;
		}
	}

	private static Object fileKey(Path file) throws IOException {
		try {
			return Objects.requireNonNull(Files.readAttributes(file, BasicFileAttributes.class).fileKey(),
					"this file system cannot tell files apart");
		}
		catch (NoSuchFileException ex) {
			return null;
		}
	}

	private static FileLock tryLock(FileChannel channel) throws IOException {
		try {
			return channel.tryLock();
		}
		catch (OverlappingFileLockException ex) {
			// cannot happen while HELD keeps this process's imports apart, but means
			// "held" if it does
			return null;
		}
	}

	/**
	 * {@code pid 1234, since <instant>} as the holder wrote it, or {@code pid unknown}
	 * while it is writing it.
	 */
	private static String holder(FileChannel channel) throws IOException {
		ByteBuffer buffer = ByteBuffer.allocate(200);
		channel.read(buffer, 0);
		String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).strip();
		return text.startsWith("pid ") ? text : "pid unknown";
	}

	/**
	 * Deletes the file, then releases the lock by closing its channel. Never fails: a
	 * file that cannot be deleted is taken over by the next import, and the system
	 * releases the lock with the process in any case.
	 */
	@Override
	public void close() {
		try {
			Files.deleteIfExists(this.file);
		}
		catch (IOException ex) {
			// taken over by the next import
		}
		try {
			this.channel.close();
		}
		catch (IOException ex) {
			// released with the process
		}
		HELD.remove(this.folder);
	}

	/** Another import into the dataset is running. */
	static final class ImportRunningException extends DataFileException {

		ImportRunningException(String dataset, Path lockFile, String holder) {
			super(lockFile, 0,
					"an import into " + dataset + " is running (" + holder + "); try again when it has finished");
		}

	}

}
