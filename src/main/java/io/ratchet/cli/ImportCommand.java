package io.ratchet.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.DatasetImporter;
import io.ratchet.data.ImportResult;
import io.ratchet.run.ImportBatchStore;
import io.ratchet.system.Workspace;

import org.springframework.stereotype.Component;

/**
 * {@code jobs/import <dataset> <file.csv>}: validates a CSV and merges it into the dataset's month files. Rejected
 * rows go to a quarantine file and are counted in the database; importing the same file twice adds nothing.
 */
@Component
class ImportCommand implements Command {

	private final Workspace workspace;

	private final ImportBatchStore imports;

	ImportCommand(Workspace workspace, ImportBatchStore imports) {
		this.workspace = workspace;
		this.imports = imports;
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
		if (!Files.isRegularFile(source)) {
			throw new UsageException("no such file: " + source);
		}
		ImportResult result = new DatasetImporter(dataset, this.workspace.datasetDir(dataset.name()))
			.importFile(source);
		this.imports.record(dataset.name(), result);
		out.printf(Locale.ROOT, "Imported %s into %s: %,d rows, %,d new, %,d already present, %,d rejected%n", source,
				this.workspace.datasetDir(dataset.name()), result.rows(), result.accepted(), result.duplicates(),
				result.rejected());
		result.acceptedByMonth()
			.forEach((month, rows) -> out.printf(Locale.ROOT, "  %s  %,d new rows%n", month, rows));
		if (result.quarantineFile() != null) {
			out.println("Rejected rows, with line and reason: " + result.quarantineFile());
		}
		return CommandLine.OK;
	}

}
