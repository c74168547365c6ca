package io.ratchet.cli;

import java.io.PrintStream;
import java.util.List;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code --json} output of the read-only commands ({@code runs}, {@code alerts},
 * {@code history}): one JSON array of objects with stable field names (README, "Machine
 * readable output"), times as ISO-8601 local date-times, numbers as numbers and absent
 * values as {@code null}.
 */
final class JsonOutput {

	private static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private JsonOutput() {
	}

	/**
	 * Prints the rows as one JSON array, each row's fields in their given order (a map's
	 * entries, a record's components: {@code alerts} prints {@code AlertListing}, the
	 * same record {@code GET /api/alerts} returns).
	 */
	static void print(List<?> rows, PrintStream out) {
		out.println(MAPPER.writeValueAsString(rows));
	}

}
