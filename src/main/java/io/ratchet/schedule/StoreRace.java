package io.ratchet.schedule;

import java.sql.SQLException;

import org.quartz.ObjectAlreadyExistsException;

/**
 * Tells whether a failure of Quartz's store is two schedulers writing the same row at the
 * same moment, which the database refused to one of them: a unique key (SQL state class
 * {@code 23}), a serialization failure or deadlock (class {@code 40}), or Quartz's own
 * {@link ObjectAlreadyExistsException}. Reading the store again then finds the other's
 * row; anything else is a real failure.
 */
final class StoreRace {

	private StoreRace() {
	}

	static boolean isRace(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() == cause) ? null : cause.getCause()) {
			if (cause instanceof ObjectAlreadyExistsException) {
				return true;
			}
			if (cause instanceof SQLException sql && sql.getSQLState() != null
					&& (sql.getSQLState().startsWith("23") || sql.getSQLState().startsWith("40"))) {
				return true;
			}
		}
		return false;
	}

}
