package io.ratchet.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.YearMonth;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.DatasetConfigs;
import io.ratchet.data.MonthCache;
import io.ratchet.data.MonthSource;
import io.ratchet.metrics.Intervals;
import io.ratchet.metrics.MetricAccumulator;
import io.ratchet.metrics.MetricValues;
import io.ratchet.model.BlockScorer;
import io.ratchet.model.ModelCatalogue;
import io.ratchet.model.ModelVersion;
import io.ratchet.model.ScoringPass;
import io.ratchet.report.FeatureMeans;

/**
 * The month workers' work of a warm back-test, without the framework: on one thread, for
 * every month file, its rows read from the columnar month cache (ids undecoded, as the
 * back-test reads them), scored by every model of the dataset, accumulated (and the
 * feature means), then each model's figures, their intervals and its stored state, as
 * {@code BacktestMonthTasklet} makes them (no database, no segments). Each round prints
 * the thread's CPU time and the MD5 of every state and figure, so that two builds can be
 * compared on the same cache: the figures must be the same, the time is the workers'
 * without start-up, JIT threads or garbage collection.
 *
 * <p>
 * {@code jobs/dev/tool io.ratchet.bench.WarmMonths <config dir> <data dir> <dataset>
 * <cache folder> [rounds]} (the cache written by a back-test of the same data folder).
 */
public final class WarmMonths {

	private WarmMonths() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length < 4) {
			System.err.println("usage: WarmMonths <config dir> <data dir> <dataset> <cache folder> [rounds]");
			System.exit(2);
		}
		Path config = Path.of(args[0]);
		DatasetConfig dataset = DatasetConfigs.load(config, args[2]);
		List<ModelVersion> models = ModelCatalogue.scan(config.resolve("models")).forDataset(dataset.name());
		List<Path> files;
		try (Stream<Path> list = Files.list(Path.of(args[1]).resolve(dataset.name()))) {
			files = list.filter((file) -> file.getFileName().toString().endsWith(".csv")).sorted().toList();
		}
		MonthSource source = new MonthSource(dataset, new MonthCache(Path.of(args[3]))).withoutIds();
		int rounds = (args.length > 4) ? Integer.parseInt(args[4]) : 3;
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		for (int round = 1; round <= rounds; round++) {
			long cpu = threads.getCurrentThreadCpuTime();
			long wall = System.nanoTime();
			MessageDigest digest = round(files, dataset, models, source);
			System.out.printf(Locale.ROOT, "round %d: %d months, cpu %.2f s, wall %.2f s, figures md5 %s%n", round,
					files.size(), (threads.getCurrentThreadCpuTime() - cpu) / 1e9, (System.nanoTime() - wall) / 1e9,
					HexFormat.of().formatHex(digest.digest()).substring(0, 12));
		}
		System.out.println(source.describe());
	}

	private static MessageDigest round(List<Path> files, DatasetConfig dataset, List<ModelVersion> models,
			MonthSource source) throws IOException, NoSuchAlgorithmException {
		MessageDigest digest = MessageDigest.getInstance("MD5");
		try (ScoringPass<ModelVersion> pass = ScoringPass.bind(models, (model) -> model, dataset, null, 0.5)) {
			boolean first = true;
			for (Path file : files) {
				if (!first) {
					pass.restart();
				}
				first = false;
				YearMonth month = YearMonth.parse(file.getFileName().toString().replace(".csv", ""));
				FeatureMeans means = new FeatureMeans(dataset);
				BlockScorer blocks = pass.blocks();
				source.read(file, month, (row) -> {
					means.add(row);
					blocks.add(row);
				}, (rejection) -> {
				});
				blocks.flush();
				for (ScoringPass.Scored<ModelVersion> model : pass.models()) {
					MetricAccumulator accumulator = model.accumulator();
					MetricValues values = accumulator.result();
					digest.update(values.toString().getBytes());
					digest.update(Intervals.of(accumulator, values, Intervals.DEFAULT_RESAMPLES, Intervals.DEFAULT_SEED)
						.toString()
						.getBytes());
					digest.update(accumulator.toBytes());
				}
				digest.update(means.toBytes());
			}
		}
		return digest;
	}

}
