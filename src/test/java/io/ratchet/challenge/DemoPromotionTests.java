package io.ratchet.challenge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.ratchet.ConsoleCapture;
import io.ratchet.TestPaths;
import io.ratchet.cli.CommandLine;
import io.ratchet.model.ModelRegistry;
import io.ratchet.test.SharedContextTests;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's promotion story on a copy of the committed demo ({@code config/},
 * {@code historical-data/churn}), through the command line as
 * {@code jobs/dev/demo-promotion} tells it: a challenge finds a candidate that beats the
 * drifting champion with its interval above zero, seven nightly now-tests run it in
 * shadow, {@code promote} makes it champion and ratchets the requirements up, and
 * {@code history} shows the change.
 */
class DemoPromotionTests extends SharedContextTests {

	@BeforeAll
	static void demo() throws IOException {
		TestPaths.copyDemo(root);
	}

	@Autowired
	CommandLine commandLine;

	@RegisterExtension
	final ConsoleCapture console = new ConsoleCapture();

	@Autowired
	JdbcClient jdbc;

	@Test
	void aCandidateBeatsTheDriftingChampionAndIsPromotedAfterItsTrial() throws IOException {
		// when: the challenge
		Run challenge = run("challenge", "--dataset", "churn", "--as-of", "2026-11-01");

		// then: a candidate trained on the drifted months beats the champion, the
		// interval above zero
		assertThat(challenge.code()).as(challenge.output()).isZero();
		Matcher waiting = Pattern.compile("Outcome: WAITING · (churn-logit@(\\d+)) is eligible")
			.matcher(challenge.output());
		assertThat(waiting.find()).as(challenge.output()).isTrue();
		String best = waiting.group(1);
		Map<String, Object> ranked = this.jdbc.sql("SELECT * FROM challenge_candidate WHERE model_key = ?")
			.param(best)
			.query()
			.singleRow();
		assertThat(ranked.get("RANKING")).isEqualTo(1);
		assertThat(ranked.get("TRAIN_TO")).isEqualTo("2026-08");
		assertThat((Double) ranked.get("METRIC_VAL")).isGreaterThan(0.8);
		assertThat((Double) ranked.get("CHAMPION_VAL")).isLessThan(0.7);
		assertThat((Double) ranked.get("DIFF_LOW")).isPositive();
		try (Stream<Path> outbox = Files.list(root.resolve("reports/outbox"))) {
			assertThat(outbox.map((file) -> file.getFileName().toString()))
				.anyMatch((name) -> name.contains("-challenge-"));
		}

		// when: seven nightly now-tests (the drifting champion breaches: exit 3; the
		// candidate runs in shadow)
		for (int day = 15; day <= 21; day++) {
			Run night = run("nowtest", "--dataset", "churn", "--as-of", "2026-10-" + day);
			assertThat(night.code()).as(night.output()).isEqualTo(CommandLine.BREACHED);
			assertThat(night.output()).containsPattern(Pattern.quote(best) + " +candidate .* PASS");
		}

		// and: the promotion by hand (automatic promotion is off for churn)
		String requirementsBefore = Files.readString(root.resolve("config/requirements.yml"));
		Run promote = run("promote", "churn", "churn-logit", waiting.group(2));

		// then: promoted, the requirements ratcheted up, the history shows it
		assertThat(promote.code()).as(promote.output()).isZero();
		assertThat(promote.output()).contains("PASSED").contains("95% interval [+");
		assertThat(ModelRegistry.load(root.resolve("config/registry.yml")).champion("churn")).contains(best);
		assertThat(requirementsBefore).contains("roc_auc: {min: 0.73}");
		assertThat(Files.readString(root.resolve("config/requirements.yml"))).doesNotContain("roc_auc: {min: 0.73}")
			.containsPattern("roc_auc: \\{min: 0\\.8\\d*\\}");
		Run history = run("history", "churn");
		assertThat(history.code()).as(history.output()).isZero();
		assertThat(history.output()).contains("PROMOTE").contains("RATCHET").contains(best + " (was churn-logit@1)");
	}

	private Run run(String... args) {
		this.console.resetOut();
		int code = this.commandLine.run(args);
		return new Run(code, this.console.out());
	}

	private record Run(int code, String output) {
	}

}
