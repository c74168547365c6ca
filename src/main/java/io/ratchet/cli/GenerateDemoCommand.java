package io.ratchet.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Set;

import io.ratchet.demo.DemoGenerator;

import org.springframework.stereotype.Component;

/**
 * {@code jobs/generate-demo}: writes the demo churn dataset (24 months ending last month, drifting at the end), its
 * champion and candidates, registry and requirements. Deterministic for a given seed and last month.
 */
@Component
class GenerateDemoCommand implements Command {

	@Override
	public String usage() {
		return "generate-demo [--last-month YYYY-MM] [--seed N] [--root DIR]";
	}

	@Override
	public int run(String[] args, PrintStream out) {
		Options options = Options.parse(args, Set.of("last-month", "seed", "root"));
		YearMonth last;
		long seed;
		try {
			last = (options.get("last-month") != null) ? YearMonth.parse(options.get("last-month"))
					: YearMonth.now().minusMonths(1);
			seed = (options.get("seed") != null) ? Long.parseLong(options.get("seed")) : 42L;
		}
		catch (DateTimeParseException | NumberFormatException ex) {
			throw new UsageException(ex.getMessage());
		}
		Path root = Path.of((options.get("root") != null) ? options.get("root") : ".");
		DemoGenerator.Result result = DemoGenerator.generate(root, last, seed);
		out.printf("Demo dataset churn: %s..%s, %,d rows, %d files written%n", result.first(), result.last(),
				result.rows(), result.written().size());
		return CommandLine.OK;
	}

}
