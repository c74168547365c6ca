package io.ratchet.bench;

import java.util.Locale;

import io.ratchet.metrics.CoverageSimulation;

/**
 * Prints how often each interval method covers the true value in seeded trials
 * ({@link CoverageSimulation}): method, figure, rows per trial, coverage, and whether it
 * is within 93-97% (issue 18). The table of
 * {@code src/main/java/io/ratchet/metrics/README.md}.
 *
 * <pre>
 * jobs/dev/tool io.ratchet.bench.IntervalCoverage [trials (2000)] [seed (2026)]
 * </pre>
 */
public final class IntervalCoverage {

	private IntervalCoverage() {
	}

	public static void main(String[] args) {
		int trials = (args.length > 0) ? Integer.parseInt(args[0]) : 2000;
		long seed = (args.length > 1) ? Long.parseLong(args[1]) : 2026;
		System.out.printf(Locale.ROOT,
				"| method | figure | rows per trial | coverage (%d trials, seed %d) | 93-97%% |%n", trials, seed);
		System.out.println("|---|---|---:|---:|---|");
		for (CoverageSimulation.Coverage row : CoverageSimulation.all(trials, seed)) {
			System.out.printf(Locale.ROOT, "| %s | `%s` | %d | %.2f%% | %s |%n", row.method().key(), row.metric().key(),
					row.rows(), 100 * row.share(), row.within() ? "in" : "**out**");
		}
	}

}
