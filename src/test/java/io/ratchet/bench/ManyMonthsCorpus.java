package io.ratchet.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * A corpus of many small months, to measure what a month costs the back-test beyond its
 * rows: the configuration and models of {@link CorpusGenerator} (dataset {@code bench})
 * with {@code months} month files of {@code rows} rows each, ending with
 * {@link CorpusGenerator#LAST_MONTH}. Seeded: the same arguments give the same bytes.
 *
 * <p>
 * {@code jobs/dev/tool io.ratchet.bench.ManyMonthsCorpus <folder> <months> <rows> [seed]},
 * e.g. {@code target/bench/840x30 840 30} or {@code target/bench/500x1 500 1}.
 */
public final class ManyMonthsCorpus {

	private ManyMonthsCorpus() {
	}

	public static void main(String[] args) throws IOException {
		if (args.length < 3) {
			System.err.println("usage: ManyMonthsCorpus <folder> <months> <rows> [seed]");
			System.exit(2);
		}
		Path folder = Path.of(args[0]);
		int months = Integer.parseInt(args[1]);
		int rows = Integer.parseInt(args[2]);
		long seed = (args.length > 3) ? Long.parseLong(args[3]) : 7L;
		write(folder, months, rows, seed);
		System.out.printf(Locale.ROOT, "generated %d months of %d rows in %s%n", months, rows, folder);
	}

	/** Writes the configuration and the month files under {@code folder}. */
	public static void write(Path folder, int months, int rows, long seed) throws IOException {
		new CorpusGenerator(seed).write(folder, CorpusGenerator.MONTHS);
		Path data = folder.resolve("data").resolve(CorpusGenerator.DATASET);
		try (Stream<Path> files = Files.list(data)) {
			for (Path file : files.toList()) {
				Files.delete(file);
			}
		}
		SplittableRandom random = new SplittableRandom(seed);
		for (int i = 0; i < months; i++) {
			YearMonth month = CorpusGenerator.LAST_MONTH.minusMonths(months - 1 - i);
			writeMonth(data.resolve(month + ".csv"), month, rows, random);
		}
	}

	private static void writeMonth(Path file, YearMonth month, int rows, SplittableRandom random) throws IOException {
		try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			out.append("event_date");
			for (int j = 1; j <= CorpusGenerator.NUMERIC; j++) {
				out.append(',').append(CorpusGenerator.feature(j));
			}
			out.append(",segment,label\n");
			StringBuilder line = new StringBuilder(256);
			for (int r = 0; r < rows; r++) {
				line.setLength(0);
				line.append(month.atDay(1 + r % month.lengthOfMonth()));
				double logit = 0;
				for (int j = 0; j < CorpusGenerator.NUMERIC; j++) {
					double x = random.nextGaussian();
					logit += (j < 4) ? x : 0;
					line.append(',');
					CorpusGenerator.appendFixed(line, x);
				}
				line.append(',').append(CorpusGenerator.LEVELS[random.nextInt(CorpusGenerator.LEVELS.length)]);
				line.append(',').append((random.nextDouble() < 1 / (1 + Math.exp(-logit))) ? '1' : '0').append('\n');
				out.append(line);
			}
		}
	}

}
