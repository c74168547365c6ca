package io.ratchet.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.ratchet.data.DatasetConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ModelCasesTests {

	@TempDir
	Path dir;

	@Test
	void aLinearModelGetsEveryCuratedCase() {
		// given
		ModelVersion model = ModelFiles.load(Fixtures.write(this.dir, "churn-logit-v1.json", Fixtures.churnLogit("1")));

		// when
		List<ModelCase> cases = ModelCases.make(model, Fixtures.churn());

		// then
		assertThat(cases).extracting(ModelCase::name)
			.containsExactly("typical", "tenure_months missing", "tenure_months = 0", "tenure_months negative",
					"tenure_months outlier centre + 10 scale", "tenure_months outlier centre - 10 scale",
					"tenure_months = 1.0E9", "tenure_months = -1.0E9", "tenure_months = 1.0E300",
					"tenure_months = -1.0E300", "plan = basic", "plan = pro", "plan unseen level", "plan missing",
					"everything missing");
		assertThat(cases.get(0).values()).containsEntry("tenure_months", "12.0").containsEntry("plan", "basic");
		assertThat(cases.get(4).values()).containsEntry("tenure_months", "62.0");
		// logistic(-1.2 + -0.8 * (1e9 - 12) / 5 + 0.3) underflows to 0; the unseen level
		// weighs "unknown" 0.05
		assertThat(cases.get(6).expected()).isZero();
		assertThat(cases.get(12).expected()).isCloseTo(1 / (1 + Math.exp(-(-1.2 + 0.05))), within(1e-15));
		assertThat(cases.get(14).values()).containsOnlyKeys("tenure_months", "plan").doesNotContainValue("12.0");
	}

	@Test
	void aTreeEnsembleGetsCasesAroundItsThresholdsAndLevels() {
		// given
		ModelVersion model = ModelFiles.load(Fixtures.write(this.dir, "churn-gbt-v1.json", Fixtures.churnGbt("1")));

		// when
		List<ModelCase> cases = ModelCases.make(model, Fixtures.churn());

		// then
		assertThat(cases).extracting(ModelCase::name)
			.contains("typical", "tenure_months = -1.0E300", "plan = basic", "plan = pro", "plan unseen level",
					"everything missing");
		assertThat(cases.get(0).values()).containsEntry("tenure_months", "12.5");
	}

	@Test
	void writtenCasesPassWithTheSameScorerAndReadBackExactly() {
		// given
		ModelVersion model = ModelFiles.load(Fixtures.write(this.dir, "churn-logit-v1.json", Fixtures.churnLogit("1")));
		DatasetConfig churn = Fixtures.churn();

		// when
		Path file = ModelCases.write(model, churn, false);

		// then
		assertThat(file).isEqualTo(this.dir.resolve("churn-logit-v1.cases.csv"));
		assertThat(ModelCases.read(model)).isEqualTo(ModelCases.make(model, churn));
		CaseCheck check = ModelCases.verify(model, churn);
		assertThat(check.passed()).isTrue();
		assertThat(check.cases()).isEqualTo(15);
	}

	@Test
	void anOutputThatChangedIsRefusedWithAReadableDiff() throws IOException {
		// given: the recorded output of one case differs from what the scorer gives now
		ModelVersion model = ModelFiles.load(Fixtures.write(this.dir, "churn-logit-v1.json", Fixtures.churnLogit("1")));
		Path file = ModelCases.write(model, Fixtures.churn(), false);
		double now = ModelCases.make(model, Fixtures.churn()).get(10).expected();
		Files.writeString(file, Files.readString(file)
			.replace("plan = basic,12.0,basic," + now + "\n", "plan = basic,12.0,basic,0.5\n"));

		// when
		CaseCheck check = ModelCases.check(model, Fixtures.churn());

		// then
		assertThat(check.passed()).isFalse();
		assertThat(check.mismatches()).containsExactly(new CaseCheck.Mismatch("plan = basic", 0.5, now));
		assertThatThrownBy(() -> ModelCases.verify(model, Fixtures.churn())).isInstanceOf(ModelCasesException.class)
			.hasMessageContaining("model churn-logit@1 refused: 1 of 15 regression cases")
			.hasMessageContaining(file.toString())
			.hasMessageContaining("plan = basic: expected 0.5, got " + now);
	}

	@Test
	void aTinyDifferenceWithinTheToleranceStillMatches() {
		assertThat(ModelCases.matches(0.25, 0.25 + 1e-13)).isTrue();
		assertThat(ModelCases.matches(0.25, 0.25 + 1e-11)).isFalse();
		assertThat(ModelCases.matches(1e6, 1e6 + 1e-7)).isTrue();
		assertThat(ModelCases.matches(Double.NaN, Double.NaN)).isTrue();
		assertThat(ModelCases.matches(Double.POSITIVE_INFINITY, 1e308)).isFalse();
	}

	@Test
	void aMissingCasesFileIsAClearError() {
		// given
		ModelVersion model = ModelFiles.load(Fixtures.write(this.dir, "churn-logit-v1.json", Fixtures.churnLogit("1")));

		// when / then
		assertThatThrownBy(() -> ModelCases.verify(model, Fixtures.churn())).isInstanceOf(ModelCasesException.class)
			.hasMessageContaining(this.dir.resolve("churn-logit-v1.cases.csv").toString())
			.hasMessageContaining("no regression cases file")
			.hasMessageContaining("jobs/model-cases churn-logit@1");
	}

	@Test
	void aCorruptCasesFileIsAClearErrorNamingTheLine() throws IOException {
		// given
		ModelVersion model = ModelFiles.load(Fixtures.write(this.dir, "churn-logit-v1.json", Fixtures.churnLogit("1")));
		Path file = ModelCases.write(model, Fixtures.churn(), false);
		String good = Files.readString(file);

		// when / then: a number that is not one
		Files.writeString(file, good.replace("typical,12.0,", "typical,twelve,"));
		assertThatThrownBy(() -> ModelCases.check(model, Fixtures.churn())).isInstanceOf(ModelCasesException.class)
			.hasMessageContaining(
					file + " line 5: corrupt cases file: feature tenure_months \"twelve\" is not a number");
		// a header that is not the model's
		Files.writeString(file, good.replace("case,tenure_months,plan,expected", "case,tenure,plan,expected"));
		assertThatThrownBy(() -> ModelCases.check(model, Fixtures.churn()))
			.hasMessageContaining(file + " line 4: corrupt cases file: the header is [case, tenure, plan, expected]");
		// a row cut short
		Files.writeString(file, good.replace("typical,12.0,basic,", "typical,12.0,"));
		assertThatThrownBy(() -> ModelCases.check(model, Fixtures.churn())).hasMessageContaining("line 5")
			.hasMessageContaining("3 cells, the header has 4");
		// no sha256 line
		Files.writeString(file, good.replace("# sha256", "# SHA"));
		assertThatThrownBy(() -> ModelCases.check(model, Fixtures.churn())).hasMessageContaining(file.toString())
			.hasMessageContaining("corrupt cases file");
	}

	@Test
	void casesOfOtherContentOfTheModelFileAreRefused() {
		// given: cases made, then the model file edited under the same version
		Path modelFile = Fixtures.write(this.dir, "churn-logit-v1.json", Fixtures.churnLogit("1"));
		ModelCases.write(ModelFiles.load(modelFile), Fixtures.churn(), false);
		Fixtures.write(this.dir, "churn-logit-v1.json", Fixtures.churnLogit("1").replace("-0.8", "-0.9"));
		ModelVersion edited = ModelFiles.load(modelFile);

		// when / then
		assertThatThrownBy(() -> ModelCases.verify(edited, Fixtures.churn())).isInstanceOf(ModelCasesException.class)
			.hasMessageContaining("the cases were made for other content of")
			.hasMessageContaining("new version");
	}

	@Test
	void existingCasesAreReplacedOnlyWhenAsked() throws IOException {
		// given
		ModelVersion model = ModelFiles.load(Fixtures.write(this.dir, "churn-logit-v1.json", Fixtures.churnLogit("1")));
		Path file = ModelCases.write(model, Fixtures.churn(), false);
		Files.writeString(file, "hand-edited");

		// when / then
		assertThatThrownBy(() -> ModelCases.write(model, Fixtures.churn(), false))
			.isInstanceOf(ModelCasesException.class)
			.hasMessageContaining("already has regression cases");
		assertThat(file).hasContent("hand-edited");
		ModelCases.write(model, Fixtures.churn(), true);
		assertThat(ModelCases.check(model, Fixtures.churn()).passed()).isTrue();
		try (var files = Files.list(this.dir)) {
			assertThat(files.map((path) -> path.getFileName().toString()))
				.containsExactlyInAnyOrder("churn-logit-v1.json", "churn-logit-v1.cases.csv");
		}
	}

}
