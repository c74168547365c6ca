package io.ratchet.metrics;

import java.nio.ByteBuffer;
import java.util.OptionalDouble;
import java.util.zip.CRC32;

/**
 * The envelope of a serialised accumulator: a magic number with the format version, a
 * byte for the kind, the kind's payload, and a CRC-32 of everything before it. Big-endian
 * throughout.
 */
final class StateFormat {

	/** "RMA" and format version 1. */
	static final int MAGIC = 0x524D4101;

	static final byte BINARY = 'B';

	static final byte REGRESSION = 'R';

	static final byte MULTICLASS = 'M';

	private static final int HEADER_BYTES = Integer.BYTES + 1;

	private static final int CHECKSUM_BYTES = Integer.BYTES;

	/** The header and a binary payload's first field, its threshold. */
	static final int THRESHOLD_PREFIX_BYTES = HEADER_BYTES + Double.BYTES;

	private StateFormat() {
	}

	/**
	 * The threshold a binary state starts its payload with (see
	 * {@link BinaryAccumulator#toBytes()}), read from the state's first
	 * {@link #THRESHOLD_PREFIX_BYTES} bytes; empty for a regression or multiclass state.
	 */
	static OptionalDouble threshold(byte[] prefix) {
		if (prefix == null || prefix.length < HEADER_BYTES) {
			throw new MetricStateException("corrupt metric state: too short to hold its header");
		}
		ByteBuffer buffer = ByteBuffer.wrap(prefix);
		if (buffer.getInt() != MAGIC) {
			throw new MetricStateException(
					"corrupt metric state: not an accumulator state of format version " + (MAGIC & 0xFF));
		}
		byte kind = buffer.get();
		if (kind != BINARY) {
			return OptionalDouble.empty();
		}
		if (prefix.length < THRESHOLD_PREFIX_BYTES) {
			throw truncated();
		}
		return OptionalDouble.of(buffer.getDouble());
	}

	/**
	 * A buffer with the header written, sized for a payload of that many bytes and the
	 * checksum, for an accumulator of {@code labelled} rows.
	 * @throws IllegalStateException when the state would not fit in an array
	 */
	static ByteBuffer start(byte kind, long payloadBytes, long labelled) {
		if (payloadBytes > Integer.MAX_VALUE - 64) {
			throw new IllegalStateException("accumulator state too large to serialise (" + labelled + " rows)");
		}
		return start(kind, (int) payloadBytes);
	}

	/**
	 * A buffer with the header written, sized for a payload of that many bytes and the
	 * checksum.
	 */
	static ByteBuffer start(byte kind, int payloadBytes) {
		ByteBuffer buffer = ByteBuffer.allocate(HEADER_BYTES + payloadBytes + CHECKSUM_BYTES);
		buffer.putInt(MAGIC);
		buffer.put(kind);
		return buffer;
	}

	/** Appends the checksum and returns the bytes. */
	static byte[] finish(ByteBuffer buffer) {
		CRC32 crc = new CRC32();
		crc.update(buffer.array(), 0, buffer.position());
		buffer.putInt((int) crc.getValue());
		if (buffer.hasRemaining()) {
			throw new IllegalStateException("accumulator state size miscomputed");
		}
		return buffer.array();
	}

	/**
	 * Checks the envelope and returns a buffer over the payload alone (reads past it
	 * underflow).
	 * @throws MetricStateException when the bytes are not a state of that kind
	 */
	static ByteBuffer open(byte[] state, byte kind) {
		if (state == null) {
			throw new MetricStateException("corrupt metric state: no bytes");
		}
		if (state.length < HEADER_BYTES + CHECKSUM_BYTES) {
			throw new MetricStateException("corrupt metric state: " + state.length + " bytes is too short");
		}
		ByteBuffer buffer = ByteBuffer.wrap(state);
		int magic = buffer.getInt();
		if ((magic >>> 8) != (MAGIC >>> 8)) {
			throw new MetricStateException("corrupt metric state: not an accumulator state (bad magic number)");
		}
		if (magic != MAGIC) {
			throw new MetricStateException("unsupported metric state format version " + (magic & 0xFF)
					+ " (this version reads " + (MAGIC & 0xFF) + ")");
		}
		int payloadEnd = state.length - CHECKSUM_BYTES;
		CRC32 crc = new CRC32();
		crc.update(state, 0, payloadEnd);
		if ((int) crc.getValue() != ByteBuffer.wrap(state, payloadEnd, CHECKSUM_BYTES).getInt()) {
			throw new MetricStateException("corrupt metric state: checksum mismatch");
		}
		byte actualKind = buffer.get();
		if (actualKind != kind) {
			throw new MetricStateException(
					"metric state is of kind '" + describe(actualKind) + "', expected '" + describe(kind) + "'");
		}
		return ByteBuffer.wrap(state, HEADER_BYTES, payloadEnd - HEADER_BYTES).slice();
	}

	/** Fails unless the payload was read exactly to its end. */
	static void close(ByteBuffer payload) {
		if (payload.hasRemaining()) {
			throw new MetricStateException(
					"corrupt metric state: " + payload.remaining() + " unexpected trailing bytes");
		}
	}

	/** Reads a compensated sum (raw sum then compensation). */
	static CompensatedSum getSum(ByteBuffer payload) {
		return new CompensatedSum(payload.getDouble(), payload.getDouble());
	}

	static void putSum(ByteBuffer buffer, CompensatedSum sum) {
		buffer.putDouble(sum.rawSum());
		buffer.putDouble(sum.rawCompensation());
	}

	/** Reads a count that must not be negative. */
	static long getCount(ByteBuffer payload, String what) {
		long count = payload.getLong();
		if (count < 0) {
			throw new MetricStateException("corrupt metric state: negative " + what + " count " + count);
		}
		return count;
	}

	/**
	 * The threshold a binary state was accumulated with (the first field of its payload).
	 * @throws MetricStateException when the bytes are not a binary state
	 */
	static double binaryThreshold(byte[] state) {
		try {
			return open(state, BINARY).getDouble();
		}
		catch (java.nio.BufferUnderflowException ex) {
			throw truncated();
		}
	}

	/** The error for a read past the payload's end. */
	static MetricStateException truncated() {
		return new MetricStateException("corrupt metric state: truncated");
	}

	private static String describe(byte kind) {
		return switch (kind) {
			case BINARY -> "binary";
			case REGRESSION -> "regression";
			case MULTICLASS -> "multiclass";
			default -> "unknown (" + kind + ")";
		};
	}

}
