package io.ratchet.run;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * Reads every row of one run from a large table (all its metric values: some 160,000 rows
 * for 840 months of 4 models; the intervals of a run stored before V30) without H2
 * sorting them and copying the result to a temporary file first.
 *
 * <p>
 * H2 builds a query's whole result before it hands over the first row, and a result of
 * more rows than its {@code MAX_MEMORY_ROWS} (some 20,000 for a 512 MiB heap) is written
 * to a temporary file and read back: about half of the summary's, the report's and the
 * command's reading of a long run (JFR, {@code src/docs/performance.md}). With lazy query
 * execution (a session setting any user may change) H2 hands the rows over as it finds
 * them, which it can when the query's order is its index's: the statements read by the
 * primary key's prefix {@code run_id} in the key's order. The setting is turned on for
 * the one statement, on its connection, and off again before the connection goes back to
 * the pool. Other databases stream as they are, and run the statement unchanged.
 */
final class LazyRunReads {

	private static final String LAZY = "SET LAZY_QUERY_EXECUTION TRUE";

	private static final String EAGER = "SET LAZY_QUERY_EXECUTION FALSE";

	private LazyRunReads() {
	}

	/**
	 * The rows of the statement {@code prepared} on the connection (one parameter: the
	 * run id), each mapped by {@code mapper}.
	 */
	static <T> List<T> list(JdbcTemplate jdbc, Prepared prepared, long runId, RowMapper<T> mapper) {
		List<T> rows = jdbc.execute((ConnectionCallback<List<T>>) (connection) -> {
			boolean h2 = "H2".equals(connection.getMetaData().getDatabaseProductName());
			if (h2) {
				lazy(connection, true);
			}
			try (PreparedStatement statement = prepared.on(connection)) {
				statement.setLong(1, runId);
				List<T> read = new ArrayList<>();
				try (ResultSet rs = statement.executeQuery()) {
					while (rs.next()) {
						read.add(mapper.mapRow(rs, read.size()));
					}
				}
				return read;
			}
			finally {
				if (h2) {
					lazy(connection, false);
				}
			}
		});
		return (rows != null) ? rows : List.of();
	}

	private static void lazy(Connection connection, boolean on) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			if (on) {
				statement.execute(LAZY);
			}
			else {
				statement.execute(EAGER);
			}
		}
	}

	/**
	 * A constant statement prepared on a connection (so that every statement stays a
	 * constant where it is written: {@code SqlParameterisationTests}).
	 */
	@FunctionalInterface
	interface Prepared {

		PreparedStatement on(Connection connection) throws SQLException;

	}

}
