package io.ratchet.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.YearMonth;

import io.ratchet.ConsoleCapture;
import io.ratchet.demo.DemoGenerator;
import io.ratchet.model.ModelFiles;
import io.ratchet.model.OnnxFixtures;
import io.ratchet.test.SharedContextTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line on the demo: the story (early months pass, late months breach), exit
 * codes, the summary and the report paths, importing, and mistakes on the command line.
 */
class CommandLineTests extends SharedContextTests {

	@Autowired
	CommandLine commandLine;

	@Autowired
	JdbcClient jdbc;

	@RegisterExtension
	final ConsoleCapture console = new ConsoleCapture();

	@BeforeEach
	void capture() {
		if (!Files.exists(root.resolve("config/datasets/churn.yml"))) {
			DemoGenerator.generate(root, YearMonth.of(2026, 10), 42);
		}
	}

	@Test
	void theDemoBackTestPassesEarlyAndBreachesLate() {
		// when: up to 2026-02, before the south region fades (2026-03..06) and the drift
		// (2026-07..10)
		int early = this.commandLine.run("backtest", "--dataset", "churn", "--to", "2026-02");
		String earlyOutput = this.console.out();
		this.console.resetOut();
		int whole = this.commandLine.run("backtest", "--dataset", "churn");
		String wholeOutput = this.console.out();

		// then
		assertThat(early).as(earlyOutput).isZero();
		assertThat(earlyOutput).contains("Verdict: PASS");
		assertThat(whole).as(wholeOutput).isEqualTo(CommandLine.BREACHED);
		assertThat(wholeOutput).contains("Verdict: BREACH")
			.contains("churn-logit@1")
			.contains("champion")
			.containsPattern("2026-07 .*roc_auc 0\\.5659 < 0\\.7300")
			.containsPattern("2026-04 .*roc_auc in region=south 0\\.6174 < 0\\.7400")
			.contains("whole period")
			.contains("metrics.csv")
			.contains("index.html")
			.contains("rows/s");
		String report = wholeOutput.lines().filter((line) -> line.contains("metrics.csv")).findFirst().orElseThrow();
		assertThat(Path.of(report.substring(report.indexOf(':') + 1).trim())).exists();

		// and: the breach was written to the outbox (no SMTP host in tests), which
		// jobs/alerts lists
		this.console.resetOut();
		assertThat(this.commandLine.run("alerts", "--deliver")).isZero();
		assertThat(this.console.out()).contains("0 still pending")
			.containsPattern("SENT .*\\[ratchet\\] churn: champion churn-logit@1 .* \\(back-test ")
			.contains(root.resolve("reports/outbox").toString());

		// and: --json lists the same alert as one JSON array
		this.console.resetOut();
		assertThat(this.commandLine.run("alerts", "--json", "--limit", "100")).isZero();
		JsonNode alerts = JsonMapper.builder().build().readTree(this.console.out());
		assertThat(alerts.isArray()).isTrue();
		JsonNode alert = alerts.valueStream()
			.filter((listed) -> listed.get("subject").asString().contains("churn-logit@1"))
			.findFirst()
			.orElseThrow();
		assertThat(alert.get("id").isIntegralNumber()).isTrue();
		assertThat(alert.get("runId").isIntegralNumber()).isTrue();
		assertThat(alert.get("dataset").asString()).isEqualTo("churn");
		assertThat(alert.get("status").asString()).isEqualTo("SENT");
		assertThat(alert.get("attempts").isIntegralNumber()).isTrue();
		assertThat(alert.get("subject").asString()).startsWith("[ratchet] churn: champion churn-logit@1");
		assertThat(LocalDateTime.parse(alert.get("createdAt").asString())).isNotNull();
	}

