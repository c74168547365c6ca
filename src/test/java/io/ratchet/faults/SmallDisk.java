package io.ratchet.faults;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A small disk for a folder: as root (here and in CI) a real {@code tmpfs} of the given
 * size mounted on it, filled until only a little space is left; otherwise the fallback, a
 * file-size limit ({@code ulimit -f}) on the child process that writes there, so that its
 * writes beyond the limit fail as on a full disk.
 */
final class SmallDisk implements AutoCloseable {

	static final String FILLER = "filler.bin";

	private final Path dir;

	private final boolean mounted;

	private long limitBlocks;

	private SmallDisk(Path dir, boolean mounted) {
		this.dir = dir;
		this.mounted = mounted;
	}

	static boolean root() {
		return "root".equals(System.getProperty("user.name"));
	}

	static SmallDisk mount(Path dir, long size) throws IOException, InterruptedException {
		Files.createDirectories(dir);
		if (!root()) {
			return new SmallDisk(dir, false);
		}
		Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString())
			.inheritIO()
			.start();
		if (mount.waitFor() != 0) {
			throw new IllegalStateException("mount -t tmpfs failed on " + dir);
		}
		return new SmallDisk(dir, true);
	}

	/**
	 * Fills the disk until {@code left} bytes are free (tmpfs); or limits the child's
	 * file size to that (ulimit).
	 */
	void fillLeaving(long left) throws IOException {
		if (!this.mounted) {
			this.limitBlocks = Math.max(1, left / 512);
			return;
		}
		long free = Files.getFileStore(this.dir).getUsableSpace();
		byte[] block = new byte[4096];
		try (OutputStream out = Files.newOutputStream(this.dir.resolve(FILLER))) {
			for (long written = 0; written + left < free; written += block.length) {
				out.write(block);
			}
		}
	}

	/** Space comes back. */
	void free() throws IOException {
		Files.deleteIfExists(this.dir.resolve(FILLER));
		this.limitBlocks = 0;
	}

	/**
	 * Words before {@code java}: a shell that sets the file-size limit, in the fallback.
	 */
	List<String> prefix() {
		if (this.mounted || this.limitBlocks == 0) {
			return List.of();
		}
		return List.of("bash", "-c", "ulimit -f " + this.limitBlocks + "; exec \"$@\"", "ulimit");
	}

	Map<String, String> environment() {
		return Map.of();
	}

	String how() {
		return this.mounted ? "a real tmpfs, run as root" : "fallback: ulimit -f in the child (not root)";
	}

	@Override
	public void close() throws IOException, InterruptedException {
		if (this.mounted) {
			new ProcessBuilder("umount", "-l", this.dir.toString()).inheritIO().start().waitFor();
		}
	}

}
