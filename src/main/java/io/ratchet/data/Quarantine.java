package io.ratchet.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVPrinter;

/**
 * The quarantine file of one import: {@code <folder>/<source-file-name>.<yyyyMMdd-HHmmss>.rejected.csv}, with the
 * source file, line, reason and record of every rejected row; created at the first rejected row. When the import
 * fails, {@link #discard} removes the file and the folders it created.
 */
final class Quarantine {

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

	private final Path folder;

	private final Path source;

	private final Clock clock;

	private Path file;

	private CSVPrinter printer;

	private long count;

	/** The folders this import created for the file, deepest first (removed again if the import fails). */
	private final List<Path> createdFolders = new ArrayList<>();

	Quarantine(Path folder, Path source, Clock clock) {
		this.folder = folder;
		this.source = source;
		this.clock = clock;
	}

	void add(long line, String reason, String raw) throws IOException {
		if (this.printer == null) {
			this.file = create();
			this.printer = new CSVPrinter(Files.newBufferedWriter(this.file, StandardCharsets.UTF_8),
					CsvSource.WRITE_FORMAT);
			this.printer.printRecord("source_file", "line", "reason", "record");
		}
		this.printer.printRecord(this.source, line, reason, raw);
		this.count++;
	}

	/** Rows quarantined so far. */
	long count() {
		return this.count;
	}

	private Path create() throws IOException {
		for (Path missing = this.folder; missing != null && !Files.isDirectory(missing); missing = missing.getParent()) {
			this.createdFolders.add(missing);
		}
		Files.createDirectories(this.folder);
		String stem = this.source.getFileName() + "." + LocalDateTime.now(this.clock).format(STAMP);
		for (int attempt = 1;; attempt++) {
			Path candidate = this.folder.resolve(stem + ((attempt > 1) ? "-" + attempt : "") + ".rejected.csv");
			try {
				return Files.createFile(candidate);
			}
			catch (FileAlreadyExistsException ex) {
				// two imports of the same file name within one second: number them
			}
		}
	}

	/** Closes the file; returns it, or {@code null} when nothing was rejected. */
	Path finish() throws IOException {
		if (this.printer != null) {
			this.printer.close();
		}
		return this.file;
	}

	void discard(Exception failure) {
		if (this.printer != null) {
			try {
				this.printer.close();
			}
			catch (IOException | UncheckedIOException ex) {
				failure.addSuppressed(ex);
			}
		}
		if (this.file != null) {
			DatasetImporter.deleteQuietly(this.file, failure);
		}
		this.createdFolders.forEach((created) -> DatasetImporter.deleteQuietly(created, failure));
	}

}
