package io.ratchet.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * The columnar form of one month file, as {@link ColumnarMonthWriter} writes it and
 * {@link MonthCache} keeps it: the month's accepted rows, its rejected rows and its
 * counts, so that reading it gives the same {@link Row}s, {@link Rejection}s and
 * {@link ReadStats} as parsing the CSV, to the last bit.
 *
 * <p>
 * Layout, little-endian throughout:
 * <ul>
 * <li>header, {@value #HEADER} bytes: magic {@code RATCHMC1}, format version, the key (32
 * bytes: what the entry was made for), the CSV's SHA-256 (32 bytes), the CSV's
 * {@link CsvStamp} (4 longs), zeros;</li>
 * <li>blocks, each: type, count (ints), payload length (long), payload. A rows block of
 * {@code n} rows holds its columns one after the other: lines ({@code long[n]}), dates
 * (epoch days, {@code int[n]}), labels ({@code double[n]}), then per feature either its
 * values ({@code double[n]}) or, for a categorical one, the levels first seen in this
 * block (count, then length-prefixed UTF-8 strings, -1 for none) and the codes
 * ({@code int[n]}, -1 for missing, a level's code is its order of first appearance in the
 * month); per id column the cells (strings); per score column {@code double[n]}. A
 * rejections block holds line, reason and record of each rejected row; the end block the
 * counts.</li>
 * <li>trailer, {@value #TRAILER} bytes: CRC-32C of the blocks, CRC-32C of the header
 * without its stamp, the file's length.</li>
 * </ul>
 * The stamp is outside both checksums so that an entry can be stamped again
 * ({@link MonthCache}) without rewriting its content; a damaged stamp only makes a reader
 * hash the CSV.
 */
final class ColumnarMonthFile {

	static final int HEADER = 128;

	static final int TRAILER = 24;

	static final int BLOCK_HEADER = 16;

	static final int ROWS = 1;

	static final int REJECTS = 2;

	static final int END = 3;

	/**
	 * The format version; raise it whenever the layout or what {@link RowParser} makes of
	 * a record changes, so that older entries are not read.
	 */
	static final int VERSION = 1;

	private static final byte[] MAGIC = "RATCHMC1".getBytes(StandardCharsets.US_ASCII);

	private static final int KEY_AT = 16;

	private static final int SHA_AT = 48;

	static final int STAMP_AT = 80;

	private static final int STAMP_END = 112;

	private final Path file;

	private final ByteBuffer data;

	private ColumnarMonthFile(Path file, ByteBuffer data) {
		this.file = file;
		this.data = data;
	}

	/** The header of an entry. */
	static ByteBuffer header(byte[] key, byte[] sha256, CsvStamp stamp) {
		ByteBuffer header = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
		header.put(MAGIC).putInt(VERSION).putInt(0).put(key).put(sha256);
		putStamp(header, stamp);
		return header.position(HEADER).flip();
	}

	static void putStamp(ByteBuffer buffer, CsvStamp stamp) {
		buffer.putLong(STAMP_AT, stamp.size())
			.putLong(STAMP_AT + 8, stamp.modified())
			.putLong(STAMP_AT + 16, stamp.changed())
			.putLong(STAMP_AT + 24, stamp.inode());
	}

	/** CRC-32C of a header without its stamp. */
	static long headerCrc(ByteBuffer header) {
		CRC32C crc = new CRC32C();
		crc.update(header.duplicate().position(0).limit(STAMP_AT));
		crc.update(header.duplicate().position(STAMP_END).limit(HEADER));
		return crc.getValue();
	}

	/**
	 * Maps an entry and checks it whole: magic, version, length and both checksums.
	 * @throws Damaged when it is not a complete, intact entry of this version
	 * @throws IOException when it cannot be read
	 */
	static ColumnarMonthFile open(Path file) throws IOException, Damaged {
		ByteBuffer data;
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			long size = channel.size();
			if (size < HEADER + TRAILER || size > Integer.MAX_VALUE) {
				throw new Damaged("length " + size + " bytes is not that of an entry");
			}
			data = channel.map(FileChannel.MapMode.READ_ONLY, 0, size).order(ByteOrder.LITTLE_ENDIAN);
		}
		byte[] magic = new byte[MAGIC.length];
		data.get(0, magic);
		if (!Arrays.equals(magic, MAGIC) || data.getInt(MAGIC.length) != VERSION) {
			throw new Damaged("not a month cache entry of format " + VERSION);
		}
		int trailer = data.capacity() - TRAILER;
		if (data.getLong(trailer + 16) != data.capacity()) {
			throw new Damaged("truncated: " + data.capacity() + " bytes, " + data.getLong(trailer + 16) + " written");
		}
		CRC32C crc = new CRC32C();
		crc.update(data.duplicate().position(HEADER).limit(trailer));
		if (crc.getValue() != data.getLong(trailer) || headerCrc(data) != data.getLong(trailer + 8)) {
			throw new Damaged("checksum mismatch");
		}
		return new ColumnarMonthFile(file, data);
	}

	byte[] key() {
		byte[] key = new byte[32];
		this.data.get(KEY_AT, key);
		return key;
	}

	byte[] sha256() {
		byte[] sha = new byte[32];
		this.data.get(SHA_AT, sha);
		return sha;
	}

	CsvStamp stamp() {
		return new CsvStamp(this.data.getLong(STAMP_AT), this.data.getLong(STAMP_AT + 8),
				this.data.getLong(STAMP_AT + 16), this.data.getLong(STAMP_AT + 24));
	}

	/** The whole entry, for a copy with another stamp. */
	ByteBuffer bytes() {
		return this.data.duplicate();
	}

	/**
	 * Hands on the rows and rejections of the month, in the order the CSV read gave them.
	 * @param csv the CSV file the rejections name
	 * @return the counts of the read that wrote the entry
	 */
	ReadStats replay(Path csv, DatasetConfig dataset, Consumer<Row> rows, Consumer<Rejection> rejects) {
		Blocks blocks = new Blocks(dataset);
		ByteBuffer in = this.data.duplicate().order(ByteOrder.LITTLE_ENDIAN).position(HEADER);
		int trailer = this.data.capacity() - TRAILER;
		while (in.position() < trailer) {
			int type = in.getInt();
			int count = in.getInt();
			long length = in.getLong();
			int end = Math.toIntExact(in.position() + length);
			if (type == ROWS) {
				blocks.rows(in, count, rows);
			}
			else if (type == REJECTS) {
				for (int i = 0; i < count; i++) {
					long line = in.getLong();
					rejects.accept(new Rejection(csv, line, string(in), string(in)));
				}
			}
			else if (type == END) {
				return new ReadStats(in.getLong(), in.getLong(), in.getLong(), in.getLong());
			}
			in.position(end);
		}
		throw new IllegalStateException(this.file + ": no end block");
	}

	static String string(ByteBuffer in) {
		int length = in.getInt();
		if (length < 0) {
			return null;
		}
		byte[] bytes = new byte[length];
		in.get(bytes);
		return new String(bytes, StandardCharsets.UTF_8);
	}

	/** The columns of one rows block, decoded into {@link Row}s. */
	private static final class Blocks {

		private final boolean[] numeric;

		private final int ids;

		private final int scores;

		private final List<List<String>> levels = new ArrayList<>();

		private final long[] lines = new long[ColumnarMonthWriter.BLOCK];

		private final int[] days = new int[ColumnarMonthWriter.BLOCK];

		private final double[] labels = new double[ColumnarMonthWriter.BLOCK];

		private final double[][] numbers;

		private final int[][] codes;

		private final String[][] idCells;

		private final double[][] scoreValues;

		private LocalDate lastDate;

		Blocks(DatasetConfig dataset) {
			int features = dataset.features().size();
			this.numeric = new boolean[features];
			this.numbers = new double[features][];
			this.codes = new int[features][];
			for (int f = 0; f < features; f++) {
				this.numeric[f] = dataset.features().get(f).type() == FeatureType.NUMERIC;
				this.numbers[f] = this.numeric[f] ? new double[ColumnarMonthWriter.BLOCK] : null;
				this.codes[f] = this.numeric[f] ? null : new int[ColumnarMonthWriter.BLOCK];
				this.levels.add(new ArrayList<>());
			}
			this.ids = dataset.idColumns().size();
			this.scores = dataset.scoreColumns().size();
			this.idCells = new String[this.ids][ColumnarMonthWriter.BLOCK];
			this.scoreValues = new double[this.scores][ColumnarMonthWriter.BLOCK];
		}

		void rows(ByteBuffer in, int n, Consumer<Row> rows) {
			in.asLongBuffer().get(this.lines, 0, n);
			in.position(in.position() + n * 8);
			in.asIntBuffer().get(this.days, 0, n);
			in.position(in.position() + n * 4);
			doubles(in, this.labels, n);
			for (int f = 0; f < this.numeric.length; f++) {
				if (this.numeric[f]) {
					doubles(in, this.numbers[f], n);
					continue;
				}
				int added = in.getInt();
				for (int i = 0; i < added; i++) {
					this.levels.get(f).add(string(in));
				}
				in.asIntBuffer().get(this.codes[f], 0, n);
				in.position(in.position() + n * 4);
			}
			for (String[] column : this.idCells) {
				for (int r = 0; r < n; r++) {
					column[r] = string(in);
				}
			}
			for (double[] column : this.scoreValues) {
				doubles(in, column, n);
			}
			for (int r = 0; r < n; r++) {
				rows.accept(row(r));
			}
		}

		private Row row(int r) {
			int features = this.numeric.length;
			double[] values = new double[features];
			String[] rowLevels = new String[features];
			for (int f = 0; f < features; f++) {
				if (this.numeric[f]) {
					values[f] = this.numbers[f][r];
				}
				else {
					values[f] = Double.NaN;
					int code = this.codes[f][r];
					rowLevels[f] = (code < 0) ? null : this.levels.get(f).get(code);
				}
			}
			String[] rowIds = new String[this.ids];
			for (int i = 0; i < this.ids; i++) {
				rowIds[i] = this.idCells[i][r];
			}
			double[] rowScores = new double[this.scores];
			for (int s = 0; s < this.scores; s++) {
				rowScores[s] = this.scoreValues[s][r];
			}
			return new Row(this.lines[r], date(this.days[r]), this.labels[r], values, rowLevels, rowIds, rowScores);
		}

		/** The date of an epoch day; consecutive rows mostly share one. */
		private LocalDate date(int day) {
			if (this.lastDate == null || this.lastDate.toEpochDay() != day) {
				this.lastDate = LocalDate.ofEpochDay(day);
			}
			return this.lastDate;
		}

		private static void doubles(ByteBuffer in, double[] values, int n) {
			in.asDoubleBuffer().get(values, 0, n);
			in.position(in.position() + n * 8);
		}

	}

	/** An entry that is incomplete, damaged, or of another format. */
	static final class Damaged extends Exception {

		Damaged(String reason) {
			super(reason, null, false, false);
		}

	}

}
