package io.ratchet.demo;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * {@code jobs/dev/generate-demo}: writes the demo dataset (24 months ending last month,
 * drifting at the end), its champion and candidates, registry and requirements with
 * {@link DemoGenerator}. Deterministic for a given seed and last month. A developer tool
 * run from the test class path; it is not part of the application jar.
 *
 * <p>
 * {@code GenerateDemo [--last-month YYYY-MM] [--seed N] [--root DIR]}; exit code 0 when
 * written, 2 on a usage error.
 */
public final class GenerateDemo {

	static final String USAGE = "usage: jobs/dev/generate-demo [--last-month YYYY-MM] [--seed N] [--root DIR]";

	private GenerateDemo() {
	}

	public static void main(String[] args) {
		YearMonth last = DemoGenerator.defaultLastMonth(LocalDate.now());
		long seed = DemoGenerator.DEFAULT_SEED;
		Path root = Path.of(".");
		try {
			for (int i = 0; i < args.length; i++) {
				String[] option = option(args, i);
				if (option[1] == null) {
					i++;
					option[1] = value(args, i, option[0]);
				}
				switch (option[0]) {
					case "--last-month" -> last = YearMonth.parse(option[1]);
					case "--seed" -> seed = Long.parseLong(option[1]);
					case "--root" -> root = Path.of(option[1]);
					default -> throw new IllegalArgumentException("unknown option " + option[0]);
				}
			}
		}
		catch (IllegalArgumentException | DateTimeParseException ex) {
			System.err.println("generate-demo: " + ex.getMessage());
			System.err.println(USAGE);
			System.exit(2);
		}
		DemoGenerator.Result result = DemoGenerator.generate(root, last, seed);
		System.out.printf(Locale.ROOT, "Demo dataset %s: %s..%s, %,d rows, %d files written%n", DemoGenerator.DATASET,
				result.first(), result.last(), result.rows(), result.written().size());
	}

	/** {@code --name=value} as {name, value}, {@code --name} as {name, null}. */
	private static String[] option(String[] args, int i) {
		int equals = args[i].indexOf('=');
		return (equals < 0) ? new String[] { args[i], null }
				: new String[] { args[i].substring(0, equals), args[i].substring(equals + 1) };
	}

	private static String value(String[] args, int i, String name) {
		if (i >= args.length) {
			throw new IllegalArgumentException(name + " needs a value");
		}
		return args[i];
	}

}
