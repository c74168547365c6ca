package io.ratchet.data;

import java.io.Closeable;
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
 * ({@link MonthCache}) without recomputing them; a damaged stamp only makes a reader hash
 * the CSV. An entry is read through a buffer of one block, not mapped: the memory a read
 * needs does not grow with the month, and the pages of the file are not counted in the
 * process's resident memory.
 */
final class ColumnarMonthFile implements Closeable {

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

	private final FileChannel channel;

	private final ByteBuffer header;

	private final long trailer;

	private ColumnarMonthFile(Path file, FileChannel channel, ByteBuffer header, long trailer) {
		this.file = file;
		this.channel = channel;
		this.header = header;
		this.trailer = trailer;
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
	 * Opens an entry and checks it whole (magic, version, length, both checksums) in one
	 * streaming pass, before a row is handed on. The entry stays open until
	 * {@link #close}, so an entry renamed over it meanwhile does not change what is read.
	 * Read through a small buffer rather than mapped: the memory a read needs does not
	 * grow with the month.
	 * @throws Damaged when it is not a complete, intact entry of this version
	 * @throws IOException when it cannot be read
	 */
	static ColumnarMonthFile open(Path file) throws IOException, Damaged {
		FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
		try {
			long size = channel.size();
			if (size < HEADER + TRAILER) {
				throw new Damaged("length " + size + " bytes is not that of an entry");
			}
			ByteBuffer header = readAt(channel, 0, HEADER);
			byte[] magic = new byte[MAGIC.length];
			header.get(0, magic);
			if (!Arrays.equals(magic, MAGIC) || header.getInt(MAGIC.length) != VERSION) {
				throw new Damaged("not a month cache entry of format " + VERSION);
			}
			long trailer = size - TRAILER;
			ByteBuffer end = readAt(channel, trailer, TRAILER);
			if (end.getLong(16) != size) {
				throw new Damaged("truncated: " + size + " bytes, " + end.getLong(16) + " written");
			}
			CRC32C crc = new CRC32C();
			ByteBuffer chunk = ByteBuffer.allocate(1 << 20);
			for (long at = HEADER; at < trailer; at += chunk.limit()) {
				chunk.clear().limit((int) Math.min(chunk.capacity(), trailer - at));
				readFully(channel, at, chunk);
				crc.update(chunk.flip());
			}
			if (crc.getValue() != end.getLong(0) || headerCrc(header) != end.getLong(8)) {
				throw new Damaged("checksum mismatch");
			}
			return new ColumnarMonthFile(file, channel, header, trailer);
		}
		catch (IOException | Damaged | RuntimeException ex) {
			channel.close();
			throw ex;
		}
	}

	/**
	 * What an entry's header and end block say, read without its rows: the key, the CSV's
	 * SHA-256 and stamp, and the counts. The header is checked (magic, version, length,
	 * its checksum); the rows' checksum is not (that takes a pass over the whole entry,
	 * which {@link #open} makes before any row is read), so the counts are those the
	 * entry claims.
	 * @throws Damaged when it is not an entry of this version with an intact header
	 * @throws IOException when it cannot be read
	 */
	static Summary summary(Path file) throws IOException, Damaged {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			long size = channel.size();
			int endBlock = BLOCK_HEADER + 32;
			if (size < HEADER + endBlock + TRAILER) {
				throw new Damaged("length " + size + " bytes is not that of an entry");
			}
			ByteBuffer header = readAt(channel, 0, HEADER);
			byte[] magic = new byte[MAGIC.length];
			header.get(0, magic);
			ByteBuffer tail = readAt(channel, size - TRAILER - endBlock, endBlock + TRAILER);
			if (!Arrays.equals(magic, MAGIC) || header.getInt(MAGIC.length) != VERSION
					|| tail.getLong(endBlock + 16) != size || headerCrc(header) != tail.getLong(endBlock + 8)
					|| tail.getInt(0) != END || tail.getLong(8) != 32) {
				throw new Damaged("not an intact month cache entry of format " + VERSION);
			}
			ColumnarMonthFile entry = new ColumnarMonthFile(file, channel, header, size - TRAILER);
			ReadStats stats = new ReadStats(tail.getLong(BLOCK_HEADER), tail.getLong(BLOCK_HEADER + 8),
					tail.getLong(BLOCK_HEADER + 16), tail.getLong(BLOCK_HEADER + 24));
			return new Summary(entry.key(), entry.sha256(), entry.stamp(), stats);
		}
	}

	/** Closes the entry. */
	@Override
	public void close() throws IOException {
		this.channel.close();
	}

	byte[] key() {
		byte[] key = new byte[32];
		this.header.get(KEY_AT, key);
		return key;
	}

	byte[] sha256() {
		byte[] sha = new byte[32];
		this.header.get(SHA_AT, sha);
		return sha;
	}

	CsvStamp stamp() {
		return new CsvStamp(this.header.getLong(STAMP_AT), this.header.getLong(STAMP_AT + 8),
				this.header.getLong(STAMP_AT + 16), this.header.getLong(STAMP_AT + 24));
	}

	/** Copies the entry, as it was opened, to {@code target} with another stamp. */
	void copyTo(FileChannel target, CsvStamp stamp) throws IOException {
		long size = this.trailer + TRAILER;
		for (long at = 0; at < size;) {
			at += this.channel.transferTo(at, size - at, target.position(at));
		}
		ByteBuffer header = this.header.duplicate().order(ByteOrder.LITTLE_ENDIAN);
		putStamp(header, stamp);
		target.position(0);
		while (header.hasRemaining()) {
			target.write(header);
		}
	}

	/**
	 * Hands on the rows and rejections of the month, in the order the CSV read gave them:
	 * the file's order (a row range counts records in it, {@code MonthSource}). The entry
	 * keeps rejections in blocks of their own, written after the rows around them, so
	 * they are read first and each handed on before the first row after its line.
	 * @param csv the CSV file the rejections name
	 * @param ids whether the rows get their id cells; without, each row's ids are
	 * {@code null} and the cells are skipped undecoded (a back-test without logged models
	 * reads no id)
	 * @return the counts of the read that wrote the entry
	 */
	ReadStats replay(Path csv, DatasetConfig dataset, boolean ids, Consumer<Row> rows, Consumer<Rejection> rejects)
			throws IOException {
		List<Rejection> rejections = new ArrayList<>();
		forEachBlock((type, count, in) -> {
			if (type == REJECTS) {
				for (int i = 0; i < count; i++) {
					long line = in.getLong();
					rejections.add(new Rejection(csv, line, string(in), string(in)));
				}
			}
		}, REJECTS);
		Blocks blocks = new Blocks(dataset, ids);
		int[] next = { 0 };
		Consumer<Row> inOrder = (row) -> {
			while (next[0] < rejections.size() && rejections.get(next[0]).line() < row.line()) {
				rejects.accept(rejections.get(next[0]++));
			}
			rows.accept(row);
		};
		ReadStats[] stats = { null };
		forEachBlock((type, count, in) -> {
			if (type == ROWS) {
				blocks.rows(in, count, inOrder);
			}
			else if (type == END) {
				stats[0] = new ReadStats(in.getLong(), in.getLong(), in.getLong(), in.getLong());
			}
		}, ROWS, END);
		if (stats[0] == null) {
			throw new IllegalStateException(this.file + ": no end block");
		}
		while (next[0] < rejections.size()) {
			rejects.accept(rejections.get(next[0]++));
		}
		return stats[0];
	}

	/** What is done with one block of an entry. */
	private interface BlockAction {

		void accept(int type, int count, ByteBuffer in) throws IOException;

	}

	/**
	 * Reads the entry's blocks of the given types in order (the others are skipped
	 * unread), up to its end block.
	 */
	private void forEachBlock(BlockAction action, int... types) throws IOException {
		ByteBuffer in = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
		long at = HEADER;
		while (at < this.trailer) {
			ByteBuffer head = readAt(this.channel, at, BLOCK_HEADER);
			int type = head.getInt();
			int count = head.getInt();
			int length = Math.toIntExact(head.getLong());
			long body = at + BLOCK_HEADER;
			at = body + length;
			if (Arrays.stream(types).noneMatch((wanted) -> wanted == type)) {
				if (type == END) {
					return;
				}
				continue;
			}
			if (in.capacity() < length) {
				in = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
			}
			in.clear().limit(length);
			readFully(this.channel, body, in);
			in.flip();
			action.accept(type, count, in);
			if (type == END) {
				return;
			}
		}
	}

	private static ByteBuffer readAt(FileChannel channel, long at, int length) throws IOException {
		ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
		readFully(channel, at, buffer);
		return buffer.flip();
	}

	private static void readFully(FileChannel channel, long at, ByteBuffer buffer) throws IOException {
		long position = at;
		while (buffer.hasRemaining()) {
			int n = channel.read(buffer, position);
			if (n < 0) {
				throw new IOException("ends early at byte " + position);
			}
			position += n;
		}
	}

	static String string(ByteBuffer in) {
		int length = in.getInt();
		if (length < 0) {
			return null;
		}
		int at = in.position();
		in.position(at + length);
		// decoded in place: the buffers are heap buffers (ByteBuffer.allocate)
		return new String(in.array(), in.arrayOffset() + at, length, StandardCharsets.UTF_8);
	}

	/** The columns of one rows block, decoded into {@link Row}s. */
	private static final class Blocks {

		/**
		 * Days around a month's first row's date whose rows share their
		 * {@link LocalDate}.
		 */
		private static final int DATES = 64;

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

		private final String[][] extraCells;

		private final double[][] scoreValues;

		/** Whether the id cells are decoded ({@link #replay}). */
		private final boolean decodeIds;

		/**
		 * The levels of every row when the dataset has no categorical feature (all
		 * {@code null}), else {@code null}: shared by the rows, which are read-only
		 * ({@link Row}).
		 */
		private final String[] noLevels;

		/**
		 * The ids of every row when there are none or they are not decoded (all
		 * {@code null}), else {@code null}; shared as {@link #noLevels}.
		 */
		private final String[] noIds;

		/** The scores of every row when there are no score columns, else {@code null}. */
		private final double[] noScores;

		/**
		 * The dates met so far by epoch day, from {@link #firstDay}: a month has at most
		 * 31, so its rows share them.
		 */
		private final LocalDate[] dates = new LocalDate[DATES];

		private long firstDay = Long.MIN_VALUE;

		Blocks(DatasetConfig dataset, boolean decodeIds) {
			this.decodeIds = decodeIds;
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
			this.extraCells = new String[dataset.extraColumns().size()][ColumnarMonthWriter.BLOCK];
			this.scoreValues = new double[this.scores][ColumnarMonthWriter.BLOCK];
			boolean categorical = false;
			for (boolean isNumeric : this.numeric) {
				categorical |= !isNumeric;
			}
			this.noLevels = categorical ? null : new String[features];
			this.noIds = (this.ids == 0 || !decodeIds) ? new String[this.ids] : null;
			this.noScores = (this.scores == 0) ? new double[0] : null;
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
					if (this.decodeIds) {
						column[r] = string(in);
					}
					else {
						int length = in.getInt();
						in.position(in.position() + Math.max(length, 0));
					}
				}
			}
			for (String[] column : this.extraCells) {
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
			String[] rowLevels = this.noLevels;
			if (rowLevels == null) {
				rowLevels = new String[features];
				for (int f = 0; f < features; f++) {
					if (!this.numeric[f]) {
						int code = this.codes[f][r];
						rowLevels[f] = (code < 0) ? null : this.levels.get(f).get(code);
					}
				}
			}
			for (int f = 0; f < features; f++) {
				values[f] = this.numeric[f] ? this.numbers[f][r] : Double.NaN;
			}
			String[] rowIds = this.noIds;
			if (rowIds == null) {
				rowIds = new String[this.ids];
				for (int i = 0; i < this.ids; i++) {
					rowIds[i] = this.idCells[i][r];
				}
			}
			double[] rowScores = this.noScores;
			if (rowScores == null) {
				rowScores = new double[this.scores];
				for (int s = 0; s < this.scores; s++) {
					rowScores[s] = this.scoreValues[s][r];
				}
			}
			if (this.extraCells.length == 0) {
				return new Row(this.lines[r], date(this.days[r]), this.labels[r], values, rowLevels, rowIds, rowScores);
			}
			String[] rowExtras = new String[this.extraCells.length];
			for (int i = 0; i < rowExtras.length; i++) {
				rowExtras[i] = this.extraCells[i][r];
			}
			return new Row(this.lines[r], date(this.days[r]), this.labels[r], values, rowLevels, rowIds, rowScores,
					rowExtras);
		}

		/** The date of an epoch day, one instance per day of the month. */
		private LocalDate date(int day) {
			if (this.firstDay == Long.MIN_VALUE) {
				// rows come in any order of their days: the first row's day in the middle
				this.firstDay = day - DATES / 2;
			}
			long at = day - this.firstDay;
			if (at < 0 || at >= DATES) {
				return LocalDate.ofEpochDay(day);
			}
			LocalDate date = this.dates[(int) at];
			if (date == null) {
				date = LocalDate.ofEpochDay(day);
				this.dates[(int) at] = date;
			}
			return date;
		}

		private static void doubles(ByteBuffer in, double[] values, int n) {
			in.asDoubleBuffer().get(values, 0, n);
			in.position(in.position() + n * 8);
		}

	}

	/** An entry that is incomplete, damaged, or of another format. */
	/**
	 * An entry's header and counts ({@link #summary}).
	 *
	 * @param key what the entry was made for
	 * @param sha256 the CSV's SHA-256
	 * @param stamp the CSV's stamp when the entry was written or last stamped
	 * @param stats the counts of the read that wrote the entry
	 */
	record Summary(byte[] key, byte[] sha256, CsvStamp stamp, ReadStats stats) {
	}

	static final class Damaged extends Exception {

		Damaged(String reason) {
			super(reason, null, false, false);
		}

	}

}
