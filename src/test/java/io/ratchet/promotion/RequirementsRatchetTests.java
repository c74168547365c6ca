package io.ratchet.promotion;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.ratchet.metrics.Metric;
import io.ratchet.requirement.Bound;
import io.ratchet.requirement.BoundKind;
import io.ratchet.requirement.DatasetRequirements;
import io.ratchet.requirement.Requirements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The ratchet's edits of requirements.yml: only numbers change, never looser, comments
 * and layout kept.
 */
class RequirementsRatchetTests {

	static final String FILE = """
			# requirements of every dataset
			churn:
			  min-rows: 200
			  monthly:
			    roc_auc: {min: 0.76}          # a comment that stays
			    log_loss: {max: 0.44}
			    brier: {min: 0.01, max: 0.139}
			    n: {min: 100}
			  period:
			    roc_auc:
			      min: 0.78
			    log_loss: {max: 0.42}
			  drift:
			    psi: {max: 0.2}
			other:
			  monthly:
			    roc_auc: {min: 0.5}
			""";

	@TempDir
	Path dir;

	@Test
	void raisesMinimumsAndLowersMaximumsOnTheirOwnLines() throws Exception {
		// given: the champion's worst month has AUC 0.81, log loss 0.40; whole period
		// 0.83 and 0.38
		Path file = write(FILE);
		DatasetRequirements current = Requirements.load(file).forDataset("churn").orElseThrow();
		RequirementsRatchet.Level level = new RequirementsRatchet.Level(
				Map.of(Metric.ROC_AUC, 0.81234, Metric.LOG_LOSS, 0.35, Metric.BRIER, 0.12, Metric.N, 500.0),
				Map.of(Metric.ROC_AUC, 0.9, Metric.LOG_LOSS, 0.40, Metric.BRIER, 0.125, Metric.N, 900.0),
				Map.of(Metric.ROC_AUC, 0.83, Metric.LOG_LOSS, 0.38));

		// when
		RequirementsRatchet.Edit edit = RequirementsRatchet.propose(FILE, file, current, level, 0.01);

		// then
		assertThat(edit.text()).isEqualTo("""
				# requirements of every dataset
				churn:
				  min-rows: 200
				  monthly:
				    roc_auc: {min: 0.8023}          # a comment that stays
				    log_loss: {max: 0.41}
				    brier: {min: 0.11, max: 0.135}
				    n: {min: 100}
				  period:
				    roc_auc:
				      min: 0.82
				    log_loss: {max: 0.39}
				  drift:
				    psi: {max: 0.2}
				other:
				  monthly:
				    roc_auc: {min: 0.5}
				""");
		assertThat(edit.changes()).extracting(BoundChange::line).containsExactly(5, 6, 7, 7, 11, 12);
		assertThat(edit.changes().get(0))
			.isEqualTo(new BoundChange("monthly", Metric.ROC_AUC, BoundKind.MIN, 0.76, 0.8023, 0.81234, 5));
		assertThat(edit.diff()).contains("--- " + file)
			.contains("@@ -5 +5 @@\n-    roc_auc: {min: 0.76}          # a comment that stays\n"
					+ "+    roc_auc: {min: 0.8023}          # a comment that stays\n")
			.contains("@@ -7 +7 @@\n-    brier: {min: 0.01, max: 0.139}\n+    brier: {min: 0.11, max: 0.135}\n");
		assertThat(edit.requirements().monthly()).contains(new Bound(Metric.ROC_AUC, 0.8023, null));
		Files.writeString(file, edit.text());
		assertThat(Requirements.load(file).forDataset("churn").orElseThrow().period())
			.containsExactly(Bound.atLeast(Metric.ROC_AUC, 0.82), Bound.atMost(Metric.LOG_LOSS, 0.39));
	}

	@Test
	void neverLoosensABound() throws Exception {
		// given: a champion worse than the bounds
		Path file = write(FILE);
		DatasetRequirements current = Requirements.load(file).forDataset("churn").orElseThrow();
		RequirementsRatchet.Level level = new RequirementsRatchet.Level(Map.of(Metric.ROC_AUC, 0.70),
				Map.of(Metric.LOG_LOSS, 0.5), Map.of(Metric.ROC_AUC, 0.75, Metric.LOG_LOSS, 0.45));

		// when
		RequirementsRatchet.Edit edit = RequirementsRatchet.propose(FILE, file, current, level, 0.01);

		// then
		assertThat(edit.changes()).isEmpty();
		assertThat(edit.text()).isEqualTo(FILE);
		assertThat(edit.diff()).isEmpty();
	}

	@Test
	void aBoundMissingFromTheTextIsRefused() throws Exception {
		Path file = write(FILE);
		DatasetRequirements current = Requirements.load(file).forDataset("churn").orElseThrow();
		RequirementsRatchet.Level level = new RequirementsRatchet.Level(Map.of(Metric.ROC_AUC, 0.9), Map.of(),
				Map.of());

		assertThatExceptionOfType(PromotionException.class)
			.isThrownBy(() -> RequirementsRatchet.propose("other:\n  monthly:\n    roc_auc: {min: 0.5}\n", file,
					current, level, 0.01))
			.withMessageContaining("cannot find churn.monthly.roc_auc.min")
			.withMessageContaining("nothing was changed");
	}

	private Path write(String text) throws Exception {
		Path file = this.dir.resolve("requirements.yml");
		Files.writeString(file, text);
		return file;
	}

}
