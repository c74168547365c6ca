package io.ratchet.data;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import io.ratchet.bench.PeerCorpus;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Reads one month through the month cache's own columnar format
 * ({@link ColumnarMonthFile}) and through an Apache Arrow IPC file of the same columns
 * (categorical features dictionary-encoded, as pandas and DuckDB write them), each into
 * the same {@link Row}s, and prints wall time, CPU time per row and file size: issue 15
 * asks whether a well-kept format would do instead of ours.
 *
 * <p>
 * {@code RATCHET_JAVA_OPTS=--add-opens=java.base/java.nio=ALL-UNNAMED jobs/dev/tool
 * io.ratchet.data.ArrowMonthBench <corpus> <month> [repeats] [both|ours|arrow]}, where
 * {@code <corpus>} holds {@code config/} and {@code data/peers/} as
 * {@code jobs/dev/bench-peers --keep} leaves them ({@link PeerCorpus}). With {@code ours}
 * or {@code arrow} only that format is read (run it under {@code /usr/bin/time} for the
 * peak RSS of each). A developer tool, not a test: Arrow is a test dependency only.
 */
public final class ArrowMonthBench {

	private ArrowMonthBench() {
	}

	public static void main(String[] args) throws IOException {
		if (args.length < 2) {
			System.err.println("usage: ArrowMonthBench <corpus> <YYYY-MM> [repeats] [both|ours|arrow]");
			System.exit(2);
		}
		Path corpus = Path.of(args[0]);
		YearMonth month = YearMonth.parse(args[1]);
		int repeats = (args.length > 2) ? Integer.parseInt(args[2]) : 10;
		String mode = (args.length > 3) ? args[3] : "both";
		DatasetConfig dataset = DatasetConfigs.load(corpus.resolve("config"), PeerCorpus.DATASET);
		Path csv = corpus.resolve("data").resolve(PeerCorpus.DATASET).resolve(month + ".csv");
		Path ours = corpus.resolve("bench-arrow-" + month + ".rmc");
		Path arrow = corpus.resolve("bench-arrow-" + month + ".arrow");
		if (!Files.exists(ours) || !Files.exists(arrow)) {
			write(dataset, csv, month, ours, arrow);
		}
		System.out.printf(Locale.ROOT, "file sizes: csv %,d  ours %,d  arrow %,d bytes%n", Files.size(csv),
				Files.size(ours), Files.size(arrow));
		try (BufferAllocator allocator = new RootAllocator()) {
			Map<String, List<double[]>> times = new LinkedHashMap<>();
			for (int i = 0; i < repeats; i++) {
				if (!"arrow".equals(mode)) {
					times.computeIfAbsent("ours", (k) -> new ArrayList<>())
						.add(timed((rows) -> readOurs(ours, csv, dataset, rows)));
				}
				if (!"ours".equals(mode)) {
					times.computeIfAbsent("arrow", (k) -> new ArrayList<>())
						.add(timed((rows) -> readArrow(arrow, dataset, allocator, rows)));
				}
			}
			times.forEach((format, runs) -> System.out.printf(Locale.ROOT,
					"%-6s rows %,d  median of %d (first run left out): wall %.1f ms, CPU %.1f ms, %.1f ns/row%n",
					format, (long) runs.get(0)[2], runs.size() - 1, median(runs, 0), median(runs, 1),
					median(runs, 1) * 1e6 / runs.get(0)[2]));
		}
	}

	/** A read to time: hands every row to the consumer. */
	private interface Read {

		void run(Consumer<Row> rows) throws IOException;

	}

	/** Wall ms, CPU ms and rows of one read. */
	private static double[] timed(Read read) throws IOException {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		long[] seen = new long[2];
		long wall = System.nanoTime();
		long cpu = threads.getCurrentThreadCpuTime();
		read.run((row) -> {
			seen[0]++;
			seen[1] += row.line() + java.util.Objects.hashCode(row.levels()[row.levels().length - 1])
					+ (long) row.numbers()[0];
		});
		double cpuMs = (threads.getCurrentThreadCpuTime() - cpu) / 1e6;
		double wallMs = (System.nanoTime() - wall) / 1e6;
		if (seen[1] == 42) {
			System.out.println("(unlikely checksum)");
		}
		return new double[] { wallMs, cpuMs, seen[0] };
	}

