package io.ratchet.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.ratchet.test.MailServers;
import jakarta.mail.internet.MimeMessage;
import io.ratchet.ConsoleCapture;
import io.ratchet.TestPaths;
import io.ratchet.data.DatasetConfigs;
import io.ratchet.data.Row;
import io.ratchet.data.Task;
import io.ratchet.metrics.Metric;
import io.ratchet.model.ModelCaseFiles;
import io.ratchet.model.ModelFiles;
import io.ratchet.model.Scorer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Logged predictions end to end through the command line, on H2 with a real SMTP server
 * (GreenMail): dataset {@code shop} with a score column ({@code vendor_score}, the
 * champion {@code shop-vendor@1}) and a prediction log ({@code shop-log@1}, imported with
 * {@code import-predictions} before the last month's labels arrive); a computed model
 * ({@code shop-logit@1}) gives the scores the column and the log hold for January to
 * March, so their metrics must be the same; in April the column holds noise, so the
 * now-test breaches and the champion's alert is delivered.
 */
@SpringBootTest(properties = { "spring.mail.host=127.0.0.1", "ratchet.alerts.from=Ratchet <ratchet@example.com>",
		"ratchet.alerts.default-recipients=ml-team@example.com" })
@ActiveProfiles("test")
class LoggedPredictionsTests {

	private static final String DATASET = """
			name: shop
			date: {column: day}
			label: {column: bought, task: binary, positive: "1", negative: "0"}
			id: [id]
			features:
			  - {name: x, type: numeric}
			  - {name: colour, type: categorical}
			scores: [vendor_score]
			""";

	private static final String LOGIT = """
			{"format": "ratchet-model/1", "name": "shop-logit", "version": "1", "dataset": "shop", "task": "binary",
			 "kind": "linear", "link": "logistic", "intercept": -0.2,
			 "terms": [
			   {"feature": "x", "type": "numeric", "impute": 0.0, "center": 0.0, "scale": 1.0, "weight": 2.0},
			   {"feature": "colour", "type": "categorical", "weights": {"red": 0.3, "blue": -0.3}, "unknown": 0.0}
			 ]}
			""";

	private static final String VENDOR = """
			{"format": "ratchet-model/1", "name": "shop-vendor", "version": "1", "dataset": "shop", "task": "binary",
			 "kind": "logged", "column": "vendor_score"}
			""";

	private static final String LOG = """
			{"format": "ratchet-model/1", "name": "shop-log", "version": "1", "dataset": "shop", "task": "binary",
			 "kind": "logged", "log": {"id": ["request_id"], "timestamp": "scored_at", "score": "p"}}
			""";

	private static final YearMonth JANUARY = YearMonth.of(2024, 1);

	private static final YearMonth APRIL = YearMonth.of(2024, 4);

	private static final int ROWS = 200;

	@TempDir
	static Path root;

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
	static void properties(DynamicPropertyRegistry registry) {
		TestPaths.register(registry, () -> root);
		registry.add("spring.mail.port", () -> greenMail.getSmtp().getPort());
	}

	@Autowired
	CommandLine commandLine;

	@Autowired
	JdbcClient jdbc;

	@RegisterExtension
	final ConsoleCapture console = new ConsoleCapture();

	@Test
	void aLoggedChampionIsBackTestedNowTestedAndAlertedOnWithEveryRowAccountedFor() throws Exception {
		// given: January to March with labels; April's predictions are logged before its
		// rows and labels arrive
		Shop shop = new Shop(root);
		shop.create();
		Path log = shop.predictionLog();

		// when: the log is imported while April has no rows yet
		int imported = run("import-predictions", "shop", "shop-log@1", log.toString());

		// then: every month's predictions are kept; April's all await their label; the
		// two bad rows are quarantined
		String importOutput = output();
		assertThat(imported).as(importOutput).isZero();
		assertThat(importOutput)
			.contains(String.format(Locale.ROOT, "%,d predictions, %,d new, 0 already present," + " 2 rejected",
					4 * 197 + 2, 4 * 197))
			.contains("2024-01  197 new · 197 logged: 192 joined with a label, 5 awaiting label · 8 labelled rows"
					+ " without a prediction")
			.contains("2024-04  197 new · 197 logged: 0 joined with a label, 197 awaiting label · 0 labelled rows"
					+ " without a prediction")
			.contains((3 * 5 + 197) + " predictions await their label");
		Path quarantine = root.resolve("historical-data/shop/predictions/shop-log-v1/quarantine");
		String rejected;
		try (var files = Files.list(quarantine)) {
			rejected = Files.readString(files.findFirst().orElseThrow());
		}
		assertThat(rejected)
			.contains(log + "," + (4 * 197 + 2) + ",id 2024-01-7 is logged twice for 2024-01: also on"
					+ " line 8 of this file")
			.contains(log + "," + (4 * 197 + 3) + ",\"score 1.5 in column p is outside [0, 1]");
		assertThat(this.jdbc.sql("""
				SELECT rows_accepted, rows_rejected, rows_awaiting_label FROM prediction_import
				ORDER BY id DESC FETCH FIRST 1 ROWS ONLY""")
			.query((rs, i) -> List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
			.single()).containsExactly(4L * 197, 2L, 3L * 5 + 197);

		// when: a back-test of January to March
		int backtest = run("backtest", "--dataset", "shop", "--to", "2024-03");

		// then: it passes; the score column gives exactly the metrics of the model whose
		// scores it holds
		String backtestOutput = output();
		assertThat(backtest).as(backtestOutput).isZero();
		long backtestRun = latestRun("backtest");
		Map<String, Double> logit = metrics(backtestRun, "shop-logit");
		assertThat(logit).hasSize(4 * Metric.forTask(Task.BINARY).size());
		assertThat(metrics(backtestRun, "shop-vendor")).isEqualTo(logit);
		// the log misses 8 labelled rows a month: left out of its metrics, counted, never
		// scored as something
		assertThat(metrics(backtestRun, "shop-log")).containsEntry("2024-01 n", 192.0).containsEntry("ALL n", 576.0);
		assertThat(coverage(backtestRun, "shop-log")).containsExactly(List.of("2024-01", 197L, 192L, 8L, 5L),
				List.of("2024-02", 197L, 192L, 8L, 5L), List.of("2024-03", 197L, 192L, 8L, 5L));
		assertThat(coverage(backtestRun, "shop-vendor")).containsExactly(List.of("2024-01", 200L, 200L, 0L, 0L),
				List.of("2024-02", 200L, 200L, 0L, 0L), List.of("2024-03", 200L, 200L, 0L, 0L));
		assertThat(backtestOutput).contains("Logged predictions of shop-log@1: 576 joined with a label · 24 labelled"
				+ " rows without a logged score (left out of its metrics) · 15 awaiting label");
		Document report = Jsoup.parse(root.resolve("reports/backtest/" + backtestRun + "/index.html").toFile());
		assertThat(report.select("table:has(th:containsOwn(labelled, no logged score)) tr").eachText())
			.contains("shop-vendor@1 600 600 0 0", "shop-log@1 591 576 24 15");

		// when: April's rows arrive (20 of them without a label yet), then the nightly
		// now-test of April
		assertThat(run("import", "shop", shop.april().toString())).as(output()).isZero();
		greenMail.purgeEmailFromAllMailboxes();
		int nowtest = run("nowtest", "--dataset", "shop", "--as-of", "2024-04-30", "--window", "30d", "--label-delay",
				"0d");

		// then: the champion's logged scores are noise in April: a breach, and its alert
		// is delivered
		String nowtestOutput = output();
		assertThat(nowtest).as(nowtestOutput).isEqualTo(CommandLine.BREACHED);
		long nowtestRun = latestRun("nowtest");
		assertThat(metrics(nowtestRun, "shop-vendor").get("ALL roc_auc")).isLessThan(0.7);
		assertThat(metrics(nowtestRun, "shop-logit").get("ALL roc_auc")).isGreaterThan(0.7);
		// April: 180 labelled rows, 8 without a logged prediction; 20 unlabelled rows and
		// 5 unknown ids await
		assertThat(coverage(nowtestRun, "shop-log")).containsExactly(List.of("ALL", 197L, 172L, 8L, 25L));
		assertThat(coverage(nowtestRun, "shop-vendor")).containsExactly(List.of("ALL", 200L, 180L, 0L, 20L));
		assertThat(nowtestOutput).contains("Logged predictions of shop-log@1: 172 joined with a label · 8 labelled"
				+ " rows without a logged score (left out of its metrics) · 25 awaiting label");
		// the score's drift: psi, ks and the KS p-value
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM drift_value WHERE run_id = ? AND subject = ?")
			.params(nowtestRun, "score:shop-vendor@1")
			.query(Long.class)
			.single()).isEqualTo(3);
		assertThat(greenMail.waitForIncomingEmail(10_000, 1)).isTrue();
		MimeMessage message = greenMail.getReceivedMessages()[0];
		assertThat(message.getSubject()).startsWith("[ratchet] shop: champion shop-vendor@1 roc_auc 0.")
			.endsWith("< 0.7000 (now-test 2024-04-30)");
		assertThat(message.getAllRecipients()).extracting(Object::toString).containsExactly("ml-team@example.com");
	}

	@Test
	void jobsScoreGivesTheLoggedScoresBesideTheComputedOnesAndModelCasesExplainsWhyThereAreNone() throws Exception {
		// given
		Shop shop = new Shop(root);
		shop.create();
		run("import-predictions", "shop", "shop-log@1", shop.predictionLog().toString());
		Path file = root.resolve("to-score.csv");
		Files.writeString(file, "id,day,x,colour,vendor_score\n2024-02-3,2024-02-04,0.5,red,0.25\n"
				+ "2024-02-0,2024-02-01,1.0,blue,\n2024-02-4,2024-02-05,oops,red,0.5\n");

		// when
		int scored = run("score", "shop", file.toString(), "--models", "shop-logit@1,shop-vendor@1,shop-log@1");

		// then
		String csv = output();
		assertThat(scored).isZero();
		List<String> lines = csv.lines().toList();
		assertThat(lines.get(0)).isEqualTo("line,id,shop-logit@1,shop-vendor@1,shop-log@1");
		Scorer logit = shop.logit();
		assertThat(lines.get(1))
			.isEqualTo("2,2024-02-3," + logit.score(Shop.row(0.5, "red")) + ",0.25," + shop.logged("2024-02-3"));
		assertThat(lines.get(2)).isEqualTo("3,2024-02-0," + logit.score(Shop.row(1.0, "blue")) + ",,");
		assertThat(lines.get(3)).isEqualTo("4,,,,");
		assertThat(this.console.err()).contains("rejected: " + file + " line 4: unparsable number 'oops' in column x")
			.contains("3 rows of " + file + " with 3 models")
			.contains("2 scored, 1 rejected")
			.contains("2 cells of logged models empty (no logged score)");

		// when
		int check = run("model-cases", "--check");
		String checkOutput = output();
		int write = run("model-cases", "shop-vendor@1");

		// then
		assertThat(check).as(checkOutput).isZero();
		assertThat(checkOutput).contains("ok      shop-logit@1")
			.contains("skipped shop-vendor@1: a logged-prediction model: its scores are logged in production, not"
					+ " computed by Ratchet, so there are no regression cases to run")
			.contains("skipped shop-log@1");
		assertThat(write).isZero();
		assertThat(output()).contains("No regression cases for shop-vendor@1").contains("nothing written");
		assertThat(root.resolve("config/models/shop-vendor-v1.cases.csv")).doesNotExist();

		// when: a file without the score column, and a logged model's file changed under
		// the same version
		Path noColumn = root.resolve("no-column.csv");
		Files.writeString(noColumn, "id,day,x,colour\n2024-02-3,2024-02-04,0.5,red\n");
		int lacking = run("score", "shop", noColumn.toString(), "--models", "shop-vendor@1");
		Path vendorFile = root.resolve("config/models/shop-vendor-v1.json");
		Files.writeString(vendorFile, VENDOR.replace("\"column\": \"vendor_score\"",
				"\"column\": \"vendor_score\", \"training\": {\"note\": \"edited\"}"));
		int tampered = run("score", "shop", file.toString(), "--models", "shop-vendor@1");

		// then
		assertThat(lacking).isEqualTo(CommandLine.FAILED);
		assertThat(tampered).isEqualTo(CommandLine.FAILED);
		assertThat(this.console.err())
			.contains(noColumn + " line 1: header lacks column"
					+ " vendor_score, which holds the logged scores of shop-vendor@1")
			.contains(vendorFile + ": content changed under the same version shop-vendor@1");
		Files.writeString(vendorFile, VENDOR);

		// when: a prediction log offered for a model that has none
		int column = run("import-predictions", "shop", "shop-vendor@1", shop.predictionLog().toString());
		int computed = run("import-predictions", "shop", "shop-logit@1", shop.predictionLog().toString());

		// then
		assertThat(column).isEqualTo(CommandLine.USAGE);
		assertThat(computed).isEqualTo(CommandLine.USAGE);
		assertThat(this.console.err())
			.contains("shop-vendor@1 reads its logged scores from the"
					+ " dataset's column vendor_score: they come with the data (jobs/import)")
			.contains("shop-logit@1 is a linear model: Ratchet computes its scores");
	}

	@Test
	void aLoggedChampionIsChallengedByTrainedCandidatesAndTheGateExplainsALoggedCandidate() throws Exception {
		// given: January to March; a search space; a back-test that scored the champion
		// and the logged candidate
		Shop shop = new Shop(root);
		shop.create();
		run("import-predictions", "shop", "shop-log@1", shop.predictionLog().toString());
		Files.createDirectories(root.resolve("config/search"));
		Files.writeString(root.resolve("config/search/shop.yml"),
				"algorithm: logged\npenalty: 1\n" + "features: {all: all}\nwindow-months: 2\nevaluation-months: 1\n");
		assertThat(run("backtest", "--dataset", "shop", "--to", "2024-03")).as(output()).isZero();

		// when: the search space asks for a logged model
		int refused = run("challenge", "--dataset", "shop", "--as-of", "2024-04-01");

		// then: a clear refusal, nothing trained
		String refusal = output();
		assertThat(refused).as(refusal).isEqualTo(CommandLine.FAILED);
		assertThat(refusal).contains("algorithm: a logged-prediction model is not trained by Ratchet (its scores are"
				+ " logged in production): it can be the champion that trained candidates challenge, never a trained"
				+ " candidate");
		assertThat(root.resolve("config/registry.yml")).content().doesNotContain("shop-logistic");

		// when: a search space of logistic candidates, challenging the logged champion
		Files.writeString(root.resolve("config/search/shop.yml"),
				"algorithm: logistic\npenalty: 1\n" + "features: {all: all}\nwindow-months: 2\nevaluation-months: 1\n");
		int challenged = run("challenge", "--dataset", "shop", "--as-of", "2024-04-02");

		// then: a candidate trained on January and February, ranked against the logged
		// scores of March
		String challengeOutput = output();
		assertThat(challenged).as(challengeOutput).isZero();
		long challengeRun = latestRun("challenge");
		assertThat(this.jdbc.sql("SELECT champion_key, eval_from, eval_to FROM challenge_run WHERE run_id = ?")
			.param(challengeRun)
			.query((rs, i) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3)))
			.single()).containsExactly("shop-vendor@1", "2024-03", "2024-03");
		assertThat(this.jdbc.sql("SELECT train_from, train_to FROM challenge_candidate WHERE run_id = ?")
			.param(challengeRun)
			.query((rs, i) -> List.of(rs.getString(1), rs.getString(2)))
			.single()).containsExactly("2024-01", "2024-02");

		// when: the gate, asked about the logged candidate
		int gate = run("promote", "shop", "shop-log", "1", "--dry-run");

		// then: it is judged like any candidate; its regression cases do not apply and
		// the gate says why
		String gateOutput = output();
		assertThat(gate).as(gateOutput).isEqualTo(CommandLine.BREACHED);
		assertThat(gateOutput)
			.contains("none to run: shop-log@1 is a logged-prediction model, which can be champion"
					+ " but is never a trained candidate: its scores are logged in production")
			.containsPattern("(?i)shadow");
	}

	private int run(String... args) {
		this.console.resetOut();
		return this.commandLine.run(args);
	}

	private String output() {
		return this.console.out();
	}

	private long latestRun(String job) {
		return this.jdbc.sql("SELECT MAX(id) FROM run WHERE job_name = ?").param(job).query(Long.class).single();
	}

	/** Every metric of a model in a run, keyed {@code <period> <metric>}. */
	private Map<String, Double> metrics(long runId, String model) {
		Map<String, Double> values = new TreeMap<>();
		this.jdbc.sql("""
				SELECT v.period, v.metric, v.val FROM metric_value v JOIN model_version m ON m.id = v.model_version_id
				WHERE v.run_id = ? AND m.name = ?""")
			.params(runId, model)
			.query((rs, i) -> values.put(rs.getString(1).strip() + " " + rs.getString(2), rs.getDouble(3)))
			.list();
		return values;
	}

	private List<List<Object>> coverage(long runId, String model) {
		return this.jdbc
			.sql("""
					SELECT c.period, c.logged, c.joined, c.unlogged, c.awaiting_label FROM logged_coverage c
					JOIN model_version m ON m.id = c.model_version_id WHERE c.run_id = ? AND m.name = ? ORDER BY c.period""")
			.params(runId, model)
			.query((rs, i) -> List.<Object>of(rs.getString(1).strip(), rs.getLong(2), rs.getLong(3), rs.getLong(4),
					rs.getLong(5)))
			.list();
	}

	/**
	 * The made-up workspace: config, January to March as month files, April as an
	 * incoming file, the log.
	 */
	static final class Shop {

		private final Path root;

		private final Random random = new Random(11);

		private final StringBuilder log = new StringBuilder("request_id,scored_at,p,model_run\n");

		private final Map<String, Double> logged = new HashMap<>();

		private Path april;

		Shop(Path root) {
			this.root = root;
		}

		void create() throws IOException {
			deleteTree(this.root.resolve("config"));
			deleteTree(this.root.resolve("historical-data"));
			write("config/datasets/shop.yml", DATASET);
			write("config/models/shop-logit-v1.json", LOGIT);
			write("config/models/shop-vendor-v1.json", VENDOR);
			write("config/models/shop-log-v1.json", LOG);
			write("config/registry.yml",
					"shop:\n  champion: shop-vendor@1\n  candidates: [shop-logit@1, shop-log@1]\n");
			write("config/requirements.yml", "shop:\n  min-rows: 20\n  monthly:\n    roc_auc: {min: 0.7}\n");
			Scorer logit = logit();
			for (int m = 0; m < 4; m++) {
				YearMonth month = JANUARY.plusMonths(m);
				StringBuilder csv = new StringBuilder("id,day,x,colour,bought,vendor_score\n");
				for (int i = 0; i < ROWS; i++) {
					double x = Math.round(this.random.nextGaussian() * 1e4) / 1e4;
					String colour = this.random.nextBoolean() ? "red" : "blue";
					double p = logit.score(row(x, colour));
					boolean positive = this.random.nextDouble() < p;
					// April: 20 rows without a label yet; the vendor column is noise
					String label = (month.equals(APRIL) && i % 10 == 1) ? "" : positive ? "1" : "0";
					double vendor = month.equals(APRIL) ? this.random.nextDouble() : p;
					LocalDate day = month.atDay(1 + (i % 28));
					String id = month + "-" + i;
					csv.append(id)
						.append(',')
						.append(day)
						.append(',')
						.append(x)
						.append(',')
						.append(colour)
						.append(',')
						.append(label)
						.append(',')
						.append(vendor)
						.append('\n');
					if (i % 25 != 0) { // 8 rows a month were never logged
						this.log.append(id).append(',').append(day).append("T10:00:00Z,").append(p).append(",a\n");
						this.logged.put(id, p);
					}
				}
				// logged for requests that never became rows
				for (int k = 0; k < 5; k++) {
					this.log.append("ghost-")
						.append(month)
						.append('-')
						.append(k)
						.append(',')
						.append(month.atDay(2))
						.append(",0.5,a\n");
				}
				if (month.equals(APRIL)) {
					this.april = write("incoming-april.csv", csv.toString());
				}
				else {
					write("historical-data/shop/" + month + ".csv", csv.toString());
				}
			}
			// line 4 * 197 + 2: logged twice
			this.log.append("2024-01-7,2024-01-08,0.99,b\n");
			// line 4 * 197 + 3: not a probability
			this.log.append("late-1,2024-04-03,1.5,b\n");
		}

		/**
		 * The log's file ({@code 2024-01-0} was never logged: {@code 2024-01-7} is on its
		 * line 8).
		 */
		Path predictionLog() {
			return write("log.csv", this.log.toString());
		}

		Path april() {
			return this.april;
		}

		String logged(String id) {
			return Double.toString(this.logged.get(id));
		}

		Scorer logit() {
			return ModelFiles.load(this.root.resolve("config/models/shop-logit-v1.json"))
				.bind(DatasetConfigs.load(this.root.resolve("config"), "shop"));
		}

		static Row row(double x, String colour) {
			return new Row(2, LocalDate.of(2024, 1, 1), Double.NaN, new double[] { x, Double.NaN },
					new String[] { null, colour });
		}

		private Path write(String name, String content) {
			Path file = this.root.resolve(name);
			try {
				Files.createDirectories(file.getParent());
				Files.writeString(file, content);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			ModelCaseFiles.writeBeside(file);
			return file;
		}

		private static void deleteTree(Path folder) throws IOException {
			FileSystemUtils.deleteRecursively(folder);
		}

	}

}
