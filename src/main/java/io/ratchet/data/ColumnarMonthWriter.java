package io.ratchet.data;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Writes the columnar form of one month ({@link ColumnarMonthFile} describes the layout)
 * while its CSV is parsed: rows are gathered a block of {@value #BLOCK} at a time, so
 * memory stays bounded whatever the month's size, and each block is written column by
 * column. Rejected rows are kept as they were reported.
 *
 * <p>
 * A write that fails (a full disk) does not fail the read: the writer is then
 * {@link #broken()} and writes nothing more.
 */
final class ColumnarMonthWriter implements Closeable {

	/** Rows per block. */
	static final int BLOCK = 8192;

	/** Rejected rows per block. */
	static final int REJECTIONS = 1024;

	private final FileChannel channel;

	private final DatasetConfig dataset;

	private final boolean[] numeric;

	private final CRC32C crc = new CRC32C();

	private final long[] lines = new long[BLOCK];

	private final int[] days = new int[BLOCK];

	private final double[] labels = new double[BLOCK];

	private final double[][] numbers;

	private final int[][] codes;

	private final String[][] ids;

	/** The cells of the segment columns that are not features, stored as id cells are. */
	private final String[][] extras;

	private final double[][] scores;

	/** Per categorical feature: level to code, over the whole month. */
	private final List<Map<String, Integer>> dictionaries = new ArrayList<>();

	/** Per categorical feature: the levels first seen in the current block. */
	private final List<List<String>> newLevels = new ArrayList<>();

	private final List<Rejection> rejections = new ArrayList<>();

	private ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);

	private int size;

	private IOException failure;

	ColumnarMonthWriter(Path file, DatasetConfig dataset) throws IOException {
		this.channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
		this.dataset = dataset;
		int features = dataset.features().size();
		this.numeric = new boolean[features];
		this.numbers = new double[features][];
		this.codes = new int[features][];
		for (int i = 0; i < features; i++) {
			this.numeric[i] = dataset.features().get(i).type() == FeatureType.NUMERIC;
			this.numbers[i] = this.numeric[i] ? new double[BLOCK] : null;
			this.codes[i] = this.numeric[i] ? null : new int[BLOCK];
			this.dictionaries.add(new HashMap<>());
			this.newLevels.add(new ArrayList<>());
		}
		this.ids = new String[dataset.idColumns().size()][BLOCK];
		this.extras = new String[dataset.extraColumns().size()][BLOCK];
		this.scores = new double[dataset.scoreColumns().size()][BLOCK];
		this.channel.write(ByteBuffer.allocate(ColumnarMonthFile.HEADER));
	}

	/** Adds an accepted row. */
	void add(Row row) {
		if (this.failure != null) {
			return;
		}
		int n = this.size;
		this.lines[n] = row.line();
		this.days[n] = (int) row.date().toEpochDay();
		this.labels[n] = row.label();
		for (int f = 0; f < this.numeric.length; f++) {
			if (this.numeric[f]) {
				this.numbers[f][n] = row.numbers()[f];
			}
			else {
				this.codes[f][n] = code(f, row.levels()[f]);
			}
		}
		for (int i = 0; i < this.ids.length; i++) {
			this.ids[i][n] = row.ids()[i];
		}
		for (int i = 0; i < this.extras.length; i++) {
			this.extras[i][n] = row.extras()[i];
		}
		for (int s = 0; s < this.scores.length; s++) {
			this.scores[s][n] = row.scores()[s];
		}
		this.size++;
		if (this.size == BLOCK) {
			flushRows();
		}
	}

	/** Adds a rejected row. */
	void reject(Rejection rejection) {
		if (this.failure != null) {
			return;
		}
		this.rejections.add(rejection);
		if (this.rejections.size() == REJECTIONS) {
			flushRejections();
		}
	}

	/** Whether a write failed; the file is then useless. */
	IOException broken() {
		return this.failure;
	}

	/**
	 * Writes the last block, the rejections, the counts, the header and the trailer.
	 * @param key what the entry was made for ({@link MonthCache#key})
	 * @param sha256 the CSV's SHA-256
	 * @param stamp the CSV's stamp to store ({@link CsvStamp#UNKNOWN} to have the next
	 * read hash the CSV)
	 * @param stats the counts of the read
	 */
	void finish(byte[] key, byte[] sha256, CsvStamp stamp, ReadStats stats) throws IOException {
		flushRows();
		flushRejections();
		if (this.failure != null) {
			throw this.failure;
		}
		ByteBuffer out;
		out = ensure(start(), 32);
		out.putLong(stats.rows()).putLong(stats.accepted()).putLong(stats.rejected()).putLong(stats.unlabelled());
		write(ColumnarMonthFile.END, 0, out);
		ByteBuffer header = ColumnarMonthFile.header(key, sha256, stamp);
		long length = this.channel.position() + ColumnarMonthFile.TRAILER;
		ByteBuffer trailer = ByteBuffer.allocate(ColumnarMonthFile.TRAILER).order(ByteOrder.LITTLE_ENDIAN);
		trailer.putLong(this.crc.getValue()).putLong(ColumnarMonthFile.headerCrc(header)).putLong(length).flip();
		writeFully(trailer);
		this.channel.position(0);
		writeFully(header);
	}

	@Override
	public void close() throws IOException {
		this.channel.close();
	}

	private int code(int feature, String level) {
		if (level == null) {
			return -1;
		}
		Map<String, Integer> dictionary = this.dictionaries.get(feature);
		Integer code = dictionary.get(level);
		if (code == null) {
			code = dictionary.size();
			dictionary.put(level, code);
			this.newLevels.get(feature).add(level);
		}
		return code;
	}

	private void flushRejections() {
		if (this.rejections.isEmpty() || this.failure != null) {
			return;
		}
		ByteBuffer out = start();
		for (Rejection rejection : this.rejections) {
			out = ensure(out, 8);
			out.putLong(rejection.line());
			out = putString(out, rejection.reason());
			out = putString(out, rejection.raw());
		}
		try {
			write(ColumnarMonthFile.REJECTS, this.rejections.size(), out);
		}
		catch (IOException ex) {
			this.failure = ex;
		}
		this.rejections.clear();
	}

	private void flushRows() {
		if (this.size == 0 || this.failure != null) {
			return;
		}
		int n = this.size;
		ByteBuffer out = ensure(start(), n * 20);
		out.asLongBuffer().put(this.lines, 0, n);
		out.position(out.position() + n * 8);
		out.asIntBuffer().put(this.days, 0, n);
		out.position(out.position() + n * 4);
		out = putDoubles(out, this.labels, n);
		for (int f = 0; f < this.numeric.length; f++) {
			if (this.numeric[f]) {
				out = putDoubles(out, this.numbers[f], n);
				continue;
			}
			List<String> levels = this.newLevels.get(f);
			out = ensure(out, 4);
			out.putInt(levels.size());
			for (String level : levels) {
				out = putString(out, level);
			}
			levels.clear();
			out = ensure(out, n * 4);
			out.asIntBuffer().put(this.codes[f], 0, n);
			out.position(out.position() + n * 4);
		}
		for (String[] column : this.ids) {
			for (int r = 0; r < n; r++) {
				out = putString(out, column[r]);
			}
		}
		for (String[] column : this.extras) {
			for (int r = 0; r < n; r++) {
				out = putString(out, column[r]);
			}
		}
		for (double[] column : this.scores) {
			out = putDoubles(out, column, n);
		}
		this.size = 0;
		try {
			write(ColumnarMonthFile.ROWS, n, out);
		}
		catch (IOException ex) {
			this.failure = ex;
		}
	}

	/** The block buffer, cleared, past the block header (type, count, length). */
	private ByteBuffer start() {
		this.buffer.clear();
		this.buffer.position(ColumnarMonthFile.BLOCK_HEADER);
		return this.buffer;
	}

	private void write(int type, int count, ByteBuffer out) throws IOException {
		int end = out.position();
		out.putInt(0, type).putInt(4, count).putLong(8, end - ColumnarMonthFile.BLOCK_HEADER);
		out.flip();
		this.crc.update(out.duplicate());
		writeFully(out);
	}

	private void writeFully(ByteBuffer out) throws IOException {
		while (out.hasRemaining()) {
			this.channel.write(out);
		}
	}

	private ByteBuffer putDoubles(ByteBuffer out, double[] values, int n) {
		ByteBuffer room = ensure(out, n * 8);
		room.asDoubleBuffer().put(values, 0, n);
		room.position(room.position() + n * 8);
		return room;
	}

	private ByteBuffer putString(ByteBuffer out, String value) {
		if (value == null) {
			return ensure(out, 4).putInt(-1);
		}
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		return ensure(out, 4 + bytes.length).putInt(bytes.length).put(bytes);
	}

	/** {@code out}, or a larger copy of it, with room for {@code bytes} more. */
	private ByteBuffer ensure(ByteBuffer out, int bytes) {
		if (out.remaining() >= bytes) {
			return out;
		}
		int capacity = Math.max(out.capacity() * 2, out.position() + bytes);
		ByteBuffer larger = ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN);
		out.flip();
		larger.put(out);
		this.buffer = larger;
		return larger;
	}

}
