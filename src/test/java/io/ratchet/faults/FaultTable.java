package io.ratchet.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The suite's table, one row per fault: what was injected, how often, what happened, rows
 * lost and rows duplicated. Written to {@code target/faults/<vendor>.md} (the script
 * {@code jobs/dev/fault-suite} gathers these into {@code src/docs/faults.md}) and to
 * stdout.
 */
final class FaultTable {

	record Row(String fault, int trials, String outcome, long lost, long duplicates) {
	}

	private final String vendor;

	private final List<Row> rows = new ArrayList<>();

	FaultTable(String vendor) {
		this.vendor = vendor;
	}

	synchronized void add(String fault, int trials, String outcome, long lost, long duplicates) {
		this.rows.add(new Row(fault, trials, outcome, lost, duplicates));
	}

	synchronized String markdown() {
		StringBuilder text = new StringBuilder();
		text.append("| fault | trials | outcome | data lost | duplicates |\n|---|---|---|---|---|\n");
		for (Row row : this.rows) {
			text.append("| ")
				.append(row.fault())
				.append(" | ")
				.append(row.trials())
				.append(" | ")
				.append(row.outcome().replace("|", "/"))
				.append(" | ")
				.append(row.lost())
				.append(" | ")
				.append(row.duplicates())
				.append(" |\n");
		}
		return text.toString();
	}

	/** Writes the table (with a heading naming the database) and prints it. */
	synchronized void write() {
		if (this.rows.isEmpty()) {
			return;
		}
		String text = "### " + ("postgresql".equals(this.vendor) ? "PostgreSQL" : "H2") + "\n\n" + markdown();
		try {
			Path dir = Path.of("target", "faults");
			Files.createDirectories(dir);
			Files.writeString(dir.resolve(this.vendor + ".md"), text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		System.out.println(text);
	}

}
