package io.ratchet.challenge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.ratchet.test.MailServers;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.ratchet.model.ModelFiles;
import io.ratchet.model.ModelRegistry;
import io.ratchet.nowtest.NowtestParameters;
import io.ratchet.system.Failures;
import io.ratchet.test.ToyWorkspace;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.batch.test.MetaDataInstanceFactory;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The challenge job on H2 with a small made-up dataset: the time-based split, one
 * evaluation back-test, ranking and pruning, the gate's "waiting" then an automatic
 * promotion after the trial, the e-mail (GreenMail), restart after a failure, and bad
 * input that changes nothing.
 */
@SpringBootTest(properties = { "spring.mail.host=127.0.0.1", "ratchet.alerts.default-recipients=ml@example.com",
		"ratchet.promotion.datasets.promoted.auto=true", "ratchet.promotion.datasets.promoted.shadow-runs=2" })
@SpringBatchTest
@ActiveProfiles("test")
class ChallengeJobTests {

	@TempDir
	static Path root;

	/**
	 * A search space of four candidates: two penalties, windows of one and two months,
	 * two evaluation months.
	 */
	static final String SEARCH = """
			algorithm: logistic
			penalty: [0.1, 1]
			features:
			  all: all
			window-months: [1, 2]
			evaluation-months: 2
			""";

	static ToyWorkspace toy;

	/**
	 * The dataset of the running test (also the champion's name, {@code <name>-logit@1}).
	 */
	static String name;

	static GreenMail greenMail;

	@BeforeAll
	static void startServer() {
		greenMail = new GreenMail(MailServers.onFreePort(ServerSetup.PROTOCOL_SMTP));
		greenMail.start();
	}

	@AfterAll
	static void stopServer() {
		greenMail.stop();
	}

	@DynamicPropertySource
	static void paths(DynamicPropertyRegistry registry) {
		toy = new ToyWorkspace(root);
		registry.add("spring.mail.port", () -> greenMail.getSmtp().getPort());
		registry.add("ratchet.paths.config", () -> toy.config().toString());
		registry.add("ratchet.paths.data", () -> root.resolve("historical-data").toString());
		registry.add("ratchet.paths.reports", () -> toy.reports().toString());
	}

	static int seconds;

	@Autowired
	JobOperatorTestUtils jobOperatorTestUtils;

	@Autowired
	JobOperator jobOperator;

	@Autowired
	@Qualifier("challenge")
	Job challenge;

	@Autowired
	@Qualifier("nowtest")
	Job nowtest;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void setUp(org.junit.jupiter.api.TestInfo info) throws Exception {
		FileSystemUtils.deleteRecursively(toy.config());
		name = challengeWorkspace(toy,
				info.getTestMethod()
					.orElseThrow()
					.getName()
					.substring(0, 12)
					.toLowerCase(java.util.Locale.ROOT)
					.replaceAll("[^a-z]", ""));
		this.jobOperatorTestUtils.setJob(this.challenge);
		greenMail.purgeEmailFromAllMailboxes();
	}

