package io.ratchet.faults;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a back-test stored, table by table, as sorted lines of text without run ids,
 * timestamps or durations, so that two databases can be compared by SQL: model versions
 * by name and version, accumulator states by their SHA-256.
 */
record StoredResults(Map<String, List<String>> tables, long runs) {

	private static final String MODEL = "(SELECT name || '@' || version FROM model_version m WHERE m.id = t.model_version_id)";

	static StoredResults read(JdbcClient jdbc) {
		Map<String, List<String>> tables = new LinkedHashMap<>();
		tables.put("metric_value",
				lines(jdbc, "SELECT " + MODEL + ", period, metric, val, row_count FROM metric_value t"));
		tables.put("period_verdict",
				lines(jdbc, "SELECT " + MODEL + ", period, verdict, row_count FROM period_verdict t"));
		tables.put("breach", lines(jdbc, "SELECT " + MODEL + ", period, metric, bound_kind, bound, val FROM breach t"));
		tables.put("partition_state", lines(jdbc, "SELECT " + MODEL + ", period, state FROM partition_state t"));
		tables.put("run_partition", lines(jdbc, """
				SELECT period, file_path, rows_read, rows_accepted, rows_rejected, rows_unlabelled,
					CASE WHEN rejected_file IS NULL THEN 'none' ELSE 'kept' END FROM run_partition t"""));
		long runs = jdbc.sql("SELECT COUNT(*) FROM run WHERE job_name = 'backtest'").query(Long.class).single();
		return new StoredResults(tables, runs);
	}

	private static List<String> lines(JdbcClient jdbc, String sql) {
		List<String> lines = jdbc.sql(sql).query((rs, i) -> {
			StringBuilder line = new StringBuilder();
			for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
				Object value = rs.getObject(c);
				line.append((value instanceof byte[] bytes) ? sha256(bytes) : String.valueOf(value)).append(" | ");
			}
			return line.toString();
		}).list();
		return new ArrayList<>(lines.stream().sorted().toList());
	}

	/** Rows of {@code reference} missing here (data lost), over every table. */
	long missingFrom(StoredResults reference) {
		return difference(reference.tables, this.tables);
	}

	/** Rows here beyond {@code reference} (duplicated or extra), over every table. */
	long extraTo(StoredResults reference) {
		return difference(this.tables, reference.tables);
	}

	/** Multiset difference {@code a - b}, counted. */
	private static long difference(Map<String, List<String>> a, Map<String, List<String>> b) {
		long count = 0;
		for (Map.Entry<String, List<String>> table : a.entrySet()) {
			List<String> rest = new ArrayList<>(b.getOrDefault(table.getKey(), List.of()));
			for (String line : table.getValue()) {
				if (!rest.remove(line)) {
					count++;
				}
			}
		}
		return count;
	}

	/**
	 * Only the rows of these months (a shorter run compared with the whole-history
	 * reference).
	 */
	StoredResults months(String... months) {
		java.util.Set<String> keep = java.util.Set.of(months);
		Map<String, List<String>> kept = new LinkedHashMap<>();
		this.tables.forEach((table, lines) -> kept.put(table,
				lines.stream().filter((line) -> keep.contains(period(table, line))).toList()));
		return new StoredResults(kept, this.runs);
	}

	/**
	 * The period column of a line: the first column of run_partition, the second
	 * elsewhere.
	 */
	private static String period(String table, String line) {
		String[] columns = line.split(" \\| ");
		return ("run_partition".equals(table) ? columns[0] : columns[1]).trim();
	}

	int rowCount() {
		return this.tables.values().stream().mapToInt(List::size).sum();
	}

	private static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
