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
 * The quarantine file of one import,
 * {@code <folder>/<source-file-name>.<yyyyMMdd-HHmmss>.rejected.csv} (UTF-8; the folder
 * is {@code <datasetDir>/quarantine} for data, the prediction log's own for a log),
 * created at the first row kept there: {@code source_file,line,reason,record}. It holds
 * the rejected rows (as read, bytes that could not be decoded shown as {@code \xHH}) and
 * the rows in conflict with a stored row (as they would have been stored). When the
 * import fails, {@link #discard} removes the file and the folders it created.
 */
final class Quarantine {

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

	private final Path folder;

	private final Path source;

	private final Clock clock;

	private Path file;

	private CSVPrinter printer;

	private long count;

	/**
	 * The folders this import created for the file, deepest first (removed again if the
	 * import fails).
	 */
	private final List<Path> createdFolders = new ArrayList<>();

	Quarantine(Path folder, Path source, Clock clock) {
		this.folder = folder;
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
			Path where = (this.file != null) ? this.file : this.folder;
			throw new IOException("cannot write " + where + ": " + ex.getMessage(), ex);
		}
		this.count++;
	}

	/** Rows kept so far. */
	long count() {
		return this.count;
	}

	private Path create() throws IOException {
		for (Path missing = this.folder; missing != null
				&& !Files.isDirectory(missing); missing = missing.getParent()) {
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

	/**
	 * Closes and deletes the file (the import failed); problems are added to
	 * {@code failure}.
	 */
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
		this.createdFolders.forEach((created) -> deleteQuietly(created, failure));
	}

	static void deleteQuietly(Path file, Exception failure) {
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
