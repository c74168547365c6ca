package io.ratchet.run;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

import io.ratchet.metrics.Interval;
import io.ratchet.metrics.IntervalMethod;

/**
 * The 95% intervals of one model's figures for one period, packed into one value: a row
 * of {@code metric_interval_set} ({@code db/common/V30__metric_interval_set.sql}) instead
 * of a row per figure in {@code metric_interval}. A month stores some 20 intervals per
 * model, and each stored row cost H2 the same work whatever its size (three index
 * entries, two foreign-key checks, marking each committed): at 840 months of 4 models,
 * 3,360 rows instead of 67,200.
 *
 * <p>
 * Format: a version byte ({@code 1}), the number of intervals, then per interval its
 * metric key and method key (modified UTF-8) and its two bounds as the doubles' bits, so
 * they come back exactly as stored, in the order they were packed.
 */
public final class IntervalSet {

	private static final int VERSION = 1;

	private IntervalSet() {
	}

	/** The intervals by metric key, packed in their map's order. */
	public static byte[] pack(Map<String, Interval> byKey) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + 40 * byKey.size());
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			out.writeByte(VERSION);
			out.writeInt(byKey.size());
			for (Map.Entry<String, Interval> entry : byKey.entrySet()) {
				out.writeUTF(entry.getKey());
				out.writeUTF(entry.getValue().method().key());
				out.writeDouble(entry.getValue().lo());
				out.writeDouble(entry.getValue().hi());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	/**
	 * The intervals by metric key, in the order packed.
	 * @param packed a value written by {@link #pack}
	 * @param where what the value is, for the error: the run, model and period
	 * @throws IllegalStateException naming {@code where} when the value is not one
	 * {@link #pack} wrote
	 */
	public static Map<String, Interval> unpack(byte[] packed, String where) {
		try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(packed))) {
			int version = in.readUnsignedByte();
			if (version != VERSION) {
				throw new IllegalStateException(
						"metric_interval_set of " + where + ": unknown format version " + version);
			}
			int count = in.readInt();
			Map<String, Interval> byKey = new LinkedHashMap<>();
			for (int i = 0; i < count; i++) {
				String key = in.readUTF();
				IntervalMethod method = IntervalMethod.fromKey(in.readUTF());
				byKey.put(key, new Interval(in.readDouble(), in.readDouble(), method));
			}
			if (in.read() != -1) {
				throw new IllegalStateException(
						"metric_interval_set of " + where + ": bytes after " + count + " intervals");
			}
			return byKey;
		}
		catch (IOException | IllegalArgumentException ex) {
			throw new IllegalStateException(
					"metric_interval_set of " + where + ": not a packed set of intervals (" + ex.getMessage() + ")",
					ex);
		}
	}

}