	@Test
	void aFailedRunIsRestartedByItsIdAndFinishesWithTheSameSummary() throws Exception {
		// given: a run that fails on a month file whose header lost a column
		Path month = root.resolve("historical-data/churn/2025-06.csv");
		String good = Files.readString(month);
		Files.writeString(month, good.replaceFirst("plan,", "plan_type,"));
		int failed = this.commandLine.run("backtest", "--dataset", "churn");
		String failedOutput = this.console.out();
		assertThat(failed).as(failedOutput).isEqualTo(CommandLine.FAILED);
		assertThat(failedOutput).contains("2025-06.csv").contains("plan");
		String hint = failedOutput.lines().filter((line) -> line.contains("jobs/restart")).findFirst().orElseThrow();
		String runId = hint.substring(hint.lastIndexOf(' ') + 1);
		Files.writeString(month, good);
		this.console.resetOut();

		// when
		int restarted = this.commandLine.run("restart", runId);

		// then
		String output = this.console.out();
		assertThat(restarted).as(output).isEqualTo(CommandLine.BREACHED);
		assertThat(output).contains("Restarting run " + runId)
			.contains("Back-test run " + runId)
			.contains("(24 months)")
			.contains("Verdict: BREACH");
		assertThat(this.commandLine.run("restart", runId)).isEqualTo(CommandLine.BREACHED);
		assertThat(this.console.out()).contains("already completed");
	}

	@Test
	void backToBackRunsAreSeparateAndAnExplicitAsOfFindsTheEarlierRun() {
		// when: two runs without --as-of, started as fast as possible
		int first = this.commandLine.run("backtest", "--dataset", "churn", "--to", "2025-03");
		int second = this.commandLine.run("backtest", "--dataset", "churn", "--to", "2025-03");

		// then: both ran
		assertThat(first).as(this.console.out()).isZero();
		assertThat(second).as(this.console.out()).isZero();
		this.console.resetOut();

		// when: the same explicit as-of twice
		int ran = this.commandLine.run("backtest", "--dataset", "churn", "--to", "2025-03", "--as-of",
				"2026-11-01T03:00:00");
		int again = this.commandLine.run("backtest", "--dataset", "churn", "--to", "2025-03", "--as-of",
				"2026-11-01T03:00:00");

		// then: the second names the first run and repeats its outcome
		String output = this.console.out();
		assertThat(ran).as(output).isZero();
		assertThat(again).as(output).isZero();
		assertThat(output).contains("already ran as run").contains("Verdict: PASS");
	}

	@Test
	void importCountsRowsAndRejectionsInTheDatabase() throws Exception {
		// given
		Path source = root.resolve("export.csv");
		Files.writeString(source,
				"""
						customer_id,event_date,tenure_months,monthly_charges,support_tickets,usage_hours,days_since_login,plan,region,payment_method,churned
						new-1,2026-11-02,3,20.5,0,10,2,basic,north,card,no
						new-2,2026-11-03,oops,20.5,0,10,2,basic,north,card,yes
						""");

		// when
		int code = this.commandLine.run("import", "churn", source.toString());

		// then
		assertThat(code).as(this.console.err()).isZero();
		assertThat(this.console.out()).contains("1 new").contains("1 rejected");
		assertThat(root.resolve("historical-data/churn/2026-11.csv")).exists();
		assertThat(this.jdbc.sql("SELECT rows_rejected FROM import_batch WHERE source_file = ?")
			.param(source.toString())
			.query(Long.class)
			.single()).isEqualTo(1L);
		Files.delete(root.resolve("historical-data/churn/2026-11.csv"));
	}

	@Test
	void importOfNothingToImportSaysSo() {
		// when
		int missing = this.commandLine.run("import", "churn", root.resolve("nothing.csv").toString());
		int folder = this.commandLine.run("import", "churn", root.resolve("config").toString());

		// then
		assertThat(missing).isEqualTo(CommandLine.USAGE);
		assertThat(folder).isEqualTo(CommandLine.USAGE);
		assertThat(this.console.err()).contains("no such file: " + root.resolve("nothing.csv"))
			.contains("no .csv file in folder " + root.resolve("config"));
	}

