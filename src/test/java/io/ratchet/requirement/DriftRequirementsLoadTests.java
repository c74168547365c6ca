package io.ratchet.requirement;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The {@code drift:} section of requirements.yml: good input, and bad input reported with
 * file and line.
 */
class DriftRequirementsLoadTests {

	@TempDir
	Path dir;

	@Test
	void readsBoundsForEveryFeaturePerFeatureOverridesAndTheScore() throws IOException {
		// given
		Path file = write("""
				churn:
				  min-rows: 200
				  monthly:
				    roc_auc: {min: 0.75}
				  drift:
				    psi: {max: 0.2}
				    ks: {max: 0.25}
				    missing_rate_change:
				      max: 0.05
				    score_psi: {max: 0.1}
				    features:
				      plan: {psi: {max: 0.3}, missing_rate: {max: 0.5}}
				      region:
				rain:
				  monthly:
				    roc_auc: {min: 0.7}
				""");

		// when
		Requirements requirements = Requirements.load(file);

		// then
		DriftRequirements drift = requirements.forDataset("churn").orElseThrow().drift();
		assertThat(drift.max("tenure_months", DriftStatistic.PSI)).isEqualTo(OptionalDouble.of(0.2));
		assertThat(drift.max("plan", DriftStatistic.PSI)).isEqualTo(OptionalDouble.of(0.3));
		assertThat(drift.max("plan", DriftStatistic.KS)).isEqualTo(OptionalDouble.of(0.25));
		assertThat(drift.max("plan", DriftStatistic.MISSING_RATE)).isEqualTo(OptionalDouble.of(0.5));
		assertThat(drift.max("tenure_months", DriftStatistic.MISSING_RATE)).isEmpty();
		assertThat(drift.max("region", DriftStatistic.MISSING_RATE_CHANGE)).isEqualTo(OptionalDouble.of(0.05));
		assertThat(drift.overrides()).containsOnlyKeys("plan", "region");
		assertThat(drift.scorePsi()).isEqualTo(0.1);
		assertThat(drift.isEmpty()).isFalse();
		assertThat(requirements.forDataset("churn").orElseThrow().monthly()).hasSize(1);
		assertThat(requirements.forDataset("rain").orElseThrow().drift()).isEqualTo(DriftRequirements.NONE);
		assertThat(DriftRequirements.NONE.isEmpty()).isTrue();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					unknown statistic          | 'psii: {max: 0.2}'                 | unknown drift bound "psii"
					a minimum                  | 'psi: {min: 0.1}'                  | unknown field "min"
					no max                     | 'psi: {}'                          | has no max
					a negative max             | 'ks: {max: -0.1}'                  | at least 0
					a text max                 | 'ks: {max: high}'                  | must be a number
					a bare number              | 'psi: 0.2'                         | must be a mapping such as {max: 0.2}
					a bad override             | 'features: {plan: {chi2: {max: 1}}}' | unknown drift bound "chi2"
					a list                     | 'features: [plan]'                 | expected a mapping
					a p-value maximum          | 'p_value: {max: 0.01}'             | known: min; a p-value is bounded from below
					a p-value above one        | 'p_value: {min: 1.5}'              | a probability between 0 and 1
					a bare p-value             | 'p_value: 0.01'                    | such as {min: 0.001}
					""")
	void refusesBadDriftBoundsNamingTheFileAndLine(String name, String line, String message) throws IOException {
		// given
		Path file = write("churn:\n  min-rows: 10\n  drift:\n    " + line + "\n");

		// then
		assertThatExceptionOfType(RequirementsException.class).isThrownBy(() -> Requirements.load(file))
			.withMessageContaining(file + " line 4")
			.withMessageContaining(message);
	}

	@Test
	void aPValueIsBoundedFromBelow() throws IOException {
		// given
		Path file = write("""
				churn:
				  min-rows: 10
				  drift:
				    p_value: {min: 0.001}
				    features:
				      plan: {p_value: {min: 0.05}}
				""");

		// when
		DriftRequirements drift = Requirements.load(file).forDataset("churn").orElseThrow().drift();

		// then: below the minimum breaches, the minimum itself meets it
		assertThat(drift.max("tenure_months", DriftStatistic.P_VALUE)).isEqualTo(OptionalDouble.of(0.001));
		assertThat(drift.max("plan", DriftStatistic.P_VALUE)).isEqualTo(OptionalDouble.of(0.05));
		assertThat(DriftStatistic.P_VALUE.breaches(0.0009, 0.001)).isTrue();
		assertThat(DriftStatistic.P_VALUE.breaches(0.001, 0.001)).isFalse();
		assertThat(DriftStatistic.PSI.breaches(0.0009, 0.001)).isFalse();
		assertThat(DriftStatistic.PSI.breaches(0.3, 0.2)).isTrue();
	}

	@Test
	void refusesAnUnknownSectionListingDriftAmongTheKnownOnes() throws IOException {
		// given
		Path file = write("churn:\n  drfit:\n    psi: {max: 0.2}\n");

		// then
		assertThatExceptionOfType(RequirementsException.class).isThrownBy(() -> Requirements.load(file))
			.withMessageContaining(file + " line 2")
			.withMessageContaining("drift");
	}

	private Path write(String text) throws IOException {
		Path file = this.dir.resolve("requirements.yml");
		Files.writeString(file, text);
		return file;
	}

}
