package io.ratchet.promotion;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.List;

import io.ratchet.ConsoleCapture;
import io.ratchet.cli.CommandLine;
import io.ratchet.requirement.Requirements;
import io.ratchet.metrics.Metric;
import io.ratchet.test.ToyWorkspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code jobs/promote}, {@code jobs/history} and {@code jobs/rollback} on H2 with real
 * stored runs: the back-test and now-test jobs run on a made-up workspace first, then the
 * gate reads what they stored. Each test starts from fresh files and a fresh database.
 */
@SpringBootTest
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class PromotionCommandTests {

	@TempDir
	static Path root;

	/** The requirements of the toy workspace (comments stay through a ratchet). */
	static final String REQUIREMENTS = """
			# toy requirements (comments stay)
			toy:
			  min-rows: 20
			  monthly:
			    roc_auc: {min: 0.7}      # monthly AUC floor
			    log_loss: {max: 0.7}
			  period:
			    roc_auc: {min: 0.7}
			other:
			  monthly:
			    roc_auc: {min: 0.5}
			""";

	static final String REGISTRY = """
			# who is champion
			toy:
			  champion: toy-logit@1
			  candidates: [toy-better@1, toy-colour@1]
			other:
			  champion: other-logit@1
			""";

	static ToyWorkspace toy;

	@DynamicPropertySource
	static void paths(DynamicPropertyRegistry registry) {
		toy = new ToyWorkspace(root);
		registry.add("ratchet.paths.config", () -> toy.config().toString());
		registry.add("ratchet.paths.data", () -> toy.data().toString());
		registry.add("ratchet.paths.reports", () -> toy.reports().toString());
		registry.add("ratchet.promotion.datasets.toy.shadow-runs", () -> "3");
	}

	@Autowired
	CommandLine commandLine;

	@Autowired
	JdbcClient jdbc;

	@RegisterExtension
	final ConsoleCapture console = new ConsoleCapture();

	@BeforeEach
	void setUp() {
		FileSystemUtils.deleteRecursively(root.toFile());
		// dataset toy, whose label follows x and colour: a champion that reads x only, a
		// better candidate that reads
		// both, a worse candidate that reads the colour only; a second dataset other with
		// its own model
		toy.seed(17)
			.dataset("toy")
			.dataset("other")
			.logit("toy-logit", "toy", 1.5, 0.0, -0.0)
			.logit("toy-better", "toy", 1.5, 1.2, -1.2)
			.logit("toy-colour", "toy", 0.0, 1.2, -1.2)
			.logit("other-logit", "other", 1.5, 1.2, -1.2)
			.registry(REGISTRY)
			.requirements(REQUIREMENTS)
			.dailyWithColour("toy", YearMonth.of(2024, 1), YearMonth.of(2024, 6), 10);
	}

	@Test
	void aBetterCandidateIsPromotedTheRequirementsRatchetUpAndARollbackRestoresTheChampion() {
		// given: a back-test of the champion and both candidates, then three nightly
		// now-tests
		storedRuns();

		// when
		int promoted = run("promote", "toy", "toy-better", "1", "--by", "alice", "--reason", "better on every month");
		String output = output();

		// then: every condition passed, with its numbers
		assertThat(promoted).as(output + this.console.err()).isEqualTo(CommandLine.OK);
		assertThat(output).contains("PASSED")
			.contains("PASS  regression cases: ")
			.contains("PASS  back-test requirements: no breach in back-test run")
			.contains("PASS  now-test requirements: no breach in latest now-test run")
			.containsPattern("PASS  better than the champion: roc_auc 0\\.\\d{4} vs champion 0\\.\\d{4}: better by "
					+ "\\+0\\.\\d{4}, 95% interval \\[\\+0\\.\\d{4}, \\+0\\.\\d{4}\\] \\(delong over 1820 rows, z ")
			.contains("PASS  no month much worse: 6 months; worst month")
			.contains("PASS  shadow now-tests: 3 nightly now-tests without a breach as candidate, 3 needed")
			.contains("Promoted: toy-better@1 is the champion of toy (toy-logit@1 becomes a candidate); event ")
			.contains("Ratchet: ")
			.containsPattern("stored runs \\(\\d+ periods\\) would have alerted under the new bounds")
			.contains("-    roc_auc: {min: 0.7}      # monthly AUC floor");
		// the registry: new champion, the old one first among the candidates, the other
		// dataset untouched
		assertThat(toy.read("registry.yml")).isEqualTo("""
				# who is champion
				toy:
				  champion: toy-better@1
				  candidates: [toy-logit@1, toy-colour@1]
				other:
				  champion: other-logit@1
				""");
		// the requirements: raised, comments kept, other datasets untouched, never below
		// the old bounds
		String requirements = toy.read("requirements.yml");
		assertThat(requirements).contains("# monthly AUC floor")
			.contains("other:\n  monthly:\n    roc_auc: {min: 0.5}");
		var raised = Requirements.load(toy.config().resolve("requirements.yml")).forDataset("toy").orElseThrow();
		assertThat(raised.monthly().get(0).min()).isGreaterThan(0.7);
		assertThat(raised.monthly().get(1).max()).isLessThan(0.7);
		assertThat(raised.period().get(0).min()).isGreaterThan(raised.monthly().get(0).min());
		// the audit: a promotion and a ratchet, with their evidence runs
		assertThat(this.jdbc.sql("SELECT kind FROM promotion_event ORDER BY id").query(String.class).list())
			.containsExactly("PROMOTE", "RATCHET");
		assertThat(this.jdbc
			.sql("SELECT actor || '|' || reason || '|' || previous_champion FROM promotion_event"
					+ " WHERE kind = 'PROMOTE'")
			.query(String.class)
			.single()).isEqualTo("alice|better on every month|toy-logit@1");
		assertThat(this.jdbc.sql("""
				SELECT COUNT(*) FROM promotion_evidence e JOIN promotion_event p ON p.id = e.event_id
				JOIN run r ON r.id = e.run_id WHERE p.kind = 'PROMOTE'""").query(Long.class).single()).isEqualTo(4);
		assertThat(this.jdbc.sql("SELECT details FROM promotion_event WHERE kind = 'RATCHET'")
			.query(String.class)
			.single()).contains("monthly roc_auc min: 0.7 -> ").contains("replay: ").contains("@@ -5 +5 @@");

		// when: the history, then a rollback
		assertThat(run("history", "toy")).isZero();
		String history = output();
		assertThat(run("history", "toy", "--json")).isZero();
		JsonNode events = JsonMapper.builder().build().readTree(output());
		int rolledBack = run("rollback", "toy", "--reason", "complaints", "--by", "bob");
		String rollback = output();
		run("history", "toy", "--details");
		String after = output();

		// then
		assertThat(history).contains("until ")
			.contains("toy-logit@1")
			.containsPattern("from  \\S+ \\S+  toy-better@1  \\(PROMOTE by alice, event \\d+\\)")
			.contains("now (registry.yml): toy-better@1")
			.containsPattern("toy-logit@1  runs \\d+\\.\\.\\d+ \\(4\\)")
			.contains("RATCHET");
		// and: --json holds the same events, one object each, with numbers and ISO-8601
		// times
		assertThat(events.isArray()).isTrue();
		assertThat(events.valueStream().map((event) -> event.get("kind").asString())).contains("PROMOTE", "RATCHET");
		JsonNode promote = events.valueStream()
			.filter((event) -> event.get("kind").asString().equals("PROMOTE"))
			.findFirst()
			.orElseThrow();
		assertThat(promote.get("id").isIntegralNumber()).isTrue();
		assertThat(promote.get("dataset").asString()).isEqualTo("toy");
		assertThat(promote.get("model").asString()).isEqualTo("toy-better@1");
		assertThat(promote.get("previousChampion").asString()).isEqualTo("toy-logit@1");
		assertThat(promote.get("actor").asString()).isEqualTo("alice");
		assertThat(LocalDateTime.parse(promote.get("at").asString())).isBefore(LocalDateTime.now().plusMinutes(1));
		assertThat(promote.get("evidenceRunIds")).hasSize(4).allMatch(JsonNode::isIntegralNumber);
		assertThat(rolledBack).as(rollback + this.console.err()).isZero();
		assertThat(rollback).contains("toy-logit@1 is the champion again, toy-better@1 is a candidate")
			.contains("Requirements were not loosened");
		assertThat(toy.read("registry.yml")).contains("champion: toy-logit@1")
			.contains("candidates: [toy-better@1, toy-colour@1]");
		assertThat(toy.read("requirements.yml")).isEqualTo(requirements);
		assertThat(after)
			.containsPattern("ROLLBACK  toy-logit@1 \\(was toy-better@1\\)  by bob  evidence runs "
					+ "[\\d,]+  reason: complaints")
			.contains("rolls back promotion event")
			.contains("now (registry.yml): toy-logit@1");

		// when: nothing left to roll back
		int again = run("rollback", "toy");

		// then
		assertThat(again).isEqualTo(CommandLine.FAILED);
		assertThat(this.console.err()).contains("has no recorded promotion to roll back");
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM promotion_event").query(Long.class).single()).isEqualTo(3);
	}

	@Test
	void aWorseCandidateIsRefusedWithTheConditionsThatFailedAndAForcedPromotionIsRecordedAsSuch() {
		// given
		storedRuns();
		String registry = toy.read("registry.yml");

		// when
		int refused = run("promote", "toy", "toy-colour", "1");
		String output = output();

		// then
		assertThat(refused).as(output + this.console.err()).isEqualTo(CommandLine.BREACHED);
		assertThat(output).contains("REFUSED")
			.contains("PASS  regression cases")
			.containsPattern(
					"FAIL  back-test requirements: \\d+ breach(es)? in back-test run \\d+ \\(2024-01\\.\\.2024-06\\)"
							+ ": 2024-0\\d roc_auc 0\\.\\d+ < 0\\.7")
			.containsPattern("FAIL  better than the champion: roc_auc .* better by -0\\.\\d{4}")
			.containsPattern("FAIL  no month much worse: \\d of 6 months worse by more than the tolerance; worst month")
			.contains("PASS  shadow now-tests: 3 nightly now-tests")
			.contains("Refused: 3 conditions failed (back-test requirements, better than the champion, no month much"
					+ " worse)")
			.contains("nothing was changed");
		assertThat(toy.read("registry.yml")).isEqualTo(registry);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM promotion_event").query(Long.class).single()).isZero();

		// when: forced, with a reason
		int forced = run("promote", "toy", "toy-colour", "1", "--force", "--reason", "demo of an override", "--by",
				"carol");
		String forcedOutput = output();

		// then: recorded as forced; its weaker AUC raises no AUC bound, only its better
		// log loss lowers that maximum
		assertThat(forced).as(forcedOutput + this.console.err()).isZero();
		assertThat(forcedOutput).contains("FORCED promotion: toy-colour@1 is the champion of toy")
			.contains("Ratchet: 1 bound tightened to toy-colour@1's back-test")
			.contains("-    log_loss: {max: 0.7}");
		assertThat(toy.read("requirements.yml")).contains("roc_auc: {min: 0.7}      # monthly AUC floor")
			.doesNotContain("log_loss: {max: 0.7}");
		assertThat(this.jdbc.sql("SELECT kind || '|' || reason || '|' || actor FROM promotion_event ORDER BY id")
			.query(String.class)
			.list()).containsExactly("FORCED_PROMOTE|demo of an override|carol",
					"RATCHET|requirements raised after promotion event 1|carol");
		assertThat(this.jdbc.sql("SELECT details FROM promotion_event WHERE kind = 'FORCED_PROMOTE'")
			.query(String.class)
			.single()).contains("REFUSED").contains("FAIL  better than the champion");
	}

	@Test
	void badRequestsAreClearErrorsAndChangeNothing() {
		// given
		storedRuns();
		String registry = toy.read("registry.yml");
		String requirements = toy.read("requirements.yml");

		// then: --force without a reason
		assertThat(run("promote", "toy", "toy-colour", "1", "--force")).isEqualTo(CommandLine.USAGE);
		assertThat(error()).contains("--force needs --reason");
		assertThat(run("promote", "toy", "toy-colour", "1", "--force", "--reason", " ")).isEqualTo(CommandLine.USAGE);
		assertThat(error()).contains("--force needs --reason");
		// an unknown version
		assertThat(run("promote", "toy", "toy-better", "9")).isEqualTo(CommandLine.FAILED);
		assertThat(error()).contains("unknown model version toy-better@9")
			.contains("known versions of dataset \"toy\": toy-better@1, toy-colour@1, toy-logit@1");
		// a model of another dataset
		assertThat(run("promote", "toy", "other-logit", "1")).isEqualTo(CommandLine.FAILED);
		assertThat(error()).contains("other-logit@1 is a model of dataset \"other\"");
		// an unknown dataset
		assertThat(run("promote", "nope", "toy-better", "1")).isEqualTo(CommandLine.FAILED);
		assertThat(error()).contains("nope");
		// the champion itself
		assertThat(run("promote", "toy", "toy-logit", "1")).isEqualTo(CommandLine.FAILED);
		assertThat(error()).contains("toy-logit@1 is already the champion");
		// an evidence run that did not score the candidate, or is not a back-test
		long nowtest = this.jdbc.sql("SELECT MAX(id) FROM run WHERE job_name = 'nowtest'").query(Long.class).single();
		assertThat(run("promote", "toy", "toy-better", "1", "--run", Long.toString(nowtest)))
			.isEqualTo(CommandLine.FAILED);
		assertThat(error()).contains("not a completed back-test");
		assertThat(run("promote", "toy", "toy-better", "1", "--run", "x")).isEqualTo(CommandLine.USAGE);
		assertThat(run("promote", "toy", "toy-better")).isEqualTo(CommandLine.USAGE);
		// a version never back-tested beside the champion
		toy.writeOnly(toy.config().resolve("models/toy-new-v1.json"),
				toy.read("models/toy-better-v1.json").replace("toy-better", "toy-new"));
		assertThat(run("promote", "toy", "toy-new", "1")).isEqualTo(CommandLine.FAILED);
		assertThat(error()).contains("no completed back-test of dataset \"toy\" scored both")
			.contains("jobs/backtest --dataset toy");
		// a model file changed since the back-test
		toy.writeOnly(toy.config().resolve("models/toy-better-v1.json"), toy.read("models/toy-better-v1.json") + " ");
		assertThat(run("promote", "toy", "toy-better", "1")).isEqualTo(CommandLine.FAILED);
		assertThat(error()).contains("changed since run");
		// rollback and history of an unknown dataset, and without a promotion
		assertThat(run("rollback", "nope")).isEqualTo(CommandLine.FAILED);
		assertThat(run("rollback", "toy")).isEqualTo(CommandLine.FAILED);
		assertThat(error()).contains("no recorded promotion");
		assertThat(run("rollback")).isEqualTo(CommandLine.USAGE);
		assertThat(run("history")).isEqualTo(CommandLine.USAGE);

		// and: nothing changed
		assertThat(toy.read("registry.yml")).isEqualTo(registry);
		assertThat(toy.read("requirements.yml")).isEqualTo(requirements);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM promotion_event").query(Long.class).single()).isZero();
	}

	@Test
	void aDryRunShowsTheDecisionAndTheRatchetWithoutChangingAnything() {
		// given
		storedRuns();
		String registry = toy.read("registry.yml");
		String requirements = toy.read("requirements.yml");

		// when
		int code = run("promote", "toy", "toy-better", "1", "--dry-run");

		// then
		String output = output();
		assertThat(code).as(output + this.console.err()).isZero();
		assertThat(output).contains("PASSED").contains("Dry run: nothing changed").contains("+    roc_auc: {min: 0.");
		assertThat(toy.read("registry.yml")).isEqualTo(registry);
		assertThat(toy.read("requirements.yml")).isEqualTo(requirements);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM promotion_event").query(Long.class).single()).isZero();
		assertThat(Metric.ROC_AUC.direction()).isEqualTo(Metric.Direction.HIGHER_IS_BETTER);
	}

	/** A back-test of every contender, then three nightly now-tests. */
	private void storedRuns() {
		assertThat(run("backtest", "--dataset", "toy")).as(output() + this.console.err()).isIn(0, 3);
		for (String asOf : List.of("2024-06-20", "2024-06-25", "2024-06-30")) {
			assertThat(run("nowtest", "--dataset", "toy", "--as-of", asOf, "--window", "14d"))
				.as(output() + this.console.err())
				.isIn(0, 3);
		}
		output();
		this.console.resetErr();
	}

	private int run(String... args) {
		this.console.resetErr();
		return this.commandLine.run(args);
	}

	private String output() {
		String text = this.console.out();
		this.console.resetOut();
		return text;
	}

	private String error() {
		return this.console.err();
	}

}
