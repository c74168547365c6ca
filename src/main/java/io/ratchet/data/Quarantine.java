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

import org.apache.commons.csv.CSVPrinter;

/**
 * The quarantine file of one import,
 * {@code <datasetDir>/quarantine/<source-file-name>.<yyyyMMdd-HHmmss>.rejected.csv} (UTF-8), created at the first row
 * kept there: {@code source_file,line,reason,record}. It holds the rejected rows (as read, bytes that could not be
 * decoded shown as {@code \xHH}) and the rows in conflict with a stored row (as they would have been stored).
 */
final class Quarantine {

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

	private final Path datasetDir;

	private final Path source;

	private final Clock clock;

	private Path file;

	private CSVPrinter printer;

	private long count;

	/** The quarantine folder when this import created it (removed again if the import fails). */
	private Path createdFolder;

	Quarantine(Path datasetDir, Path source, Clock clock) {
		this.datasetDir = datasetDir;
		this.source = source;
		this.clock = clock;
	}

	void add(long line, String reason, String raw) throws IOException {
		try {
			if (this.printer == null) {
				this.file = create();
				this.printer = new CSVPrinter(Files.newBufferedWriter(this.file, StandardCharsets.UTF_8),
						CsvSource.WRITE_FORMAT);
				this.printer.printRecord("source_file", "line", "reason", "record");
			}
			this.printer.printRecord(this.source, line, reason, raw);
		}
		catch (IOException ex) {
			Path where = (this.file != null) ? this.file : this.datasetDir.resolve("quarantine");
			throw new IOException("cannot write " + where + ": " + ex.getMessage(), ex);
		}
		this.count++;
	}

	/** Rows kept so far. */
	long count() {
		return this.count;
	}

	private Path create() throws IOException {
		Path folder = this.datasetDir.resolve("quarantine");
		if (!Files.isDirectory(folder)) {
			this.createdFolder = Files.createDirectories(folder);
		}
		String stem = this.source.getFileName() + "." + LocalDateTime.now(this.clock).format(STAMP);
		for (int attempt = 1;; attempt++) {
			Path candidate = folder.resolve(stem + ((attempt > 1) ? "-" + attempt : "") + ".rejected.csv");
			try {
				return Files.createFile(candidate);
			}
			catch (FileAlreadyExistsException ex) {
				// two imports of the same file name within one second: number them
			}
		}
	}

	/** Closes the file; returns it, or {@code null} when nothing was kept. */
	Path finish() throws IOException {
		if (this.printer != null) {
			try {
				this.printer.close();
			}
			catch (IOException ex) {
				throw new IOException("cannot write " + this.file + ": " + ex.getMessage(), ex);
			}
		}
		return this.file;
	}

	/** Closes and deletes the file (the import failed); problems are added to {@code failure}. */
	void discard(Exception failure) {
		if (this.printer != null) {
			try {
				this.printer.close();
			}
			catch (IOException | UncheckedIOException ex) {
				failure.addSuppressed(ex);
			}
		}
		deleteQuietly(this.file, failure);
		deleteQuietly(this.createdFolder, failure);
	}

	private static void deleteQuietly(Path file, Exception failure) {
		if (file == null) {
			return;
		}
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			failure.addSuppressed(ex);
		}
	}

}
