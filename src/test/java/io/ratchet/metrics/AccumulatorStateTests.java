package io.ratchet.metrics;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;

import io.ratchet.data.Task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AccumulatorStateTests {

	@Test
	void theThresholdIsReadFromTheHeadOfAState() {
		// given
		MetricAccumulator binary = Accumulators.create(Task.BINARY, 0.35);
		binary.add(0.2, 0);
		binary.add(0.9, 1);
		MetricAccumulator regression = Accumulators.create(Task.REGRESSION, 0.35);
		regression.add(1.0, 2.0);

		// when
		byte[] head = Arrays.copyOf(binary.toBytes(), Accumulators.THRESHOLD_PREFIX_BYTES);

		// then
		assertThat(Accumulators.threshold(head)).hasValue(0.35);
		assertThat(Accumulators.threshold(binary.toBytes())).hasValue(0.35);
		assertThat(Accumulators.threshold(regression.toBytes())).isEmpty();
		assertThatExceptionOfType(MetricStateException.class)
			.isThrownBy(() -> Accumulators.threshold(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13 }))
			.withMessageContaining("not an accumulator state");
		assertThatExceptionOfType(MetricStateException.class)
			.isThrownBy(() -> Accumulators.threshold(Arrays.copyOf(head, 8)));
	}

	@Test
	void binaryStateRoundTripsAndKeepsAccumulating() {
		// given
		Random random = new Random(5L);
		MetricAccumulator original = Accumulators.create(Task.BINARY, 0.3);
		MetricAccumulator reference = Accumulators.create(Task.BINARY, 0.3);
		for (int i = 0; i < 500; i++) {
			double label = (i % 17 == 0) ? Double.NaN : random.nextInt(2);
			double score = random.nextInt(20) / 20.0;
			original.add(score, label);
			reference.add(score, label);
		}
		original.result();
		// when
		byte[] bytes = original.toBytes();
		MetricAccumulator restored = Accumulators.fromBytes(Task.BINARY, 0.3, bytes);
		// then
		assertThat(restored.result()).isEqualTo(original.result());
		assertThat(restored.labelled()).isEqualTo(original.labelled());
		assertThat(restored.unlabelled()).isEqualTo(original.unlabelled()).isEqualTo(30);
		assertThat(restored.toBytes()).hasSize(bytes.length);
		// about 8 bytes per labelled score plus a fixed header
		assertThat(bytes.length).isLessThan(8 * 470 + 200);
		// and it goes on like the original would have
		restored.add(0.95, 0);
		reference.add(0.95, 0);
		AccumulatorMergeTests.assertSameValues(restored.result(), reference.result());
	}

	@Test
	void regressionStateRoundTripsExactly() {
		// given
		MetricAccumulator original = Accumulators.create(Task.REGRESSION, 0.5);
		original.add(2, 1);
		original.add(3.5, 4);
		original.add(1, Double.NaN);
		// when
		byte[] bytes = original.toBytes();
		MetricAccumulator restored = Accumulators.fromBytes(Task.REGRESSION, 0.5, bytes);
		// then
		assertThat(restored.result()).isEqualTo(original.result());
		assertThat(restored.unlabelled()).isOne();
		assertThat(restored.toBytes()).isEqualTo(bytes);
	}

	@Test
	void emptyStatesRoundTrip() {
		for (Task task : Task.values()) {
			// given
			MetricAccumulator empty = (task == Task.MULTICLASS) ? new MulticlassAccumulator(3)
					: Accumulators.create(task, 0.5);
			// when
			MetricAccumulator restored = Accumulators.fromBytes(task, 0.5, empty.toBytes());
			// then
			assertThat(restored.result().values()).containsOnlyKeys(Metric.N);
			assertThat(restored.task()).isEqualTo(task);
		}
	}

	@Test
	void flippedByteIsCaughtByTheChecksum() {
		// given
		byte[] bytes = sampleBinary().toBytes();
		for (int position : new int[] { 5, 20, bytes.length / 2, bytes.length - 1 }) {
			byte[] corrupt = bytes.clone();
			corrupt[position] ^= 0x10;
			// when / then
			assertThatExceptionOfType(MetricStateException.class)
				.isThrownBy(() -> Accumulators.fromBytes(Task.BINARY, 0.5, corrupt))
				.withMessage("corrupt metric state: checksum mismatch");
		}
	}

	@Test
	void truncatedGarbageAndEmptyBytesAreRejected() {
		// given
		byte[] bytes = sampleBinary().toBytes();
		// when / then
		assertThatExceptionOfType(MetricStateException.class)
			.isThrownBy(() -> Accumulators.fromBytes(Task.BINARY, 0.5, Arrays.copyOf(bytes, bytes.length - 9)))
			.withMessageStartingWith("corrupt metric state");
		assertThatExceptionOfType(MetricStateException.class)
			.isThrownBy(() -> Accumulators.fromBytes(Task.BINARY, 0.5, new byte[3]))
			.withMessage("corrupt metric state: 3 bytes is too short");
		assertThatExceptionOfType(MetricStateException.class)
			.isThrownBy(() -> Accumulators.fromBytes(Task.REGRESSION, 0.5, "not a state at all".getBytes()))
			.withMessageContaining("bad magic number");
		assertThatExceptionOfType(MetricStateException.class)
			.isThrownBy(() -> Accumulators.fromBytes(Task.REGRESSION, 0.5, null))
			.withMessage("corrupt metric state: no bytes");
	}

	@Test
	void shortPayloadWithAValidChecksumIsReportedAsTruncated() {
		// given: a regression state cut after its counts, re-sealed
		byte[] bytes = Accumulators.create(Task.REGRESSION, 0.5).toBytes();
		byte[] cut = reseal(Arrays.copyOf(bytes, 5 + 16 + 4));
		// when / then
		assertThatExceptionOfType(MetricStateException.class)
			.isThrownBy(() -> Accumulators.fromBytes(Task.REGRESSION, 0.5, cut))
			.withMessage("corrupt metric state: truncated");
	}

	@Test
	void otherTaskThresholdOrVersionIsRejected() {
		// given
		byte[] binary = sampleBinary().toBytes();
		byte[] otherVersion = binary.clone();
		otherVersion[3] = 9;
		// when / then
		assertThatExceptionOfType(MetricStateException.class)
			.isThrownBy(() -> Accumulators.fromBytes(Task.REGRESSION, 0.5, binary))
			.withMessage("metric state is of kind 'binary', expected 'regression'");
		assertThatExceptionOfType(MetricStateException.class)
			.isThrownBy(() -> Accumulators.fromBytes(Task.BINARY, 0.4, binary))
			.withMessage("metric state was accumulated with threshold 0.5, not the expected 0.4");
		assertThatExceptionOfType(MetricStateException.class)
			.isThrownBy(() -> Accumulators.fromBytes(Task.BINARY, 0.5, reseal(otherVersion)))
			.withMessage("unsupported metric state format version 9 (this version reads 1)");
	}

	@Test
	void inconsistentStateWithAValidChecksumIsRejected() {
		// given: the true-positive count (after magic, kind, threshold, unlabelled)
		// raised by one, checksum redone
		byte[] bytes = sampleBinary().toBytes();
		ByteBuffer buffer = ByteBuffer.wrap(bytes);
		int truePositives = 5 + 8 + 8;
		buffer.putLong(truePositives, buffer.getLong(truePositives) + 1);
		byte[] tampered = reseal(bytes);
		// when / then
		assertThatExceptionOfType(MetricStateException.class)
			.isThrownBy(() -> Accumulators.fromBytes(Task.BINARY, 0.5, tampered))
			.withMessage("corrupt metric state: the confusion matrix does not agree with the stored scores");
	}

	@Test
	void announcedScoreCountBeyondThePayloadIsRejected() {
		// given: the negative score count (the int before the last 8-byte score and
		// checksum) set huge
		byte[] bytes = sampleBinary().toBytes();
		ByteBuffer buffer = ByteBuffer.wrap(bytes);
		int negativeCount = bytes.length - 4 - 8 - 4;
		assertThat(buffer.getInt(negativeCount)).isOne();
		buffer.putInt(negativeCount, 1_000_000);
		byte[] tampered = reseal(bytes);
		// when / then
		assertThatExceptionOfType(MetricStateException.class)
			.isThrownBy(() -> Accumulators.fromBytes(Task.BINARY, 0.5, tampered))
			.withMessage("corrupt metric state: 1000000 negative scores announced, 1 at most present");
	}

	/** Two positives and one negative, threshold 0.5. */
	private static MetricAccumulator sampleBinary() {
		MetricAccumulator accumulator = Accumulators.create(Task.BINARY, 0.5);
		accumulator.add(0.8, 1);
		accumulator.add(0.3, 1);
		accumulator.add(0.6, 0);
		return accumulator;
	}

	/** Replaces the last four bytes with the CRC-32 of the rest, as a writer would. */
	private static byte[] reseal(byte[] bytes) {
		byte[] copy = bytes.clone();
		CRC32 crc = new CRC32();
		crc.update(copy, 0, copy.length - 4);
		ByteBuffer.wrap(copy).putInt(copy.length - 4, (int) crc.getValue());
		return copy;
	}

}
