package io.ratchet.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.DatasetConfigs;
import io.ratchet.data.DecimalParser;
import io.ratchet.data.FeatureType;
import io.ratchet.data.Row;
import io.ratchet.metrics.Accumulators;
import io.ratchet.metrics.Metric;
import io.ratchet.metrics.MetricAccumulator;
import io.ratchet.metrics.MetricValues;
import io.ratchet.model.BlockScorer;
import io.ratchet.model.BoundModels;
import io.ratchet.model.ModelCatalogue;
import io.ratchet.model.ModelVersion;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The reference floor of the benchmark: the back-test's work as a plain Java loop with no
 * framework (no Spring, no Spring Batch, no database, no row validation beyond parsing,
 * no reports). For every month file, in parallel on all cores: parse with Commons CSV,
 * turn each record into a {@link Row} (date, label, numbers, levels), score it with every
 * model, add each score to the model's {@link MetricAccumulator}; then the same
 * whole-period merge as the back-test (each month's state through
 * {@code toBytes}/{@code fromBytes}, merged as months finish). It prints one line of
 * figures per model so that its output can be compared with the back-test's.
 *
 * <p>
 * {@code java -cp target/ratchet.jar -Dloader.main=io.ratchet.bench.ReferenceFloor
 * org.springframework.boot.loader.launch.PropertiesLauncher <config dir> <data dir> <dataset>}
 */
public final class ReferenceFloor {

	private ReferenceFloor() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length != 3) {
			System.err.println("usage: ReferenceFloor <config dir> <data dir> <dataset>");
			System.exit(2);
		}
		long started = System.nanoTime();
		Path config = Path.of(args[0]);
		DatasetConfig dataset = DatasetConfigs.load(config, args[2]);
		List<ModelVersion> models = ModelCatalogue.scan(config.resolve("models")).forDataset(dataset.name());
		List<Path> files;
		try (Stream<Path> list = Files.list(Path.of(args[1]).resolve(dataset.name()))) {
			files = list.filter((file) -> file.getFileName().toString().endsWith(".csv")).sorted().toList();
		}
		int threads = Runtime.getRuntime().availableProcessors();
		ExecutorService pool = Executors.newFixedThreadPool(threads, (task) -> {
			Thread thread = new Thread(task, "floor-month");
			thread.setDaemon(true);
			return thread;
		});
		CompletionService<byte[][]> months = new ExecutorCompletionService<>(pool);
		for (Path file : files) {
			months.submit(() -> month(file, dataset, models));
		}
		List<MetricAccumulator> whole = new ArrayList<>();
		for (int i = 0; i < models.size(); i++) {
			whole.add(Accumulators.create(dataset.task(), Accumulators.DEFAULT_THRESHOLD));
		}
		long rows = 0;
		// Merged as months finish, so only the months in flight are in memory.
		for (int m = 0; m < files.size(); m++) {
			byte[][] states = months.take().get();
			for (int i = 0; i < models.size(); i++) {
				MetricAccumulator state = Accumulators.fromBytes(dataset.task(), Accumulators.DEFAULT_THRESHOLD,
						states[i]);
				states[i] = null;
				if (i == 0) {
					rows += state.labelled() + state.unlabelled();
				}
				whole.get(i).merge(state);
			}
		}
		pool.shutdown();
		for (int i = 0; i < models.size(); i++) {
			MetricValues values = whole.get(i).result();
			System.out.printf(Locale.ROOT, "%-16s n=%.0f roc_auc=%.12f log_loss=%.12f%n", models.get(i).key(),
					(double) values.n(), values.get(Metric.ROC_AUC).orElse(Double.NaN),
					values.get(Metric.LOG_LOSS).orElse(Double.NaN));
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		System.out.printf(Locale.ROOT, "floor: %,d rows, %d months, %d models, %.2f s, %,.0f rows/s%n", rows,
				files.size(), models.size(), seconds, rows / seconds);
	}

	/** Scores one month file with every model; returns each model's accumulator state. */
	static byte[][] month(Path file, DatasetConfig dataset, List<ModelVersion> models) {
		int count = models.size();
		MetricAccumulator[] accumulators = new MetricAccumulator[count];
		for (int i = 0; i < count; i++) {
			accumulators[i] = Accumulators.create(dataset.task(), Accumulators.DEFAULT_THRESHOLD);
		}
		RecordMapper mapper = null;
		try (BoundModels scorers = BoundModels.bind(models, dataset);
				Reader reader = new BufferedReader(Files.newBufferedReader(file, StandardCharsets.UTF_8), 1 << 16);
				CSVParser parser = CSVFormat.DEFAULT.parse(reader)) {
			// scored a block at a time, as the back-test does
			BlockScorer blocks = scorers.blocks((row, scores) -> {
				for (int i = 0; i < count; i++) {
					accumulators[i].add(scores[i], row.label());
				}
			});
			long line = 1;
			for (CSVRecord record : parser) {
				if (mapper == null) {
					mapper = new RecordMapper(dataset, record.toList());
					continue;
				}
				blocks.add(mapper.row(record, ++line));
			}
			blocks.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		byte[][] states = new byte[count][];
		for (int i = 0; i < count; i++) {
			accumulators[i].result();
			states[i] = accumulators[i].toBytes();
		}
		return states;
	}

	/**
	 * Column positions of one file's header, and the plain conversion of a record into a
	 * row.
	 */
	private static final class RecordMapper {

		private final int dateColumn;

		private final int labelColumn;

		private final int[] featureColumns;

		private final boolean[] numeric;

		private final String positive;

		private final DatasetConfig dataset;

		RecordMapper(DatasetConfig dataset, List<String> header) {
			this.dateColumn = header.indexOf(dataset.dateColumn());
			this.labelColumn = header.indexOf(dataset.labelColumn());
			int features = dataset.features().size();
			this.featureColumns = new int[features];
			this.numeric = new boolean[features];
			for (int f = 0; f < features; f++) {
				this.featureColumns[f] = header.indexOf(dataset.features().get(f).name());
				this.numeric[f] = dataset.features().get(f).type() == FeatureType.NUMERIC;
			}
			this.positive = dataset.positiveLabel();
			this.dataset = dataset;
		}

		private boolean missing(String text) {
			return this.dataset.isMissing(text);
		}

		Row row(CSVRecord record, long line) {
			int features = this.featureColumns.length;
			double[] numbers = new double[features];
			String[] levels = new String[features];
			for (int f = 0; f < features; f++) {
				String text = record.get(this.featureColumns[f]);
				if (this.numeric[f]) {
					numbers[f] = this.missing(text) ? Double.NaN : DecimalParser.parse(text);
				}
				else {
					levels[f] = this.missing(text) ? null : text;
				}
			}
			LocalDate date = LocalDate.parse(record.get(this.dateColumn));
			String label = record.get(this.labelColumn);
			return new Row(line, date, this.missing(label) ? Double.NaN : (label.equals(this.positive) ? 1.0 : 0.0),
					numbers, levels);
		}

	}

}
