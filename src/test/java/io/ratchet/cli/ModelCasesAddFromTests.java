package io.ratchet.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.ratchet.ConsoleCapture;
import io.ratchet.model.ModelCases;
import io.ratchet.model.ModelCasesException;
import io.ratchet.model.ModelFiles;
import io.ratchet.model.ModelVersion;
import io.ratchet.data.DatasetConfigs;
import io.ratchet.test.SharedContextTests;
import io.ratchet.test.ToyWorkspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code jobs/model-cases <model@version> --add-from <run>}: a now-test of the toy
 * dataset whose window holds rows with colours never seen before; their rows become
 * regression cases (read back from the month file, with the outputs the model gives now),
 * once; a run that did not now-test the model, a row not in the run and a dry run write
 * nothing; and a later version of the model is checked on them.
 */
class ModelCasesAddFromTests extends SharedContextTests {

	@Autowired
	CommandLine commandLine;

	@Autowired
	JdbcClient jdbc;

	@RegisterExtension
	final ConsoleCapture console = new ConsoleCapture();

	final ToyWorkspace toy = new ToyWorkspace(root);

	long run;

	@BeforeEach
	void nowtested() throws Exception {
		// given: fresh models and cases (no production case left by an earlier test: they
		// would be kept); the now-test of 2024-03-06..15 run once
		org.springframework.util.FileSystemUtils.deleteRecursively(this.toy.models().toFile());
		this.toy.dataset("toy")
			.logit("toy-logit", "toy", 2.0, 0.1, -0.1)
			.logit("toy-flat", "toy", 0.01)
			.logit("toy-other", "toy", 1.0)
			.registry("toy:\n  champion: toy-logit@1\n  candidates: [toy-flat@1]\n")
			.requirements("toy:\n  min-rows: 5\n  monthly:\n    roc_auc: {min: 0.5}\n");
		if (!Files.exists(this.toy.data("toy").resolve("2024-03.csv"))) {
			this.toy.daily("toy", YearMonth.of(2024, 1), YearMonth.of(2024, 2), 5, 0);
			Map<LocalDate, Integer> days = new TreeMap<>();
			for (int day = 6; day <= 15; day++) {
				days.put(LocalDate.of(2024, 3, day), 4);
			}
			this.toy.write(this.toy.data("toy").resolve("2024-03.csv"), ToyWorkspace.HEADER
					+ this.toy.rows(days, 0, "m") + "s-2,2024-03-12,0.3,green,1\ns-3,2024-03-14,-0.25,purple,NA\n");
			assertThat(this.commandLine.run("nowtest", "--dataset", "toy", "--as-of", "2024-03-15", "--window", "10d",
					"--label-delay", "2d"))
				.as(this.console.out() + this.console.err())
				.isIn(CommandLine.OK, CommandLine.BREACHED);
			this.console.resetOut();
		}
		this.run = this.jdbc.sql("SELECT MAX(id) FROM run WHERE job_name = 'nowtest'").query(Long.class).single();
	}

	@Test
	void theRunsUnseenRowsBecomeCasesWithTheirSourceTextAndTheOutputsOfTheRun() throws Exception {
		// when
		int code = this.commandLine.run("model-cases", "toy-logit@1", "--add-from", Long.toString(this.run), "--kind",
				"unseen");

		// then
		assertThat(code).as(this.console.err()).isZero();
		List<io.ratchet.model.ModelCase> cases = ModelCases.read(model("toy-logit-v1.json"));
		List<io.ratchet.model.ModelCase> added = cases.stream()
			.filter((c) -> c.name().startsWith("production run " + this.run))
			.toList();
		assertThat(added).extracting(io.ratchet.model.ModelCase::values)
			.containsExactly(Map.of("x", "0.3", "colour", "green"), Map.of("x", "-0.25", "colour", "purple"));
		assertThat(added.get(0).name())
			.isEqualTo("production run " + this.run + ": 2024-03.csv:" + line("s-2") + " id=s-2 (unseen)");
		// the outputs recorded are those the run stored (an unseen colour weighs 0)
		assertThat(added.get(0).expected()).isEqualTo(storedScore(line("s-2")))
			.isCloseTo(1 / (1 + Math.exp(-0.6)), org.assertj.core.data.Offset.offset(1e-12));
		assertThat(this.console.out()).contains("Added 2 regression cases of toy-logit@1");
		assertThat(this.commandLine.run("model-cases", "--check", "toy-logit@1")).isZero();
	}

	@Test
	void rowsAlreadyAmongTheCasesAreRefusedAndNothingIsWritten() throws Exception {
		// given
		assertThat(this.commandLine.run("model-cases", "toy-logit@1", "--add-from", Long.toString(this.run), "--rows",
				Long.toString(line("s-2"))))
			.isZero();
		Path file = ModelCases.fileFor(model("toy-logit-v1.json"));
		String before = Files.readString(file);

		// when
		int code = this.commandLine.run("model-cases", "toy-logit@1", "--add-from", Long.toString(this.run), "--kind",
				"unseen");

		// then
		assertThat(code).isEqualTo(CommandLine.FAILED);
		assertThat(this.console.err()).contains("1 of the 2 rows are already regression cases of toy-logit@1")
			.contains("2024-03.csv:" + line("s-2"));
		assertThat(Files.readString(file)).isEqualTo(before);
	}

