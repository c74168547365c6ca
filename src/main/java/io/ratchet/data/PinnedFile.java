package io.ratchet.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/**
 * A file pinned by the SHA-256 of its bytes when a run was planned, so that whoever reads
 * it later (a worker thread or another machine reading shared storage) can tell it is
 * still the file the run planned with.
 *
 * <p>
 * The pin also keeps the file's {@link CsvStamp} (size, modification and change time,
 * inode) when it was hashed: a reader that finds the same stamp trusts the bytes without
 * hashing them again (the argument the month cache relies on: no write leaves the change
 * time as it was); any other stamp, or a stamp the file system cannot give, means the
 * file is hashed again and compared. So a run hashes each file once where nothing
 * changed.
 *
 * @param file the file
 * @param sha256 the SHA-256 of its bytes, lower-case hex
 * @param stamp its stamp when hashed ({@code size:modified:changed:inode}), or empty when
 * it is not to be trusted (unknown, or changed within the file system's clock tick)
 */
public record PinnedFile(Path file, String sha256, String stamp) {

	/**
	 * Hashes a file, and counts its line feeds on the same pass.
	 * @return the pin and the count of line feeds
	 * @throws DataFileException when the file cannot be read
	 */
	public static Hashed hash(Path file) {
		CsvStamp before = CsvStamp.of(file);
		MessageDigest digest = DatasetImporter.sha256();
		long lines = 0;
		long bytes = 0;
		byte[] buffer = new byte[1 << 16];
		try (InputStream in = Files.newInputStream(file)) {
			for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
				digest.update(buffer, 0, n);
				bytes += n;
				for (int i = 0; i < n; i++) {
					if (buffer[i] == '\n') {
						lines++;
					}
				}
			}
		}
		catch (NoSuchFileException ex) {
			throw new DataFileException(file, 0, "file not found", ex);
		}
		catch (IOException ex) {
			throw new DataFileException(file, 0, "cannot read: " + ex.getMessage(), ex);
		}
		long now = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
		boolean trusted = CsvStamp.of(file).equals(before) && before.trustworthy(now, MonthCache.RACY_MARGIN.toNanos());
		return new Hashed(
				new PinnedFile(file, HexFormat.of().formatHex(digest.digest()), trusted ? format(before) : ""), bytes,
				lines, false);
	}

	/**
	 * The pin of a file whose SHA-256 is known without reading it: the month cache holds
	 * an entry made from these bytes, stamped {@code stamp} (a stamp it trusted when it
	 * stored it, and the file's now).
	 */
	static PinnedFile known(Path file, String sha256, CsvStamp stamp) {
		return new PinnedFile(file, sha256, format(stamp));
	}

	/**
	 * Checks that the file still holds the pinned bytes: by its stamp when that is
	 * unchanged, else by hashing it.
	 * @throws FileChangedException naming the file and both hashes when it differs
	 * @throws DataFileException when it cannot be read
	 */
	public void check() {
		if (!this.stamp.isEmpty() && CsvStamp.of(this.file).matches(parseStamp(this.stamp))) {
			return;
		}
		String found = hash(this.file).pin().sha256();
		if (!found.equals(this.sha256)) {
			throw new FileChangedException(this.file, this.sha256, found);
		}
	}

	/**
	 * {@code <sha256>} or {@code <sha256> <stamp>}: plain text, for a partition's
	 * context.
	 */
	public String format() {
		return this.stamp.isEmpty() ? this.sha256 : this.sha256 + " " + this.stamp;
	}

	/** The inverse of {@link #format} for this file. */
	public static PinnedFile parse(Path file, String text) {
		int space = text.indexOf(' ');
		return (space < 0) ? new PinnedFile(file, text, "")
				: new PinnedFile(file, text.substring(0, space), text.substring(space + 1));
	}

	private static String format(CsvStamp stamp) {
		return stamp.size() + ":" + stamp.modified() + ":" + stamp.changed() + ":" + stamp.inode();
	}

	private static CsvStamp parseStamp(String text) {
		String[] parts = text.split(":");
		return new CsvStamp(Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]),
				Long.parseLong(parts[3]));
	}

	/**
	 * A file hashed for a plan.
	 *
	 * @param pin its pin
	 * @param bytes its length
	 * @param rows at least its count of records, to plan row ranges by: when hashed, the
	 * line feeds it holds (the header's line feed stands for a last record without one; a
	 * quoted field may hold more); when the month cache knew the file, its exact count of
	 * records
	 * @param fromCache whether the month cache knew the file (nothing of it was read)
	 */
	public record Hashed(PinnedFile pin, long bytes, long rows, boolean fromCache) {
	}

	/** A file whose bytes are not those pinned when the run was planned. */
	public static final class FileChangedException extends DataFileException {

		private static final long serialVersionUID = 1L;

		FileChangedException(Path file, String expected, String found) {
			super(file, 0, "differs from the file the run was planned with: expected SHA-256 " + expected + ", found "
					+ found + " (the file changed after the run started; start a new run to score it as it is now)");
		}

	}

}