	/** The median of column {@code c} of the runs after the first (the warm-up). */
	private static double median(List<double[]> runs, int c) {
		double[] values = runs.subList(Math.min(1, runs.size() - 1), runs.size())
			.stream()
			.mapToDouble((run) -> run[c])
			.sorted()
			.toArray();
		return values[values.length / 2];
	}

	private static void readOurs(Path file, Path csv, DatasetConfig dataset, Consumer<Row> rows) throws IOException {
		try (ColumnarMonthFile entry = ColumnarMonthFile.open(file)) {
			entry.replay(csv, dataset, true, rows, (rejection) -> {
			});
		}
		catch (ColumnarMonthFile.Damaged ex) {
			throw new IOException(ex.getMessage(), ex);
		}
	}

	private static void readArrow(Path file, DatasetConfig dataset, BufferAllocator allocator, Consumer<Row> rows)
			throws IOException {
		List<Feature> features = dataset.features();
		int ids = dataset.idColumns().size();
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
				ArrowFileReader reader = new ArrowFileReader(channel, allocator)) {
			VectorSchemaRoot root = reader.getVectorSchemaRoot();
			String[][] levels = null;
			while (reader.loadNextBatch()) {
				if (levels == null) {
					levels = levels(reader.getDictionaryVectors(), root, features);
				}
				BigIntVector lines = (BigIntVector) root.getVector(0);
				DateDayVector dates = (DateDayVector) root.getVector(1);
				Float8Vector labels = (Float8Vector) root.getVector(2);
				FieldVector[] columns = new FieldVector[features.size()];
				for (int f = 0; f < columns.length; f++) {
					columns[f] = root.getVector(3 + f);
				}
				for (int i = 0; i < root.getRowCount(); i++) {
					double[] numbers = new double[features.size()];
					String[] cells = new String[features.size()];
					for (int f = 0; f < columns.length; f++) {
						if (columns[f] instanceof Float8Vector values) {
							numbers[f] = values.isNull(i) ? Double.NaN : values.get(i);
						}
						else {
							IntVector codes = (IntVector) columns[f];
							cells[f] = codes.isNull(i) ? null : levels[f][codes.get(i)];
							numbers[f] = Double.NaN;
						}
					}
					String[] idCells = new String[ids];
					for (int k = 0; k < ids; k++) {
						VarCharVector id = (VarCharVector) root.getVector(3 + features.size() + k);
						idCells[k] = new String(id.get(i), StandardCharsets.UTF_8);
					}
					rows.accept(new Row(lines.get(i), LocalDate.ofEpochDay(dates.get(i)),
							labels.isNull(i) ? Double.NaN : labels.get(i), numbers, cells, idCells, new double[0]));
				}
			}
		}
	}

	/** Each categorical feature's levels by code, from the file's dictionaries. */
	private static String[][] levels(Map<Long, Dictionary> dictionaries, VectorSchemaRoot root,
			List<Feature> features) {
		String[][] levels = new String[features.size()][];
		for (int f = 0; f < features.size(); f++) {
			DictionaryEncoding encoding = root.getVector(3 + f).getField().getDictionary();
			if (encoding != null) {
				VarCharVector dictionary = (VarCharVector) dictionaries.get(encoding.getId()).getVector();
				levels[f] = new String[dictionary.getValueCount()];
				for (int code = 0; code < levels[f].length; code++) {
					levels[f][code] = new String(dictionary.get(code), StandardCharsets.UTF_8);
				}
			}
		}
		return levels;
	}

	/** Parses the month's CSV once and writes both forms of it. */
	private static void write(DatasetConfig dataset, Path csv, YearMonth month, Path ours, Path arrow)
			throws IOException {
		List<Row> rows = new ArrayList<>();
		Files.deleteIfExists(ours);
		Files.createFile(ours);
		ReadStats stats;
		try (ColumnarMonthWriter writer = new ColumnarMonthWriter(ours, dataset)) {
			stats = new MonthFileReader(dataset).read(csv, month, (row) -> {
				rows.add(row);
				writer.add(row);
			}, writer::reject);
			writer.finish(new byte[32], new byte[32], new CsvStamp(0, 0, 0, 0), stats);
		}
		try (BufferAllocator allocator = new RootAllocator()) {
			writeArrow(dataset, rows, arrow, allocator);
		}
	}

	private static void writeArrow(DatasetConfig dataset, List<Row> rows, Path file, BufferAllocator allocator)
			throws IOException {
		List<Feature> features = dataset.features();
		List<Field> fields = new ArrayList<>();
		fields.add(Field.notNullable("line", new ArrowType.Int(64, true)));
		fields.add(Field.notNullable("date", new ArrowType.Date(DateUnit.DAY)));
		fields.add(Field.nullable("label", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)));
		DictionaryProvider.MapDictionaryProvider provider = new DictionaryProvider.MapDictionaryProvider();
		List<Map<String, Integer>> codes = new ArrayList<>();
		for (int f = 0; f < features.size(); f++) {
			Feature feature = features.get(f);
			if (feature.type() == FeatureType.NUMERIC) {
				fields.add(Field.nullable(feature.name(), new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)));
				codes.add(null);
				continue;
			}
			Map<String, Integer> levels = new LinkedHashMap<>();
			for (Row row : rows) {
				if (row.levels()[f] != null) {
					levels.putIfAbsent(row.levels()[f], levels.size());
				}
			}
			codes.add(levels);
			DictionaryEncoding encoding = new DictionaryEncoding(f, false, new ArrowType.Int(32, true));
			VarCharVector dictionary = new VarCharVector(feature.name() + "-levels", allocator);
			dictionary.allocateNew(levels.size());
			levels.forEach((level, code) -> dictionary.setSafe(code, level.getBytes(StandardCharsets.UTF_8)));
			dictionary.setValueCount(levels.size());
			provider.put(new Dictionary(dictionary, encoding));
			fields.add(new Field(feature.name(), new FieldType(true, encoding.getIndexType(), encoding), null));
		}
		for (String id : dataset.idColumns()) {
			fields.add(Field.nullable(id, new ArrowType.Utf8()));
		}
		try (VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(fields), allocator);
				FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE,
						StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
				ArrowFileWriter writer = new ArrowFileWriter(root, provider, channel)) {
			writer.start();
			int block = ColumnarMonthWriter.BLOCK;
			for (int from = 0; from < rows.size(); from += block) {
				List<Row> batch = rows.subList(from, Math.min(rows.size(), from + block));
				root.allocateNew();
				for (int i = 0; i < batch.size(); i++) {
					Row row = batch.get(i);
					((BigIntVector) root.getVector(0)).setSafe(i, row.line());
					((DateDayVector) root.getVector(1)).setSafe(i, (int) row.date().toEpochDay());
					setDouble((Float8Vector) root.getVector(2), i, row.label());
					for (int f = 0; f < features.size(); f++) {
						FieldVector column = root.getVector(3 + f);
						if (codes.get(f) == null) {
							setDouble((Float8Vector) column, i, row.numbers()[f]);
						}
						else if (row.levels()[f] == null) {
							((IntVector) column).setNull(i);
						}
						else {
							((IntVector) column).setSafe(i, codes.get(f).get(row.levels()[f]));
						}
					}
					for (int k = 0; k < dataset.idColumns().size(); k++) {
						((VarCharVector) root.getVector(3 + features.size() + k)).setSafe(i,
								row.ids()[k].getBytes(StandardCharsets.UTF_8));
					}
				}
				root.setRowCount(batch.size());
				writer.writeBatch();
			}
			writer.end();
		}
		finally {
			for (long id : provider.getDictionaryIds()) {
				provider.lookup(id).getVector().close();
			}
		}
	}

	private static void setDouble(Float8Vector vector, int i, double value) {
		if (Double.isNaN(value)) {
			vector.setNull(i);
		}
		else {
			vector.setSafe(i, value);
		}
	}

}
