package io.ratchet.data;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link SequentialRecords}: records of any length (longer than its buffer too) read back
 * in order, the end of the file told apart from a file cut within a record.
 */
class SequentialRecordsTests {

	@TempDir
	Path work;

	@Test
	void readsEveryRecordWhateverItsLength() throws IOException {
		// given: 2,000 records (a length, then that many bytes), some longer than 64 KiB
		SplittableRandom random = new SplittableRandom(15);
		List<byte[]> written = new ArrayList<>();
		ByteBuffer file = ByteBuffer.allocate(64 << 20);
		for (int i = 0; i < 2_000; i++) {
			byte[] record = new byte[(random.nextInt(200) == 0) ? random.nextInt(70_000, 300_000)
					: random.nextInt(0, 300)];
			random.nextBytes(record);
			written.add(record);
			file.putInt(record.length).put(record);
		}
		Path path = this.work.resolve("records");
		Files.write(path, Arrays.copyOf(file.array(), file.position()));

		// when
		List<byte[]> read = new ArrayList<>();
		try (SequentialRecords in = new SequentialRecords(path)) {
			while (in.next(4)) {
				int length = in.bytes().getInt(in.bytes().position());
				in.need(4 + length);
				int start = in.bytes().position() + 4;
				read.add(Arrays.copyOfRange(in.bytes().array(), start, start + length));
				in.skip(4 + length);
			}
		}

		// then
		assertThat(read).hasSameSizeAs(written);
		for (int i = 0; i < written.size(); i++) {
			assertThat(read.get(i)).as("record %d", i).isEqualTo(written.get(i));
		}
	}

	@Test
	void anEmptyFileHasNoRecord() throws IOException {
		// given
		Path path = Files.write(this.work.resolve("empty"), new byte[0]);

		// when / then
		try (SequentialRecords in = new SequentialRecords(path)) {
			assertThat(in.next(4)).isFalse();
		}
	}

	@Test
	void aFileCutWithinARecordIsAnError() throws IOException {
		// given: a record announcing 10 bytes, then only 3, after a record's head of 2
		// bytes when only one byte follows
		Path cutInBody = Files.write(this.work.resolve("body"), new byte[] { 0, 0, 0, 10, 1, 2, 3 });
		Path cutInHead = Files.write(this.work.resolve("head"), new byte[] { 0, 0, 0, 0, 7 });

		// when / then
		try (SequentialRecords in = new SequentialRecords(cutInBody)) {
			assertThat(in.next(4)).isTrue();
			assertThatThrownBy(() -> in.need(14)).isInstanceOf(EOFException.class).hasMessageContaining("body");
		}
		try (SequentialRecords in = new SequentialRecords(cutInHead)) {
			assertThat(in.next(4)).isTrue();
			in.skip(4);
			assertThatThrownBy(() -> in.next(4)).isInstanceOf(EOFException.class).hasMessageContaining("head");
		}
	}

}