	@Test
	void trainsBeforeTheEvaluationMonthsEvaluatesInOneBacktestAndKeepsTheBest() throws Exception {
		// when
		JobExecution execution = start(name);

		// then
		assertThat(execution.getStatus()).as(failure(execution)).isEqualTo(BatchStatus.COMPLETED);
		assertThat(execution.getExitStatus().getExitCode()).isEqualTo("WAITING");
		long runId = execution.getJobInstance().getInstanceId();
		Map<String, Object> run = this.jdbc.sql("SELECT * FROM challenge_run WHERE run_id = ?")
			.param(runId)
			.query()
			.singleRow();
		assertThat(run.get("EVAL_FROM")).isEqualTo("2024-05");
		assertThat(run.get("EVAL_TO")).isEqualTo("2024-06");
		assertThat(run.get("PRIMARY_METRIC")).isEqualTo("roc_auc");
		List<Map<String, Object>> candidates = this.jdbc
			.sql("SELECT * FROM challenge_candidate WHERE run_id = ? ORDER BY ranking")
			.param(runId)
			.query()
			.listOfRows();
		assertThat(candidates).hasSize(4);
		assertThat(candidates).extracting((c) -> c.get("TRAIN_TO")).containsOnly("2024-04");
		assertThat(candidates).extracting((c) -> c.get("TRAIN_FROM")).containsOnly("2024-03", "2024-04");
		assertThat(candidates).extracting((c) -> c.get("REGISTRY_STATUS"))
			.containsExactly("KEPT", "KEPT", "KEPT", "RETIRED");
		assertThat(candidates).extracting((c) -> (Double) c.get("METRIC_VAL"))
			.isSortedAccordingTo((a, b) -> Double.compare(b, a))
			.allMatch((auc) -> auc > (Double) candidates.get(0).get("CHAMPION_VAL") + 0.1);
		assertThat(candidates.get(0).get("DECISION")).isEqualTo("WAITING");
		assertThat((Double) candidates.get(0).get("DIFF_LOW")).isPositive();

		long evaluation = ((Number) run.get("EVALUATION_RUN_ID")).longValue();
		assertThat(count("SELECT COUNT(*) FROM run WHERE job_name = 'backtest' AND dataset = ?", name)).isEqualTo(1);
		assertThat(this.jdbc.sql("SELECT from_period || '..' || to_period FROM run WHERE id = ?")
			.param(evaluation)
			.query(String.class)
			.single()).isEqualTo("2024-05..2024-06");
		assertThat(count("SELECT COUNT(DISTINCT model_version_id) FROM metric_value WHERE run_id = ?", evaluation))
			.isEqualTo(5);
		assertThat(count("SELECT COUNT(DISTINCT period) FROM metric_value WHERE run_id = ?", evaluation)).isEqualTo(3);

		ModelRegistry registry = ModelRegistry.load(registry());
		assertThat(registry.champion(name)).contains(name + "-logit@1");
		assertThat(registry.candidates(name)).hasSize(3).doesNotContain((String) candidates.get(3).get("MODEL_KEY"));
		assertThat(Path.of((String) candidates.get(3).get("FILE_PATH"))).exists();
		assertThat(toy.reports().resolve("challenge/" + runId + "/index.html")).content()
			.contains("WAITING")
			.contains((String) candidates.get(0).get("MODEL_KEY"));
		assertThat(toy.reports().resolve("challenge/" + runId + "/ranking.csv")).exists();
	}

	@Test
	void aTunedThresholdIsWrittenIntoEachCandidateAndTheReportSaysSo() throws Exception {
		// given
		toy.write(search(), SEARCH + "tune-threshold: f1\n");

		// when
		JobExecution execution = start(name);

		// then: each candidate's spec says where and for what its threshold was tuned,
		// and its model file holds that threshold
		assertThat(execution.getStatus()).as(failure(execution)).isEqualTo(BatchStatus.COMPLETED);
		long runId = execution.getJobInstance().getInstanceId();
		List<Map<String, Object>> candidates = this.jdbc
			.sql("SELECT * FROM challenge_candidate WHERE run_id = ? ORDER BY ranking")
			.param(runId)
			.query()
			.listOfRows();
		assertThat(candidates).hasSize(4);
		for (Map<String, Object> candidate : candidates) {
			String spec = (String) candidate.get("SPEC");
			String window = candidate.get("TRAIN_FROM") + ".." + candidate.get("TRAIN_TO");
			assertThat(spec).contains("; threshold tuned on " + window + " for f1: ");
			double tuned = Double.parseDouble(spec.substring(spec.lastIndexOf(": ") + 2));
			assertThat(tuned).isStrictlyBetween(0.0, 1.0);
			assertThat(ModelFiles.load(Path.of((String) candidate.get("FILE_PATH"))).threshold()).isEqualTo(tuned);
		}
		assertThat(toy.reports().resolve("challenge/" + runId + "/index.html")).content()
			.contains("threshold tuned on 2024-04..2024-04 for f1: ");
	}

	@Test
	void aThresholdTunedForBusinessValueSaysTheValueThatChoseIt() throws Exception {
		// given: a value matrix where a missed positive costs four times a false alarm
		Path dataset = toy.config().resolve("datasets/" + name + ".yml");
		toy.write(dataset, Files.readString(dataset) + "value: {tp: 10, fp: -5, fn: -20, tn: 0}\n");
		toy.write(search(), SEARCH + "tune-threshold: business_value\n");

		// when
		JobExecution execution = start(name);

		// then: each spec names the objective and its value on the window before the
		// threshold, which its model file holds
		assertThat(execution.getStatus()).as(failure(execution)).isEqualTo(BatchStatus.COMPLETED);
		List<String> specs = this.jdbc.sql("SELECT spec FROM challenge_candidate WHERE run_id = ?")
			.param(execution.getJobInstance().getInstanceId())
			.query(String.class)
			.list();
		assertThat(specs).hasSize(4)
			.allMatch(
					(spec) -> spec.matches(".*for business_value \\(highest, -?[0-9.E]+ on the window\\): 0\\.[0-9]+"));
	}

