package io.ratchet.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the file system says about a CSV file without reading it: size, modification time,
 * change time and inode. A month cache entry stores the stamp of the CSV it was made
 * from; a CSV whose stamp is unchanged is trusted to hold the bytes it was hashed from,
 * any other is hashed again.
 *
 * <p>
 * The change time ({@code ctime}) is what makes this safe: a program can put the
 * modification time back after an edit ({@code touch -d},
 * {@code Files.setLastModifiedTime}), but every write and every such change of the
 * modification time sets the change time to the clock, and no system call sets it back. A
 * file replaced by a rename (as the import writes month files) has another inode. Where
 * the file system cannot tell the change time or the inode, the stamp is {@link #UNKNOWN}
 * and never matches, so the CSV is hashed on every read.
 *
 * @param size bytes
 * @param modified modification time, nanoseconds since the epoch
 * @param changed change time, nanoseconds since the epoch, or -1 when unknown
 * @param inode the inode number, or -1 when unknown
 */
record CsvStamp(long size, long modified, long changed, long inode) {

	/** A stamp that matches no file. */
	static final CsvStamp UNKNOWN = new CsvStamp(-1, -1, -1, -1);

	/** The stamp of a file now, or {@link #UNKNOWN} when it cannot be read. */
	static CsvStamp of(Path file) {
		try {
			Map<String, Object> unix = Files.readAttributes(file, "unix:size,lastModifiedTime,ctime,ino");
			return new CsvStamp((Long) unix.get("size"), nanos((FileTime) unix.get("lastModifiedTime")),
					nanos((FileTime) unix.get("ctime")), (Long) unix.get("ino"));
		}
		catch (UnsupportedOperationException | IllegalArgumentException ex) {
			return basic(file);
		}
		catch (IOException ex) {
			return UNKNOWN;
		}
	}

	private static CsvStamp basic(Path file) {
		try {
			BasicFileAttributes basic = Files.readAttributes(file, BasicFileAttributes.class);
			return new CsvStamp(basic.size(), nanos(basic.lastModifiedTime()), -1, -1);
		}
		catch (IOException ex) {
			return UNKNOWN;
		}
	}

	/**
	 * Whether a cache entry may trust this stamp: the change time and inode are known,
	 * and the change time lies at least {@code margin} nanoseconds before {@code now}. A
	 * file changed within the margin could be changed again within the same tick of the
	 * file system's clock (timestamps are taken from a coarse clock, a few milliseconds),
	 * so that the second change leaves the same change time: such a stamp is not stored
	 * (the "racy" case git's index has too), and the next read hashes the file.
	 */
	boolean trustworthy(long nowNanos, long marginNanos) {
		return this.changed >= 0 && this.inode >= 0 && this.changed <= nowNanos - marginNanos;
	}

	/** Whether this stamp is known and equal to {@code other}. */
	boolean matches(CsvStamp other) {
		return this.changed >= 0 && this.inode >= 0 && equals(other);
	}

	private static long nanos(FileTime time) {
		return time.to(TimeUnit.NANOSECONDS);
	}

}
