package io.ratchet.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.DatasetImporter;
import io.ratchet.data.ImportResult;
import io.ratchet.run.ImportBatchStore;
import io.ratchet.workspace.Workspace;
import picocli.CommandLine.Parameters;

import org.springframework.stereotype.Component;

/**
 * {@code jobs/import <dataset> <file-or-folder>...}: validates CSV files and merges them
 * into the dataset's month files ({@link DatasetImporter}), one after the other in one
 * process; a folder stands for its {@code .csv} files in name order. Each file is an
 * import of its own, as atomic as one: rejected rows and conflicts go to its quarantine
 * file and are counted in the database; importing the same file twice adds nothing. A
 * file that fails stops the command (exit 1); the files before it stay imported (their
 * counts are printed). The progress of each file goes to stderr
 * ({@link ImportProgressLine}). A second import into a dataset while one runs is refused
 * (exit 1).
 */
@Component
class ImportCommand implements Command<ImportCommand.Arguments> {

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
	public Class<Arguments> arguments() {
		return Arguments.class;
	}

	@Override
	public int run(Arguments arguments, PrintStream out) {
		DatasetConfig dataset = this.workspace.dataset(Names.dataset(arguments.dataset()));
		List<Path> sources = sources(arguments.sources());
		Path datasetDir = this.workspace.datasetDir(dataset.name());
		DatasetImporter importer = new DatasetImporter(dataset, datasetDir);
		long[] totals = new long[5];
		for (Path source : sources) {
			ImportResult result = importer.importFile(source,
					new ImportProgressLine(System.err, source, System::nanoTime));
			this.imports.record(dataset.name(), result);
			out.print(describe(result, datasetDir));
			totals[0] += result.rows();
			totals[1] += result.accepted();
			totals[2] += result.duplicates();
			totals[3] += result.updated();
			totals[4] += result.rejected();
		}
		if (sources.size() > 1) {
			out.printf(Locale.ROOT,
					"%,d files: %,d rows, %,d new, %,d matched (already stored), %,d updated (label added), "
							+ "%,d rejected%n",
					sources.size(), totals[0], totals[1], totals[2], totals[3], totals[4]);
		}
		return CommandLine.OK;
	}

	/**
	 * The files to import, in the order given: each file, and the {@code .csv} files of
	 * each folder (not its sub-folders) in name order. Checked before anything is
	 * imported.
	 * @throws UsageException for a path that does not exist, a folder without CSV files,
	 * or something that is neither a file nor a folder
	 */
	static List<Path> sources(List<String> arguments) {
		List<Path> sources = new ArrayList<>();
		for (String argument : arguments) {
			Path path = Path.of(argument);
			if (!Files.exists(path)) {
				throw new UsageException("no such file: " + path);
			}
			if (Files.isDirectory(path)) {
				List<Path> files = csvFiles(path);
				if (files.isEmpty()) {
					throw new UsageException("no .csv file in folder " + path);
				}
				sources.addAll(files);
			}
			else if (Files.isRegularFile(path)) {
				sources.add(path);
			}
			else {
				throw new UsageException("not a regular file: " + path + " (a pipe or a device; import reads a "
						+ "file, whose SHA-256 it records)");
			}
		}
		return sources;
	}

	private static List<Path> csvFiles(Path folder) {
		try (Stream<Path> files = Files.list(folder)) {
			return files.filter((file) -> {
				String name = file.getFileName().toString();
				return name.endsWith(".csv") && !name.startsWith(".") && Files.isRegularFile(file);
			}).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot list " + folder, ex);
		}
	}

	/** {@code jobs/import}'s arguments. */
	@picocli.CommandLine.Command(name = "import",
			description = "Imports CSV rows into a dataset's month files: validated against the dataset's "
					+ "configuration, rows already there matched or updated, bad rows rejected with file and line.")
	interface Arguments {

		@Parameters(index = "0", paramLabel = "DATASET", description = "the dataset")
		String dataset();

		@Parameters(index = "1..*", arity = "1..*", paramLabel = "FILE-OR-FOLDER",
				description = "CSV files, or folders whose .csv files are imported in name order")
		List<String> sources();

	}

}