	@Test
	void mistakesOnTheCommandLineExitWithTwoAndSayWhy() {
		assertThat(this.commandLine.run("backtest", "--frm", "2025-01")).isEqualTo(CommandLine.USAGE);
		assertThat(this.commandLine.run("backtest", "--from", "January")).isEqualTo(CommandLine.USAGE);
		assertThat(this.commandLine.run("restart", "99999")).isEqualTo(CommandLine.USAGE);
		assertThat(this.commandLine.run("frobnicate")).isEqualTo(CommandLine.USAGE);
		assertThat(this.commandLine.run("backtest", "--help")).isEqualTo(CommandLine.OK);
		assertThat(this.console.out()).contains("Usage: ratchet backtest").contains("--dataset=DATASET");
		// picocli's message names the option, and the command's usage follows it on
		// stderr
		assertThat(this.console.err()).contains("ratchet backtest: Unknown options: '--frm', '2025-01'")
			.contains("ratchet backtest: --from must be a month")
			.contains("Usage: ratchet backtest")
			.contains("no run 99999")
			.contains("Unmatched argument at index 0: 'frobnicate'");
	}

	@Test
	void aFromAfterToExitsTwoSayingSoBeforeAnythingRuns() {
		// given
		long runs = this.jdbc.sql("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE").query(Long.class).single();

		// when
		int exit = this.commandLine.run("backtest", "--dataset", "churn", "--from", "2026-08", "--to", "2026-02");

		// then
		assertThat(exit).isEqualTo(CommandLine.USAGE);
		assertThat(this.console.err()).contains("ratchet backtest: --from 2026-08 is after --to "
				+ "2026-02: no month lies between them (the first month comes first: --from 2026-02 --to 2026-08)");
		assertThat(this.console.out()).isEmpty();
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE").query(Long.class).single()).isEqualTo(runs);
	}

	@Test
	void modelCasesAreWrittenForAHandWrittenModelKeptUnlessReplacedAndChecked() throws Exception {
		// given: a model written by hand, without cases
		Path models = root.resolve("config/models");
		Path model = models.resolve("churn-hand-v1.json");
		Path cases = models.resolve("churn-hand-v1.cases.csv");
		Files.writeString(model,
				Files.readString(models.resolve("churn-logit-v1.json")).replace("\"churn-logit\"", "\"churn-hand\""));
		try {
			// when
			int written = this.commandLine.run("model-cases", "churn-hand@1");
			int again = this.commandLine.run("model-cases", "churn-hand@1");
			int replaced = this.commandLine.run("model-cases", "churn-hand@1", "--replace");
			int checked = this.commandLine.run("model-cases", "--check");
			Files.writeString(cases, Files.readString(cases).replaceFirst("\n(typical,[^\n]*,)[^,\n]+\n", "\n$10.5\n"));
			int refused = this.commandLine.run("model-cases", "--check", "churn-hand@1");

			// then
			String printed = this.console.out() + this.console.err();
			assertThat(written).isEqualTo(CommandLine.OK);
			assertThat(again).isEqualTo(CommandLine.FAILED);
			assertThat(replaced).isEqualTo(CommandLine.OK);
			assertThat(checked).isEqualTo(CommandLine.OK);
			assertThat(refused).isEqualTo(CommandLine.FAILED);
			assertThat(printed).contains("Wrote " + cases)
				.contains("already has regression cases")
				.contains("ok      churn-logit@1")
				.contains("ok      churn-hand@1")
				.contains("REFUSED model churn-hand@1 refused: 1 of")
				.contains("typical: expected 0.5, got ");
		}
		finally {
			Files.deleteIfExists(model);
			Files.deleteIfExists(cases);
		}
	}

