package io.ratchet.launch;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import io.ratchet.backtest.BacktestParameters;
import io.ratchet.challenge.ChallengeParameters;
import io.ratchet.nowtest.NowtestParameters;
import io.ratchet.nowtest.NowtestProperties;
import io.ratchet.system.RatchetDefaults;
import io.ratchet.system.RatchetPaths;
import io.ratchet.test.ToyWorkspace;
import io.ratchet.workspace.Workspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.job.Job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Launches asked for by name and text (the API, the console): the command line's
 * parameters and defaults, and every bad value refused naming its field.
 */
class JobRequestsTests {

	@TempDir
	Path root;

	private final Job backtest = (execution) -> {
	};

	private final Job nowtest = (execution) -> {
	};

	private final Job challenge = (execution) -> {
	};

	private JobRequests requests;

	@BeforeEach
	void workspace() {
		new ToyWorkspace(this.root).dataset("toy")
			.dataset("unjudged")
			.logit("toy-logit", "toy", 2.0)
			.registry("toy:\n  champion: toy-logit@1\n")
			.requirements("toy:\n  monthly:\n    roc_auc: {min: 0.6}\n")
			.daily("toy", YearMonth.of(2024, 1), YearMonth.of(2024, 2), 2, 0);
		Workspace workspace = new Workspace(new RatchetPaths(this.root.resolve("config"),
				this.root.resolve("historical-data"), this.root.resolve("reports")));
		NowtestProperties nowtest = new NowtestProperties(Duration.ofDays(30), Duration.ZERO, "Europe/Paris",
				Map.of("toy", new NowtestProperties.DatasetSettings(Duration.ofDays(14), Duration.ofDays(2))),
				new NowtestProperties.Drift("training", 3, 10, 1000));
		this.requests = new JobRequests(this.backtest, this.nowtest, this.challenge, workspace,
				new RatchetDefaults("toy", 0.5), nowtest);
	}

	@Test
	void aBacktestTakesItsMonthsModelsAndAsOfAndItsClaimLeavesTheAsOfOut() throws Exception {
		// when
		LaunchRequest request = this.requests.request("backtest", Map.of("dataset", "toy", "from", "2024-01", "to",
				"2024-02", "models", "toy-logit@1, ", "asOf", "2024-03-01T06:00:00"));
		// then
		BacktestParameters parameters = BacktestParameters.from(request.parameters());
		assertThat(request.job()).isSameAs(this.backtest);
		assertThat(parameters).isEqualTo(new BacktestParameters("toy", YearMonth.of(2024, 1), YearMonth.of(2024, 2),
				List.of("toy-logit@1"), LocalDateTime.of(2024, 3, 1, 6, 0)));
		assertThat(request.claim()).isEqualTo("dataset=toy from=2024-01 to=2024-02 models=toy-logit@1");
		assertThat(request.what()).isEqualTo("back-test");
	}

	@Test
	void aNowtestDefaultsToTheDatasetsSettingsAndTheLatestDateInTheData() throws Exception {
		// when: no parameter at all (the default dataset)
		LaunchRequest request = this.requests.request("nowtest", null);
		LaunchRequest given = this.requests.request(" nowtest ",
				Map.of("asOf", "2024-01-31", "window", "7", "labelDelay", "0d"));
		// then
		assertThat(NowtestParameters.from(request.parameters()))
			.isEqualTo(new NowtestParameters("toy", LocalDate.of(2024, 2, 29), 14, 2));
		assertThat(request.claim()).isEqualTo(request.parameters().toString());
		assertThat(NowtestParameters.from(given.parameters()))
			.isEqualTo(new NowtestParameters("toy", LocalDate.of(2024, 1, 31), 7, 0));
	}

	@Test
	void aChallengeTakesADateOrADateTime() throws Exception {
		// when
		LaunchRequest date = this.requests.request("challenge", Map.of("asOf", "2024-03-01"));
		LaunchRequest time = this.requests.request("challenge", Map.of("asOf", "2024-03-01T12:30:00"));
		// then
		assertThat(ChallengeParameters.from(date.parameters()).asOf()).isEqualTo(LocalDateTime.of(2024, 3, 1, 0, 0));
		assertThat(ChallengeParameters.from(time.parameters()).asOf()).isEqualTo(LocalDateTime.of(2024, 3, 1, 12, 30));
	}

	@Test
	void everyBadValueIsRefusedNamingItsField() {
		refused(null, Map.of(), "job", "missing; one of backtest, nowtest, challenge");
		refused("nowtset", Map.of(), "job", "unknown job 'nowtset'");
		refused("challenge", Map.of("window", "3d"), "parameters.window", "not a parameter of challenge");
		refused("nowtest", Map.of("asOf", "2024-02-30"), "parameters.asOf",
				"must be a date YYYY-MM-DD, not '2024-02-30'");
		refused("nowtest", Map.of("window", "0d"), "parameters.window", "at least 1d");
		refused("nowtest", Map.of("labelDelay", "-1"), "parameters.labelDelay", "not '-1'");
		refused("backtest", Map.of("from", "2024-03", "to", "2024-01"), "parameters.from", "is after to 2024-01");
		refused("backtest", Map.of("from", "2024-13"), "parameters.from", "a month YYYY-MM");
		refused("backtest", Map.of("models", "../x@1"), "parameters.models", "invalid model name '../x'");
		refused("backtest", Map.of("dataset", "../etc"), "parameters.dataset", "invalid dataset name '../etc'");
		refused("backtest", Map.of("dataset", "absent"), "parameters.dataset", "absent");
		refused("nowtest", Map.of("dataset", "unjudged"), "parameters.dataset", "unjudged");
	}

	private void refused(String job, Map<String, String> parameters, String field, String message) {
		assertThatExceptionOfType(BadLaunchException.class).as(field + " " + parameters)
			.isThrownBy(() -> this.requests.request(job, parameters))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo(field))
			.withMessageStartingWith(field + ": ")
			.withMessageContaining(message);
	}

}
