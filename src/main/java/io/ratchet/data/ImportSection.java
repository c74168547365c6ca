package io.ratchet.data;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import io.ratchet.config.ConfigNode.Field;

/**
 * Reads the settings of import of a dataset file into {@link ImportSettings}:
 * {@code encoding:} (a character set, default UTF-8) and {@code max-record-length:} (a
 * positive number of characters), with the plausible dates of {@link DateSection}. Every
 * error names the file and the line.
 */
final class ImportSection {

	private ImportSection() {
	}

	/**
	 * @param encoding the {@code encoding:} field, or {@code null}
	 * @param maxRecordLength the {@code max-record-length:} field, or {@code null}
	 * @param date the dataset's {@code date:} (its plausible range)
	 */
	static ImportSettings read(Field encoding, Field maxRecordLength, DateSection date) {
		return new ImportSettings(encoding(encoding), maxRecordLength(maxRecordLength), date.earliest(), date.latest());
	}

	private static Charset encoding(Field field) {
		if (field == null) {
			return StandardCharsets.UTF_8;
		}
		String name = field.text("encoding");
		try {
			return Charset.forName(name);
		}
		catch (IllegalArgumentException ex) {
			throw field.error("encoding: unknown character set '" + name
					+ "' (for example UTF-8, ISO-8859-1, windows-1252, UTF-16)");
		}
	}

	private static int maxRecordLength(Field field) {
		if (field == null) {
			return ImportSettings.DEFAULT_MAX_RECORD_LENGTH;
		}
		String text = field.text("max-record-length");
		try {
			int length = Integer.parseInt(text);
			if (length > 0) {
				return length;
			}
		}
		catch (NumberFormatException ex) {
			// told below
		}
		throw field.error("max-record-length: expected a positive number of characters, found '" + text + "'");
	}

}