	@Test
	void tuningForBusinessValueWithoutAValueMatrixIsRefusedBeforeTraining() throws Exception {
		// given
		toy.write(search(), SEARCH + "tune-threshold: business_value\n");

		// when
		JobExecution execution = start(name);

		// then
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(failure(execution)).contains("tune-threshold: business_value needs the dataset's value matrix");
		assertThat(count("SELECT COUNT(*) FROM challenge_candidate WHERE run_id = ?",
				execution.getJobInstance().getInstanceId()))
			.isZero();
	}

	@Test
	void aSecondNightOnTheSameDataMakesNoNewModelFilesAndGatesTheSameCandidates() throws Exception {
		// given: a first challenge (4 candidates written, the best 3 kept)
		JobExecution first = start(name);
		assertThat(first.getStatus()).as(failure(first)).isEqualTo(BatchStatus.COMPLETED);
		long models = modelFiles();
		List<String> firstKeys = this.jdbc
			.sql("SELECT model_key FROM challenge_candidate WHERE run_id = ? ORDER BY model_key")
			.param(first.getJobInstance().getInstanceId())
			.query(String.class)
			.list();

		// when: the next night, nothing new in the data
		JobExecution second = start(name);

		// then: the same models are the candidates again, no file is added, the registry
		// holds no copies
		assertThat(second.getStatus()).as(failure(second)).isEqualTo(BatchStatus.COMPLETED);
		assertThat(modelFiles()).isEqualTo(models);
		assertThat(this.jdbc.sql("SELECT model_key FROM challenge_candidate WHERE run_id = ? ORDER BY model_key")
			.param(second.getJobInstance().getInstanceId())
			.query(String.class)
			.list()).isEqualTo(firstKeys);
		assertThat(ModelRegistry.load(registry()).candidates(name)).hasSize(3).doesNotHaveDuplicates();
	}

	@Test
	void noCandidateIsEverTrainedOnAMonthItIsEvaluatedOn() throws Exception {
		// when
		JobExecution execution = start(name);

		// then: the windows recorded, and the windows written in the model files
		// themselves
		long runId = execution.getJobInstance().getInstanceId();
		YearMonth firstEvaluated = YearMonth.parse(this.jdbc.sql("SELECT eval_from FROM challenge_run WHERE run_id = ?")
			.param(runId)
			.query(String.class)
			.single());
		List<String> files = this.jdbc.sql("SELECT file_path FROM challenge_candidate WHERE run_id = ?")
			.param(runId)
			.query(String.class)
			.list();
		assertThat(files).isNotEmpty();
		JsonMapper json = JsonMapper.builder().build();
		for (String file : files) {
			JsonNode window = json.readTree(Files.readString(Path.of(file))).get("training").get("window");
			YearMonth lastTrained = YearMonth.parse(window.get(1).asString().substring(0, 7));
			assertThat(lastTrained).as(file).isBefore(firstEvaluated);
		}
		assertThat(TimeSplit
			.of(List.of(YearMonth.of(2024, 3), YearMonth.of(2024, 4), YearMonth.of(2024, 5)),
					List.of(YearMonth.of(2024, 5)), 12)
			.overlaps()).isFalse();
	}

