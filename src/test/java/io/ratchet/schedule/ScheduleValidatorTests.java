package io.ratchet.schedule;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.parameters.JobParameters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every mistake in the schedule is reported at once, naming the setting and the cause.
 */
class ScheduleValidatorTests {

	private final SchedulableJobs jobs = new SchedulableJobs(List.of(new Known("backtest"), new Known("nowtest")));

	@Test
	void aGoodScheduleIsCheckedWithItsZones() {
		// given
		ScheduleProperties properties = properties("Europe/Paris",
				new ScheduleProperties.Entry("nightly", "nowtest", "churn", "0 0 2 * * ?", null),
				new ScheduleProperties.Entry("weekly", "backtest", "churn", "0 0 3 ? * SUN", "UTC"));

		// when
		List<CheckedEntry> checked = ScheduleValidator.check(properties, this.jobs);

		// then
		assertThat(checked).extracting(CheckedEntry::zone).containsExactly(ZoneId.of("Europe/Paris"), ZoneId.of("UTC"));
		assertThat(checked).extracting((entry) -> entry.job().name()).containsExactly("nowtest", "backtest");
	}

	@Test
	void everyProblemIsReportedAtOnceNamingItsSetting() {
		// given
		ScheduleProperties properties = properties("",
				new ScheduleProperties.Entry("nightly", "nowtest", "churn", "0 0 25 * * ?", null),
				new ScheduleProperties.Entry("weekly", "backtset", "churn", "0 0 3 ? * SUN", null),
				new ScheduleProperties.Entry("other", "backtest", "nope", "0 0 3 ? * SUN", null),
				new ScheduleProperties.Entry("nightly", "backtest", "churn", "0 0 3 ? * SUN", "Mars/Olympus"),
				new ScheduleProperties.Entry(null, "backtest", "churn", null, null));

		// when / then
		assertThatExceptionOfType(ScheduleConfigException.class)
			.isThrownBy(() -> ScheduleValidator.check(properties, this.jobs))
			.satisfies((ex) -> {
				assertThat(ex.problems()).hasSize(7);
				assertThat(ex.problems().get(0))
					.startsWith("ratchet.schedule.jobs[0].cron: '0 0 25 * * ?' is not a valid cron expression: ")
					.contains("Hour");
				assertThat(ex.problems()).contains(
						"ratchet.schedule.jobs[1].job: unknown job 'backtset' (known: backtest, nowtest)",
						"ratchet.schedule.jobs[2].dataset: unknown dataset 'nope'",
						"ratchet.schedule.jobs[3].name: 'nightly' is already the name of ratchet.schedule.jobs[0]; "
								+ "names must be unique",
						"ratchet.schedule.jobs[3].zone: 'Mars/Olympus' is not a time zone (use a region ID such as "
								+ "Europe/Paris, or UTC)");
				assertThat(ex.problems().get(5)).startsWith("ratchet.schedule.jobs[4].name: missing");
				assertThat(ex.problems().get(6)).startsWith("ratchet.schedule.jobs[4].cron: missing");
				assertThat(ex.getMessage()).contains("7 problems").contains("config/application.yml");
			});
	}

	@Test
	void aCronForADateThatNeverComesIsRefusedNamingItsEntry() {
		// given: valid cron syntax, but 31 February and a year gone by match no date from
		// now on
		ScheduleProperties properties = properties("UTC",
				new ScheduleProperties.Entry("leap", "backtest", "churn", "0 0 2 31 2 ?", null),
				new ScheduleProperties.Entry("past", "nowtest", "churn", "0 0 2 * * ? 2020", "Europe/Paris"),
				new ScheduleProperties.Entry("far", "nowtest", "churn", "0 0 3 1 1 ? 2099", null));

		// when / then
		assertThatExceptionOfType(ScheduleConfigException.class)
			.isThrownBy(() -> ScheduleValidator.check(properties, this.jobs))
			.satisfies((ex) -> assertThat(ex.problems()).containsExactly(
					"ratchet.schedule.jobs[0].cron: '0 0 2 31 2 ?' of entry 'leap' never fires: no date from now on "
							+ "matches it in UTC (e.g. a 31 February, or a year gone by), so Quartz would refuse its "
							+ "trigger",
					"ratchet.schedule.jobs[1].cron: '0 0 2 * * ? 2020' of entry 'past' never fires: no date from now "
							+ "on matches it in Europe/Paris (e.g. a 31 February, or a year gone by), so Quartz would "
							+ "refuse its trigger"));
	}

	@Test
	void aMissingCronIsNamed() {
		// given
		ScheduleProperties properties = properties("UTC",
				new ScheduleProperties.Entry("x", "backtest", "churn", " ", null));

		// when / then
		assertThatExceptionOfType(ScheduleConfigException.class)
			.isThrownBy(() -> ScheduleValidator.check(properties, this.jobs))
			.satisfies((ex) -> assertThat(ex.problems()).singleElement()
				.asString()
				.startsWith("ratchet.schedule.jobs[0].cron: missing"));
	}

	private static ScheduleProperties properties(String zone, ScheduleProperties.Entry... entries) {
		return new ScheduleProperties(zone, List.of(entries), java.time.Duration.ofSeconds(5));
	}

	/** A schedulable job that knows one dataset, {@code churn}. */
	private record Known(String name) implements SchedulableJob {

		@Override
		public Job job() {
			throw new UnsupportedOperationException("not started in these tests");
		}

		@Override
		public void validate(String dataset) {
			if (!"churn".equals(dataset)) {
				throw new IllegalArgumentException("unknown dataset '" + dataset + "'");
			}
		}

		@Override
		public JobParameters parametersFor(String dataset, ZonedDateTime scheduledFireTime) {
			throw new UnsupportedOperationException("not started in these tests");
		}

	}

}