	@Test
	void aRunThatDidNotNowtestTheModelIsRefused() throws Exception {
		// given
		String before = Files.readString(ModelCases.fileFor(model("toy-other-v1.json")));

		// when
		int other = this.commandLine.run("model-cases", "toy-other@1", "--add-from", Long.toString(this.run));
		String otherError = this.console.err();
		int none = this.commandLine.run("model-cases", "toy-logit@1", "--add-from", Long.toString(this.run + 1000));

		// then
		assertThat(other).isEqualTo(CommandLine.USAGE);
		assertThat(otherError).contains("run " + this.run + " did not now-test toy-other@1");
		assertThat(none).isEqualTo(CommandLine.USAGE);
		assertThat(this.console.err()).contains("there is no run " + (this.run + 1000));
		assertThat(Files.readString(ModelCases.fileFor(model("toy-other-v1.json")))).isEqualTo(before);
	}

	@Test
	void rowsThatAreNotAmongTheRunsSurprisingRowsAreRefused() throws Exception {
		// given: the window's first line is a typical row, not surprising (so kept as
		// neither)
		Path file = ModelCases.fileFor(model("toy-logit-v1.json"));
		String before = Files.readString(file);

		// when
		int code = this.commandLine.run("model-cases", "toy-logit@1", "--add-from", Long.toString(this.run), "--kind",
				"unseen", "--rows", line("s-2") + ",99999");

		// then
		assertThat(code).isEqualTo(CommandLine.USAGE);
		assertThat(this.console.err()).contains("--rows 99999: not among the surprising rows of run " + this.run);
		assertThat(Files.readString(file)).isEqualTo(before);
	}

	@Test
	void aDryRunPrintsWhatWouldBeAddedAndWritesNothing() throws Exception {
		// given
		Path file = ModelCases.fileFor(model("toy-logit-v1.json"));
		String before = Files.readString(file);

		// when
		int code = this.commandLine.run("model-cases", "toy-logit@1", "--add-from", Long.toString(this.run), "--kind",
				"unseen", "--limit", "1", "--dry-run");

		// then
		assertThat(code).isZero();
		assertThat(this.console.out()).contains("Would add 1 regression cases of toy-logit@1")
			.contains("dry run: nothing written")
			.contains("2024-03.csv:" + line("s-2") + " id=s-2 (unseen)");
		assertThat(Files.readString(file)).isEqualTo(before);
	}

	@Test
	void aLaterVersionThatScoresAnAddedCaseDifferentlyIsRefusedNamingIt() throws Exception {
		// given: production rows added to version 1, then version 2 made: its cases carry
		// them, with its own outputs
		assertThat(this.commandLine.run("model-cases", "toy-logit@1", "--add-from", Long.toString(this.run), "--kind",
				"unseen"))
			.isZero();
		this.toy.write(this.toy.models().resolve("toy-logit-v2.json"),
				ToyWorkspace.logitJson("toy-logit", "toy", 1.5, 0.2, -0.2)
					.replace("\"version\": \"1\"", "\"version\": \"2\""));
		ModelVersion second = model("toy-logit-v2.json");
		String name = "production run " + this.run + ": 2024-03.csv:" + line("s-2") + " id=s-2 (unseen)";
		assertThat(ModelCases.read(second)).anySatisfy((c) -> {
			assertThat(c.name()).isEqualTo(name);
			assertThat(c.expected()).isCloseTo(1 / (1 + Math.exp(-0.45)), org.assertj.core.data.Offset.offset(1e-12));
		});
		assertThat(this.commandLine.run("model-cases", "--check", "toy-logit@2")).isZero();
		// a version whose output for that case changed (here: its recorded output)
		Path file = ModelCases.fileFor(second);
		double recorded = ModelCases.read(second)
			.stream()
			.filter((c) -> c.name().equals(name))
			.findFirst()
			.orElseThrow()
			.expected();
		Files.writeString(file, Files.readString(file).replace("," + recorded + "\n", ",0.5\n"));

		// when
		int code = this.commandLine.run("model-cases", "--check", "toy-logit@2");

		// then
		assertThat(code).isEqualTo(CommandLine.FAILED);
		assertThat(this.console.out()).contains("REFUSED model toy-logit@2 refused: 1 of")
			.contains(name + ": expected 0.5, got " + recorded);
		assertThatThrownBy(() -> ModelCases.verify(second, DatasetConfigs.load(this.toy.config(), "toy")))
			.isInstanceOf(ModelCasesException.class)
			.hasMessageContaining(name);
	}

	private ModelVersion model(String file) {
		return ModelFiles.load(this.toy.models().resolve(file));
	}

	private long line(String id) throws Exception {
		List<String> lines = Files.readAllLines(this.toy.data("toy").resolve("2024-03.csv"));
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).startsWith(id + ",")) {
				return i + 1;
			}
		}
		throw new IllegalStateException(id);
	}

	private double storedScore(long line) {
		return this.jdbc.sql("""
				SELECT s.score FROM surprising_row s JOIN model_version m ON m.id = s.model_version_id
				WHERE s.run_id = ? AND m.name = 'toy-logit' AND s.line = ? AND s.kind = 'unseen'""")
			.params(this.run, line)
			.query(Double.class)
			.single();
	}

}