	@Test
	void anImportedModelGetsItsRegressionCases() throws Exception {
		// given: a scikit-learn export of a one-feature model
		Path export = root.resolve("tenure-export.json");
		Files.writeString(export, """
				{"name": "churn-tenure", "task": "binary", "link": "logistic", "intercept": -1.0,
				 "terms": [{"feature": "tenure_months", "type": "numeric", "impute_missing_with": 20.0,
				            "center": 20.0, "scale": 10.0, "weight": -0.5}]}
				""");
		Path models = root.resolve("config/models");
		try {
			// when
			int code = this.commandLine.run("import-model", "churn", export.toString(), "--version", "3");

			// then
			assertThat(code).isEqualTo(CommandLine.OK);
			assertThat(models.resolve("churn-tenure-v3.cases.csv")).exists();
			assertThat(this.commandLine.run("model-cases", "--check", "churn-tenure@3")).isEqualTo(CommandLine.OK);
		}
		finally {
			Files.deleteIfExists(models.resolve("churn-tenure-v3.json"));
			Files.deleteIfExists(models.resolve("churn-tenure-v3.cases.csv"));
		}
	}

	/**
	 * An XGBoost JSON model of the churn demo: tenure_months < 12.5, then plan "premium"
	 * goes right.
	 */
	private static final String XGBOOST = """
			{"learner": {"feature_names": ["tenure_months", "plan"], "feature_types": ["float", "c"],
			  "gradient_booster": {"name": "gbtree", "model": {
			    "cats": {"enc": [{"offsets": [], "values": []},
			                     {"offsets": [0, 5, 12, 20], "values": [98, 97, 115, 105, 99, 112, 114, 101, 109, 105,
			                      117, 109, 115, 116, 97, 110, 100, 97, 114, 100]}],
			             "feature_segments": [0, 0, 3], "sorted_idx": [0, 1, 2]},
			    "tree_info": [0],
			    "trees": [{"left_children": [1, -1, 3, -1, -1], "right_children": [2, -1, 4, -1, -1],
			               "split_indices": [0, 0, 1, 0, 0], "split_conditions": [1.25E1, 5E-1, 1E-45, -2E-1, 3E-1],
			               "default_left": [1, 0, 0, 0, 0], "split_type": [0, 0, 1, 0, 0],
			               "categories": [1], "categories_nodes": [2], "categories_segments": [0],
			               "categories_sizes": [1]}]}},
			  "learner_model_param": {"base_score": "[3E-1]", "num_class": "0", "num_target": "1"},
			  "objective": {"name": "binary:logistic"}},
			 "version": [3, 1, 0]}
			""";

	@Test
	void anXgboostModelImportedAsACandidateIsRegistered() throws Exception {
		// given
		Path file = root.resolve("churn-xgb.json");
		Files.writeString(file, XGBOOST);
		Path registry = root.resolve("config/registry.yml");
		String before = Files.readString(registry);
		Path models = root.resolve("config/models");
		try {
			// when
			int code = this.commandLine.run("import-model", "churn", file.toString(), "--name", "churn-xgb",
					"--version", "7", "--candidate");

			// then
			assertThat(code).as(this.console.err()).isEqualTo(CommandLine.OK);
			assertThat(this.console.out()).contains("(xgboost) as ")
				.contains("Registered churn-xgb@7 as a candidate of churn");
			assertThat(Files.readString(registry)).contains("champion: churn-logit@1")
				.contains("candidates: [churn-logit@2, churn-gbt@1, churn-xgb@1, churn-xgb@7]");
			assertThat(Files.readString(models.resolve("churn-xgb-v7.json"))).contains("\"arithmetic\" : \"float32\"");
			assertThat(this.commandLine.run("model-cases", "--check", "churn-xgb@7")).isEqualTo(CommandLine.OK);
		}
		finally {
			Files.writeString(registry, before);
			Files.deleteIfExists(models.resolve("churn-xgb-v7.json"));
			Files.deleteIfExists(models.resolve("churn-xgb-v7.cases.csv"));
		}
	}