	@Test
	void aCandidateIsPromotedAutomaticallyAfterItsTrialAndTheEmailSaysSo() throws Exception {
		// given: dataset "promoted" (automatic promotion, 2 shadow runs), a first
		// challenge, then two nightly now-tests that score its candidates in shadow
		FileSystemUtils.deleteRecursively(toy.config());
		name = challengeWorkspace(toy, "promoted");
		JobExecution first = start(name);
		assertThat(first.getExitStatus().getExitCode()).isEqualTo("WAITING");
		String best = this.jdbc.sql("SELECT model_key FROM challenge_candidate WHERE run_id = ? AND ranking = 1")
			.param(first.getJobInstance().getInstanceId())
			.query(String.class)
			.single();
		for (int day = 20; day <= 21; day++) {
			JobExecution night = this.jobOperator.start(this.nowtest,
					new NowtestParameters(name, LocalDate.of(2024, 6, day), 30, 0).toJobParameters());
			assertThat(night.getStatus()).as(failure(night)).isEqualTo(BatchStatus.COMPLETED);
		}

		// when
		JobExecution second = start(name);

		// then
		assertThat(second.getStatus()).as(failure(second)).isEqualTo(BatchStatus.COMPLETED);
		assertThat(second.getExitStatus().getExitCode()).isEqualTo("PROMOTED");
		assertThat(ModelRegistry.load(registry()).champion(name)).contains(best);
		assertThat(this.jdbc.sql("SELECT outcome_model FROM challenge_run WHERE run_id = ?")
			.param(second.getJobInstance().getInstanceId())
			.query(String.class)
			.single()).isEqualTo(best);
		MimeMessage mail = challengeMails().stream()
			.filter((m) -> subject(m).contains("challenge run " + second.getJobInstance().getInstanceId()))
			.findFirst()
			.orElseThrow();
		assertThat(subject(mail)).contains(best + " promoted to champion");
		assertThat(part(mail, "text/plain")).contains("PROMOTED")
			.contains("Ranking by roc_auc")
			.contains("Requirements raised to " + best)
			.contains("roc_auc: {min: 0.6}");
		// the same report page in e-mail form: verdict, ratchet diff, ranking chart
		// inline (cid:) and attached
		String html = part(mail, "text/html");
		assertThat(html).contains("PROMOTED")
			.contains("Requirements ratcheted")
			.contains(best)
			.contains("src=\"cid:ranking.png\"");
		assertThat(inlineImages(mail)).contains("<ranking.png>");
		assertThat(Files.readString(toy.config().resolve("requirements.yml"))).doesNotContain("roc_auc: {min: 0.6}");
		assertThat(challengeMails()).anyMatch((m) -> subject(m).contains("eligible, waiting for its trial"));
	}

	@Test
	void aRestartAfterAFailedEvaluationFinishesTheSameRunWithoutTrainingAgain() throws Exception {
		// given: the last evaluation month cannot be read
		Path june = toy.data(name).resolve("2024-06.csv");
		String good = Files.readString(june);
		Files.writeString(june, good.replace("id,day,x,colour,outcome", "id,day,x,outcome"));
		JobExecution failed = start(name);
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		long models = modelFiles();

		// when
		Files.writeString(june, good);
		JobExecution restarted = this.jobOperator.restart(failed);

		// then
		assertThat(restarted.getStatus()).as(failure(restarted)).isEqualTo(BatchStatus.COMPLETED);
		assertThat(restarted.getJobInstance().getInstanceId()).isEqualTo(failed.getJobInstance().getInstanceId());
		assertThat(modelFiles()).isEqualTo(models);
		assertThat(count("SELECT COUNT(*) FROM challenge_candidate WHERE run_id = ?",
				failed.getJobInstance().getInstanceId()))
			.isEqualTo(4);
		assertThat(count("SELECT COUNT(*) FROM run WHERE job_name = 'backtest' AND dataset = ?", name)).isEqualTo(1);
		assertThat(this.jdbc.sql("SELECT status FROM run WHERE id = ?")
			.param(failed.getJobInstance().getInstanceId())
			.query(String.class)
			.single()).isEqualTo("COMPLETED");
	}

	@Test
	void anEmptySearchSpaceIsAClearErrorAndChangesNothing() throws Exception {
		// given
		toy.write(search(), SEARCH.replace("[0.1, 1]", "[]"));
		String registry = Files.readString(registry());
		long models = modelFiles();

		// when
		JobExecution execution = start(name);

		// then
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(failure(execution)).contains("search").contains(name + ".yml");
		assertNothingChanged(execution, registry, models);
	}

	@Test
	void anInvalidSearchSpaceIsAClearErrorAndChangesNothing() throws Exception {
		// given
		toy.write(search(), SEARCH.replace("window-months: [1, 2]", "window-months: [1, two]"));
		String registry = Files.readString(registry());
		long models = modelFiles();

		// when
		JobExecution execution = start(name);

		// then
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(failure(execution)).contains(name + ".yml").contains("window-months");
		assertNothingChanged(execution, registry, models);
	}

