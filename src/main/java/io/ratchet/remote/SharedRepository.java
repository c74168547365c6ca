package io.ratchet.remote;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

/**
 * Remote partitioning needs a job repository every node reaches and writes at once:
 * PostgreSQL. An H2 database is refused: its file belongs to one machine (a second
 * machine cannot open it), and even the {@code AUTO_SERVER} mode listens on 127.0.0.1
 * only (io.ratchet.security.LocalAccess), so workers elsewhere could never reach it.
 */
final class SharedRepository {

	private SharedRepository() {
	}

	/**
	 * @param who what needs the shared repository, for the message
	 * @throws IllegalStateException when the database is H2
	 */
	static void require(DataSource dataSource, String who) {
		String product;
		String url;
		try (Connection connection = dataSource.getConnection()) {
			product = connection.getMetaData().getDatabaseProductName();
			url = connection.getMetaData().getURL();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(who + ": cannot reach the database: " + ex.getMessage(), ex);
		}
		if ("H2".equalsIgnoreCase(product)) {
			throw new IllegalStateException(who + " needs a job repository shared by every node (PostgreSQL: "
					+ "SPRING_PROFILES_ACTIVE=postgresql and SPRING_DATASOURCE_URL), not the H2 database " + url
					+ ", which no other machine can reach; use ratchet.backtest.workers=local with H2");
		}
	}

}