	@Test
	void importModelWritesTheDecisionThresholdIntoTheModelFile() throws Exception {
		// given
		Path file = root.resolve("churn-xgb.json");
		Files.writeString(file, XGBOOST);
		Path models = root.resolve("config/models");
		try {
			// when
			int code = this.commandLine.run("import-model", "churn", file.toString(), "--name", "churn-xgb",
					"--version", "8", "--threshold", "0.35");

			// then
			assertThat(code).as(this.console.err()).isEqualTo(CommandLine.OK);
			assertThat(this.console.out()).contains("(churn-xgb@8, sha256 ").contains(", threshold 0.35)");
			assertThat(Files.readString(models.resolve("churn-xgb-v8.json"))).contains("\"threshold\" : 0.35,");
			assertThat(ModelFiles.load(models.resolve("churn-xgb-v8.json")).threshold()).isEqualTo(0.35);
			assertThat(this.commandLine.run("model-cases", "--check", "churn-xgb@8")).isEqualTo(CommandLine.OK);
		}
		finally {
			Files.deleteIfExists(models.resolve("churn-xgb-v8.json"));
			Files.deleteIfExists(models.resolve("churn-xgb-v8.cases.csv"));
		}
	}

	@Test
	void aBadThresholdOnTheCommandLineImportsAndRegistersNothing() throws Exception {
		// given
		Path file = root.resolve("churn-xgb.json");
		Files.writeString(file, XGBOOST);
		Path registry = root.resolve("config/registry.yml");
		String before = Files.readString(registry);
		java.util.List<String> modelsBefore = java.util.Arrays.asList(root.resolve("config/models").toFile().list());

		// when
		int above = this.commandLine.run("import-model", "churn", file.toString(), "--threshold", "1.5", "--candidate");
		int zero = this.commandLine.run("import-model", "churn", file.toString(), "--threshold", "0", "--candidate");
		int word = this.commandLine.run("import-model", "churn", file.toString(), "--threshold", "high");

		// then
		assertThat(above).isEqualTo(CommandLine.USAGE);
		assertThat(zero).isEqualTo(CommandLine.USAGE);
		assertThat(word).isEqualTo(CommandLine.USAGE);
		assertThat(this.console.err())
			.contains("--threshold 1.5: the decision threshold must be a number between 0 and 1 (both excluded), not"
					+ " 1.5")
			.contains("--threshold 0: the decision threshold must be a number between 0 and 1 (both excluded)")
			.contains("--threshold high: not a number (give a decision threshold in (0, 1), e.g. --threshold 0.35)");
		assertThat(Files.readString(registry)).isEqualTo(before);
		assertThat(root.resolve("config/models").toFile().list()).containsExactlyInAnyOrderElementsOf(modelsBefore);
	}

	@Test
	void aModelThatCannotBeImportedLeavesNothingBehind() throws Exception {
		// given: a model reading a column the churn dataset lacks, and a truncated one
		Path lacking = root.resolve("lacking.json");
		Files.writeString(lacking, XGBOOST.replace("\"tenure_months\", \"plan\"", "\"income\", \"plan\""));
		Path truncated = root.resolve("truncated.json");
		Files.writeString(truncated, XGBOOST.substring(0, 300));
		Path registry = root.resolve("config/registry.yml");
		String before = Files.readString(registry);
		java.util.List<String> modelsBefore = java.util.Arrays.asList(root.resolve("config/models").toFile().list());

		// when
		int lackingCode = this.commandLine.run("import-model", "churn", lacking.toString(), "--candidate");
		int truncatedCode = this.commandLine.run("import-model", "churn", truncated.toString(), "--candidate");
		int formatCode = this.commandLine.run("import-model", "churn", lacking.toString(), "--format", "pmml");

		// then
		assertThat(lackingCode).isEqualTo(CommandLine.FAILED);
		assertThat(truncatedCode).isEqualTo(CommandLine.FAILED);
		assertThat(formatCode).isEqualTo(CommandLine.USAGE);
		assertThat(this.console.err())
			.contains(lacking + ": the model reads column \"income\", which is not a feature of dataset \"churn\"")
			.contains(truncated + " line ")
			.contains("(the file ends early: is it truncated?)")
			.contains(
					"unknown model format \"pmml\" (expected xgboost|lightgbm|sklearn-trees|sklearn-linear), or onnx");
		assertThat(Files.readString(registry)).isEqualTo(before);
		assertThat(root.resolve("config/models").toFile().list()).containsExactlyInAnyOrderElementsOf(modelsBefore);
	}