	@Test
	void aTrainingWindowWithOneClassIsAClearErrorAndChangesNothing() throws Exception {
		// given: the one-month window (2024-04) has no churner; the two-month one would
		// train
		oneClass(YearMonth.of(2024, 4));
		String registry = Files.readString(registry());
		long models = modelFiles();

		// when
		JobExecution execution = start(name);

		// then
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(failure(execution)).contains("2024-04..2024-04").contains("nothing was written");
		assertNothingChanged(execution, registry, models);
	}

	private void assertNothingChanged(JobExecution execution, String registry, long models) throws IOException {
		assertThat(Files.readString(registry())).isEqualTo(registry);
		assertThat(modelFiles()).isEqualTo(models);
		assertThat(count("SELECT COUNT(*) FROM challenge_candidate WHERE run_id = ?",
				execution.getJobInstance().getInstanceId()))
			.isZero();
		assertThat(this.jdbc.sql("SELECT status FROM run WHERE id = ?")
			.param(execution.getJobInstance().getInstanceId())
			.query(String.class)
			.single()).isEqualTo("FAILED");
	}

	/**
	 * The execution {@code @SpringBatchTest}'s scope listeners use (they call the first
	 * method returning a {@code JobExecution}); the tests launch real executions of their
	 * own.
	 */
	public JobExecution getJobExecution() {
		return MetaDataInstanceFactory.createJobExecution();
	}

	private JobExecution start(String dataset) throws Exception {
		return this.jobOperatorTestUtils
			.startJob(new ChallengeParameters(dataset, LocalDateTime.of(2024, 7, 1, 6, 0).plusSeconds(++seconds))
				.toJobParameters());
	}

	/**
	 * Writes the workspace of {@code dataset}: six months from 2024-01 whose label
	 * follows {@code x}, a weak champion that ranks by the unrelated colour (so trained
	 * candidates beat it) with its regression cases, a registry without candidates,
	 * requirements and the {@link #SEARCH} space. Each test takes its own name, so that
	 * model versions and runs recorded in the shared test database by another test never
	 * count for it.
	 */
	static String challengeWorkspace(ToyWorkspace workspace, String dataset) {
		workspace.seed(11)
			.dataset(dataset)
			.logit(dataset + "-logit", dataset, 0.05, 1.0, -1.0)
			.registry(dataset + ":\n  champion: " + dataset + "-logit@1\n")
			.requirements(dataset + ":\n  min-rows: 20\n  monthly:\n    roc_auc: {min: 0.6}\n")
			.configFile("search/" + dataset + ".yml", SEARCH)
			.months(dataset, YearMonth.of(2024, 1), 6, 300);
		return dataset;
	}

	private static Path registry() {
		return toy.config().resolve("registry.yml");
	}

	private static Path search() {
		return toy.config().resolve("search/" + name + ".yml");
	}

	/**
	 * Rewrites a month so that every row has label 0 (a window of that month alone has
	 * one class).
	 */
	private static void oneClass(YearMonth month) throws IOException {
		Path file = toy.data(name).resolve(month + ".csv");
		Files.writeString(file, Files.readString(file).replaceAll(",1\n", ",0\n"));
	}

	private long modelFiles() throws IOException {
		try (Stream<Path> files = Files.list(toy.models())) {
			return files.count();
		}
	}

	private long count(String sql, Object... params) {
		return this.jdbc.sql(sql).params(params).query(Long.class).single();
	}

	private List<MimeMessage> challengeMails() {
		return Stream.of(greenMail.getReceivedMessages()).filter((m) -> subject(m).contains("challenge run")).toList();
	}

	private static String subject(MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (jakarta.mail.MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String failure(JobExecution execution) {
		return execution.getAllFailureExceptions().stream().map(Failures::describe).toList().toString();
	}

	/** The first part of this MIME type, decoded. */
	private static String part(jakarta.mail.Part part, String type) throws Exception {
		if (part.isMimeType(type) && !jakarta.mail.Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
			return (String) part.getContent();
		}
		if (part.getContent() instanceof jakarta.mail.Multipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				String found = part(multipart.getBodyPart(i), type);
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}

	/** The Content-IDs of the message's inline PNG parts. */
	private static List<String> inlineImages(jakarta.mail.Part part) throws Exception {
		List<String> ids = new java.util.ArrayList<>();
		if (part.isMimeType("image/png") && part instanceof jakarta.mail.internet.MimeBodyPart body) {
			ids.add(body.getContentID());
		}
		else if (part.getContent() instanceof jakarta.mail.Multipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				ids.addAll(inlineImages(multipart.getBodyPart(i)));
			}
		}
		return ids;
	}

}
