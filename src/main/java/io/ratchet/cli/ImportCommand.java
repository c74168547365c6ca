package io.ratchet.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Locale;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.DatasetImporter;
import io.ratchet.data.ImportResult;
import io.ratchet.run.ImportBatchStore;
import io.ratchet.workspace.Workspace;

import org.springframework.stereotype.Component;

/**
 * {@code jobs/import <dataset> <file.csv>}: validates a CSV and merges it into the
 * dataset's month files ({@link DatasetImporter}). Rejected rows and conflicts go to a
 * quarantine file and are counted in the database; importing the same file twice adds
 * nothing. A second import into a dataset while one runs is refused (exit 1).
 */
@Component
class ImportCommand implements Command {

	private final Workspace workspace;

	private final ImportBatchStore imports;

	ImportCommand(Workspace workspace, ImportBatchStore imports) {
		this.workspace = workspace;
		this.imports = imports;
	}

	/**
	 * What an import did, e.g.
	 * {@code Imported x.csv into historical-data/sales: 10 rows, 6 new, 2 matched (already
	 * stored), 1 updated (label added), 1 rejected (1 conflict)}, then the new and
	 * updated rows per month and the quarantine file.
	 */
	static String describe(ImportResult result, Path datasetDir) {
		StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
				"Imported %s into %s: %,d rows, %,d new, %,d matched (already stored), %,d updated (label added), "
						+ "%,d rejected",
				result.source(), datasetDir, result.rows(), result.accepted(), result.duplicates(), result.updated(),
				result.rejected()));
		if (result.conflicts() > 0) {
			text.append(String.format(Locale.ROOT, " (%,d conflict%s with stored rows)", result.conflicts(),
					(result.conflicts() > 1) ? "s" : ""));
		}
		text.append('\n');
		SortedSet<YearMonth> months = new TreeSet<>(result.acceptedByMonth().keySet());
		months.addAll(result.updatedByMonth().keySet());
		for (YearMonth month : months) {
			text.append(String.format(Locale.ROOT, "  %s  %,d new rows", month,
					result.acceptedByMonth().getOrDefault(month, 0L)));
			long updated = result.updatedByMonth().getOrDefault(month, 0L);
			if (updated > 0) {
				text.append(String.format(Locale.ROOT, ", %,d updated", updated));
			}
			text.append('\n');
		}
		if (result.quarantineFile() != null) {
			text.append("Rejected rows and conflicts, with line and reason: ")
				.append(result.quarantineFile())
				.append('\n');
		}
		return text.toString();
	}

	@Override
	public String usage() {
		return "import <dataset> <file.csv>";
	}

	@Override
	public int run(String[] args, PrintStream out) {
		Options options = Options.parse(args, Set.of());
		if (options.positional().size() != 2) {
			throw new UsageException("give a dataset and a CSV file");
		}
		DatasetConfig dataset = this.workspace.dataset(Names.dataset(options.positional().get(0)));
		Path source = Path.of(options.positional().get(1));
		if (!Files.exists(source)) {
			throw new UsageException("no such file: " + source);
		}
		if (!Files.isRegularFile(source)) {
			throw new UsageException("not a regular file: " + source + " (a folder, a pipe or a device; import "
					+ "reads a file, whose SHA-256 it records)");
		}
		ImportResult result = new DatasetImporter(dataset, this.workspace.datasetDir(dataset.name()))
			.importFile(source);
		this.imports.record(dataset.name(), result);
		out.print(describe(result, this.workspace.datasetDir(dataset.name())));
		return CommandLine.OK;
	}

}
