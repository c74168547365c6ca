package io.ratchet.data;

import java.nio.file.Path;

/** Formats the "where" part of error messages: {@code <file> line <n>: <cause>}. */
final class Locations {

	private Locations() {
	}

	/**
	 * {@code file line n: message}; the file and the line are left out when unknown
	 * ({@code null}, or a line below 1).
	 */
	static String describe(Path file, long line, String message) {
		StringBuilder text = new StringBuilder();
		if (file != null) {
			text.append(file);
		}
		if (line > 0) {
			text.append((text.length() > 0) ? " " : "").append("line ").append(line);
		}
		return (text.length() > 0) ? text + ": " + message : message;
	}

}
