package io.ratchet.requirement;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.ratchet.config.Spelling;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A dataset without requirements is never judged as if it passed: a typo in its key, a
 * key without bounds or a missing file is an error naming the file and the keys found;
 * the way to run it unjudged is to say so ({@code unmonitored: true}); a key naming no
 * dataset is a warning naming its line.
 */
class MissingRequirementsTests {

	@TempDir
	Path dir;

	@Test
	void aTypoInTheDatasetKeyIsAnErrorNamingTheFileTheKeysFoundAndTheLikelyMisspelling() throws IOException {
		// given: "chrun" for "churn"
		Path file = write("""
				chrun:
				  monthly:
				    roc_auc: {min: 0.76}
				rain:
				  monthly:
				    roc_auc: {min: 0.7}
				""");

		// when / then
		assertThatExceptionOfType(MissingRequirementsException.class)
			.isThrownBy(() -> Requirements.load(file).requireFor("churn"))
			.withMessageStartingWith(file + " has no requirements for dataset \"churn\"; the dataset keys found "
					+ "there: \"chrun\" (line 1), \"rain\" (line 4) (\"chrun\" looks like a misspelling of \"churn\")")
			.withMessageContaining("would pass whatever the figures")
			.withMessageContaining("\"churn: {unmonitored: true}\"");
		assertThat(Requirements.load(file).requireFor("rain").monthly()).hasSize(1);
	}

	@Test
	void aDatasetKeyWithoutBoundsIsAnErrorNamingItsLine() throws IOException {
		// given: one key without a value, one with min-rows alone
		Path file = write("rain:\n  monthly:\n    roc_auc: {min: 0.7}\nchurn:\nbikes:\n  min-rows: 200\n");

		// when / then
		assertThatExceptionOfType(MissingRequirementsException.class)
			.isThrownBy(() -> Requirements.load(file).requireFor("churn"))
			.withMessageStartingWith(file + " line 4: dataset \"churn\" has no bounds (min-rows alone judges nothing)");
		assertThatExceptionOfType(MissingRequirementsException.class)
			.isThrownBy(() -> Requirements.load(file).requireFor("bikes"))
			.withMessageStartingWith(file + " line 5: dataset \"bikes\" has no bounds");
	}

	@Test
	void aMissingOrEmptyFileIsAnErrorForEveryDataset() throws IOException {
		// given
		Path missing = this.dir.resolve("absent.yml");
		Path empty = write("# nothing yet\n");

		// when / then
		assertThatExceptionOfType(MissingRequirementsException.class)
			.isThrownBy(() -> Requirements.load(missing).requireFor("churn"))
			.withMessageStartingWith(missing + " does not exist, so dataset \"churn\" has no requirements");
		assertThatExceptionOfType(MissingRequirementsException.class)
			.isThrownBy(() -> Requirements.load(empty).requireFor("churn"))
			.withMessageStartingWith(empty + " names no dataset, so dataset \"churn\" has no requirements");
	}

	@Test
	void driftBoundsOrAModelsOverrideAloneAreRequirements() throws IOException {
		// given
		Path file = write("""
				churn:
				  drift:
				    psi: {max: 0.2}
				rain:
				  models:
				    rain-gbt:
				      period: {roc_auc: {min: 0.7}}
				""");

		// when
		Requirements requirements = Requirements.load(file);

		// then
		assertThat(requirements.requireFor("churn").drift().isEmpty()).isFalse();
		assertThat(requirements.requireFor("rain").periodFor("rain-gbt")).hasSize(1);
	}

	@Test
	void aDatasetMarkedUnmonitoredIsJudgedByNothingOnPurpose() throws IOException {
		// given
		Path file = write("scratch: {unmonitored: true}\nchurn:\n  monthly:\n    roc_auc: {min: 0.7}\n");

		// when
		Requirements requirements = Requirements.load(file);

		// then
		DatasetRequirements scratch = requirements.requireFor("scratch");
		assertThat(scratch.hasBounds()).isFalse();
		assertThat(requirements.isUnmonitored("scratch")).isTrue();
		assertThat(requirements.isUnmonitored("churn")).isFalse();
		assertThat(requirements.at("scratch")).isEqualTo(file + " line 1");
	}

	@Test
	void unmonitoredFalseOrWithoutBoundsIsNoOptOut() throws IOException {
		// given
		Path file = write("scratch: {unmonitored: false}\n");

		// when / then
		assertThatExceptionOfType(MissingRequirementsException.class)
			.isThrownBy(() -> Requirements.load(file).requireFor("scratch"))
			.withMessageStartingWith(file + " line 1: dataset \"scratch\" has no bounds");
	}

	@Test
	void unmonitoredWithBoundsOrNotABooleanIsAnErrorNamingItsLine() throws IOException {
		// given
		Path both = write("rain:\n  monthly:\n    roc_auc: {min: 0.7}\nchurn:\n  unmonitored: true\n  monthly:\n"
				+ "    roc_auc: {min: 0.7}\n");
		Path text = write("churn:\n  unmonitored: yes please\n");

		// when / then
		assertThatExceptionOfType(RequirementsException.class).isThrownBy(() -> Requirements.load(both))
			.withMessage(both + " line 4: dataset \"churn\" is marked unmonitored: true and has bounds; keep the "
					+ "bounds, or mark it unmonitored without any");
		assertThatExceptionOfType(RequirementsException.class).isThrownBy(() -> Requirements.load(text))
			.withMessageStartingWith(text + " line 2: unmonitored must be true or false, not \"yes please\"");
	}

	@Test
	void dataSetKeysNamingNoDatasetAreWarningsWithTheirLineAndTheNearestDataset() throws IOException {
		// given
		Path file = write("""
				chrun:
				  monthly:
				    roc_auc: {min: 0.76}
				rain:
				  monthly:
				    roc_auc: {min: 0.7}
				retired: {unmonitored: true}
				""");

		// when
		List<String> warnings = Requirements.load(file).unknownDatasets(List.of("churn", "rain"), "config/datasets/");

		// then
		assertThat(warnings).containsExactly(
				file + " line 1: \"chrun\" names no dataset under config/datasets/ (datasets: churn, rain); did you "
						+ "mean churn?; its requirements apply to nothing",
				file + " line 7: \"retired\" names no dataset under config/datasets/ (datasets: churn, rain); its "
						+ "requirements apply to nothing");
	}

	@Test
	void nearNamesAreWithinAnEditPerThreeCharacters() {
		assertThat(Spelling.near("chrun", "churn")).isTrue();
		assertThat(Spelling.near("Churn", "churn")).isTrue();
		assertThat(Spelling.near("churns", "churn")).isTrue();
		assertThat(Spelling.near("weather-aus", "wether_aus")).isTrue();
		assertThat(Spelling.near("churn", "churn")).isFalse();
		assertThat(Spelling.near("rain", "churn")).isFalse();
		assertThat(Spelling.near("bikes", "bookings")).isFalse();
		assertThat(Spelling.distance("abcd", "badc")).isEqualTo(2);
	}

	private int count;

	private Path write(String content) throws IOException {
		return Files.writeString(this.dir.resolve("requirements-" + (++this.count) + ".yml"), content);
	}

}
