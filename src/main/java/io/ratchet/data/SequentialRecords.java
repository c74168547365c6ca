package io.ratchet.data;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file of binary records of an import's own ({@link MonthSpool}, {@link MonthRows})
 * read from start to end through one heap buffer, each record parsed where it lies and
 * its bytes handed on without a copy. It replaces a {@code DataInputStream} over a
 * {@code BufferedInputStream}, whose synchronized call per field was most of the time of
 * the threads that read these files back (JFR, {@code src/docs/performance.md},
 * "Import").
 */
final class SequentialRecords implements AutoCloseable {

	private final Path file;

	private final FileChannel channel;

	private ByteBuffer bytes = ByteBuffer.allocate(1 << 16).limit(0);

	/** Opens the file for reading from its start. */
	SequentialRecords(Path file) throws IOException {
		this.file = file;
		this.channel = FileChannel.open(file, StandardOpenOption.READ);
	}

	/**
	 * Whether a record starts here: {@code false} at the end of the file, else the first
	 * {@code length} bytes of the record are in {@link #bytes()} from its position.
	 * @throws EOFException when the file ends within those bytes
	 */
	boolean next(int length) throws IOException {
		if (!this.bytes.hasRemaining() && !fill(1, false)) {
			return false;
		}
		need(length);
		return true;
	}

	/**
	 * Makes sure the first {@code length} bytes of the current record are in
	 * {@link #bytes()} from its position (which is where the record starts).
	 * @throws EOFException when the file ends within them
	 */
	void need(int length) throws IOException {
		if (this.bytes.remaining() < length) {
			fill(length, true);
		}
	}

	/**
	 * The buffer: the current record starts at its position; its backing array may be
	 * read directly. The position is moved past a record by {@link #skip}.
	 */
	ByteBuffer bytes() {
		return this.bytes;
	}

	/** Moves past the current record, of {@code length} bytes. */
	void skip(int length) {
		this.bytes.position(this.bytes.position() + length);
	}

	private boolean fill(int length, boolean within) throws IOException {
		ByteBuffer filled = this.bytes;
		if (filled.capacity() < length) {
			filled = ByteBuffer.allocate(Integer.highestOneBit(length) << 1);
			filled.put(this.bytes);
		}
		else {
			filled.compact();
		}
		while (filled.position() < length) {
			if (this.channel.read(filled) < 0) {
				if (!within && filled.position() == 0) {
					this.bytes = filled.flip();
					return false;
				}
				throw new EOFException("cannot read " + this.file + ": it ends within a record");
			}
		}
		this.bytes = filled.flip();
		return true;
	}

	@Override
	public void close() throws IOException {
		this.channel.close();
	}

}
