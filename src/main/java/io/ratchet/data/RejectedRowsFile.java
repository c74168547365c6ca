package io.ratchet.data;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Keeps the rows a job rejected while reading month files: one CSV
 * ({@code file,line,reason,record}), created only when there is a rejected row, so
 * nothing is dropped silently and a clean read leaves no file behind. Opening it removes
 * what an earlier attempt of the same run left.
 */
public final class RejectedRowsFile implements Consumer<Rejection>, Closeable {

	private final Path file;

	private CSVPrinter printer;

	private RejectedRowsFile(Path file) {
		this.file = file;
	}

	/** Opens (empties) the file of rejected rows at {@code file}. */
	public static RejectedRowsFile open(Path file) throws IOException {
		Files.deleteIfExists(file);
		return new RejectedRowsFile(file);
	}

	@Override
	public void accept(Rejection rejection) {
		try {
			if (this.printer == null) {
				Files.createDirectories(this.file.getParent());
				this.printer = new CSVPrinter(Files.newBufferedWriter(this.file, StandardCharsets.UTF_8),
						CSVFormat.DEFAULT.builder().setHeader("file", "line", "reason", "record").get());
			}
			this.printer.printRecord(rejection.file(), rejection.line(), rejection.reason(), rejection.raw());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write rejected rows to " + this.file, ex);
		}
	}

	@Override
	public void close() throws IOException {
		if (this.printer != null) {
			this.printer.close();
		}
	}

}
