package io.ratchet.schedule;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;

import org.junit.jupiter.api.Test;
import org.quartz.JobPersistenceException;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.SchedulerException;

import static org.assertj.core.api.Assertions.assertThat;

class StoreRaceTests {

	@Test
	void aDuplicateKeyUnderQuartzsWrapperIsARace() {
		// given: PostgreSQL's unique violation (23505) as Quartz wraps it when storing a
		// trigger
		SQLException duplicate = new SQLException("duplicate key value violates unique constraint \"pk_qrtz_triggers\"",
				"23505");
		SchedulerException failure = new JobPersistenceException("Couldn't store trigger", duplicate);

		// when/then
		assertThat(StoreRace.isRace(failure)).isTrue();
	}

	@Test
	void aSerializationFailureAndQuartzsOwnAlreadyExistsAreRaces() {
		assertThat(
				StoreRace.isRace(new JobPersistenceException("lock", new SQLException("could not serialize", "40001"))))
			.isTrue();
		assertThat(StoreRace.isRace(new ObjectAlreadyExistsException("exists"))).isTrue();
		assertThat(StoreRace
			.isRace(new JobPersistenceException("x", new SQLIntegrityConstraintViolationException("unique", "23000"))))
			.isTrue();
	}

	@Test
	void otherFailuresAreNot() {
		// given: a lost connection (08006), a missing table (42P01), a failure without
		// SQL state
		assertThat(StoreRace.isRace(new JobPersistenceException("gone", new SQLException("closed", "08006"))))
			.isFalse();
		assertThat(StoreRace.isRace(new JobPersistenceException("no table", new SQLException("missing", "42P01"))))
			.isFalse();
		assertThat(StoreRace.isRace(new SchedulerException("plain", new SQLException("no state")))).isFalse();
		assertThat(StoreRace.isRace(new SchedulerException("no cause"))).isFalse();
	}

}