	@Test
	void anOnnxModelIsImportedWithItsMappingAndBackTestedBesideTheChampion() throws Exception {
		// given: a logistic graph over tenure and one-hot plan (basic, pro), as a
		// converted classifier
		Path onnx = OnnxFixtures.churnGraph().write(root.resolve("exports/churn-onnx.onnx"));
		Path models = root.resolve("config/models");
		Path registry = root.resolve("config/registry.yml");
		String before = Files.readString(registry);
		try {
			// when
			int imported = this.commandLine.run("import-model", "churn", onnx.toString(), "--inputs",
					"tenure_months,plan=basic,plan=pro", "--version", "7", "--candidate");
			String importOutput = this.console.out();
			this.console.resetOut();
			int backtest = this.commandLine.run("backtest", "--dataset", "churn", "--models",
					"churn-logit@1,churn-onnx@7");
			String backtestOutput = this.console.out();

			// then
			assertThat(imported).as(importOutput + this.console.err()).isEqualTo(CommandLine.OK);
			assertThat(importOutput).contains("Wrote " + models.resolve("churn-onnx-v7.json"))
				.contains("churn-onnx-v7.onnx and its regression cases churn-onnx-v7.cases.csv")
				.contains("Registered churn-onnx@7 as a candidate of churn");
			assertThat(Files.readString(registry)).contains("champion: churn-logit@1").contains("churn-onnx@7");
			assertThat(this.commandLine.run("model-cases", "--check", "churn-onnx@7")).isEqualTo(CommandLine.OK);
			assertThat(backtest).as(backtestOutput + this.console.err()).isIn(CommandLine.OK, CommandLine.BREACHED);
			assertThat(backtestOutput).contains("churn-onnx@7");
			assertThat(this.jdbc.sql("SELECT kind FROM model_version WHERE name = 'churn-onnx'")
				.query(String.class)
				.single()).isEqualTo("onnx");
		}
		finally {
			Files.writeString(registry, before);
			for (String suffix : new String[] { ".json", ".onnx", ".cases.csv" }) {
				Files.deleteIfExists(models.resolve("churn-onnx-v7" + suffix));
			}
		}
	}

	@Test
	void aCorruptOnnxFileIsRefusedWithExitOneAndOnnxOptionsNeedTheOnnxFormat() throws Exception {
		// given
		Path corrupt = Files.writeString(root.resolve("exports-corrupt.onnx"), "not protobuf at all");
		Path export = Files.writeString(root.resolve("exports-sklearn.json"), "{}");

		// when
		int code = this.commandLine.run("import-model", "churn", corrupt.toString(), "--inputs", "tenure_months");
		int misuse = this.commandLine.run("import-model", "churn", export.toString(), "--inputs", "a");

		// then
		assertThat(code).isEqualTo(CommandLine.FAILED);
		assertThat(this.console.err()).contains(corrupt + ": not a model ONNX Runtime can load");
		assertThat(root.resolve("config/models/exports-corrupt-v1.json")).doesNotExist();
		assertThat(misuse).isEqualTo(CommandLine.USAGE);
		assertThat(this.console.err()).contains("--inputs applies to ONNX models only (--format onnx)");
	}

	@Test
	void aBackTestOfAnUnknownDatasetFailsWithExitOne() {
		assertThat(this.commandLine.run("backtest", "--dataset", "nosuch")).isEqualTo(CommandLine.FAILED);
		assertThat(this.console.out() + this.console.err()).contains("nosuch").contains("churn");
	}

}
