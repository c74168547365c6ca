package io.ratchet.backtest;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import io.ratchet.data.Rejection;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import org.springframework.stereotype.Component;

/**
 * Keeps the rows a back-test rejected: one CSV per month ({@code file,line,reason,record}), created only when the
 * month has a rejected row, so nothing is dropped silently.
 */
@Component
class RejectedRowsWriter {

	Sink open(Path file) throws IOException {
		Files.deleteIfExists(file);
		return new Sink(file);
	}

	/** Receives the rejections of one month file. */
	static final class Sink implements Consumer<Rejection>, Closeable {

		private final Path file;

		private CSVPrinter printer;

		Sink(Path file) {
			this.file = file;
		}

		@Override
		public void accept(Rejection rejection) {
			try {
				if (this.printer == null) {
					Files.createDirectories(this.file.getParent());
					BufferedWriter writer = Files.newBufferedWriter(this.file, StandardCharsets.UTF_8);
					this.printer = new CSVPrinter(writer,
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

}
