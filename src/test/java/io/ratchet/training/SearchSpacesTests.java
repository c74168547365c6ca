package io.ratchet.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SearchSpacesTests {

	@TempDir
	Path config;

	static final String CHURN = """
			name: churn
			date: {column: event_date, format: yyyy-MM-dd}
			label: {column: churned, task: binary, positive: "yes", negative: "no"}
			features:
			  - {name: tenure_months, type: numeric}
			  - {name: plan, type: categorical}
			  - {name: region, type: categorical}
			""";

	static final String GOOD = """
			algorithm: logistic
			penalty: [0.1, 1, 10]
			features:
			  all: all
			  no-region: [tenure_months, plan]
			window-months: [6, 12]
			evaluation-months: 2
			""";

	@BeforeEach
	void dataset() throws IOException {
		Files.createDirectories(this.config.resolve("datasets"));
		Files.writeString(this.config.resolve("datasets/churn.yml"), CHURN);
	}

	@Test
	void aGridGivesEveryCombinationInFileOrder() throws IOException {
		// given
		write(GOOD);

		// when
		SearchSpace space = SearchSpaces.load(this.config, "churn");

		// then
		assertThat(space.evaluationMonths()).isEqualTo(2);
		List<TrainingSpec> specs = space.specs();
		assertThat(specs).hasSize(12);
		assertThat(specs.get(0))
			.isEqualTo(new TrainingSpec(Algorithm.LOGISTIC, 0.1, "all", List.of("tenure_months", "plan", "region"), 6));
		assertThat(specs.get(11))
			.isEqualTo(new TrainingSpec(Algorithm.LOGISTIC, 10, "no-region", List.of("tenure_months", "plan"), 12));
	}

	@Test
	void aRandomSearchDrawsTheSameSampleEveryTime() throws IOException {
		// given
		write(GOOD + "search: random\nsamples: 5\nseed: 7\n");

		// when
		List<TrainingSpec> first = SearchSpaces.load(this.config, "churn").specs();
		List<TrainingSpec> second = SearchSpaces.load(this.config, "churn").specs();

		// then
		assertThat(first).hasSize(5).doesNotHaveDuplicates().isEqualTo(second);
		write(GOOD + "search: random\nsamples: 5\nseed: 8\n");
		assertThat(SearchSpaces.load(this.config, "churn").specs()).isNotEqualTo(first);
		write(GOOD + "search: random\nsamples: 50\n");
		assertThat(SearchSpaces.load(this.config, "churn").specs()).hasSize(12);
	}

	@Test
	void aSingleValueStandsForAListOfOne() throws IOException {
		write("algorithm: logistic\npenalty: 1\nfeatures: {all: all}\nwindow-months: 12\nevaluation-months: 1\n");
		assertThat(SearchSpaces.load(this.config, "churn").specs()).hasSize(1);
	}

	@Test
	void everyBadSpaceIsRefusedWithFileAndLine() throws IOException {
		Path file = this.config.resolve("search/churn.yml");
		refused(GOOD.replace("penalty: [0.1, 1, 10]", "penalty: []"), file + " line 2: penalty: the list is empty");
		refused(GOOD.replace("[tenure_months, plan]", "[tenure_months, regoin]"),
				file + " line 5: features.no-region: unknown feature \"regoin\"");
		refused(GOOD.replace("logistic", "ridge"), file + " line 1: algorithm ridge fits regression datasets");
		refused(GOOD.replace("logistic", "forest"), file + " line 1: algorithm: unknown algorithm \"forest\"");
		refused(GOOD.replace("0.1, 1, 10", "0.1, -1"), file + " line 2: penalty (C) must be a finite number above 0");
		refused(GOOD.replace("[6, 12]", "[6, 0]"), file + " line 6: window-months must be a whole number above 0");
		refused(GOOD.replace("evaluation-months: 2", "evaluation-months: two"),
				file + " line 7: evaluation-months must be a whole number above 0, not \"two\"");
		refused(GOOD + "windows: 3\n", file + " line 8: unknown field \"windows\"");
		refused(GOOD.replace("window-months: [6, 12]\n", ""),
				file + " line 1: missing required field \"window-months\"");
		refused(GOOD + "samples: 4\n", file + " line 8: \"samples\" is for search: random only");
		refused(GOOD + "search: random\n", "missing required field \"samples\"");
		refused(GOOD + "penalty: 3\n", file + " line 8: duplicate key \"penalty\"");
		refused(GOOD.replace("  all: all\n  no-region: [tenure_months, plan]\n", " {}\n")
			.replace("features:\n", "features:"), "features: no feature set: the search space is empty");
		refused("", "empty file");
		refused("algorithm: [logistic\n", "syntax error");
		assertThatThrownBy(() -> SearchSpaces.load(this.config, "churn")).isInstanceOf(SearchSpaceException.class);
		Files.delete(file);
		assertThatThrownBy(() -> SearchSpaces.load(this.config, "churn"))
			.hasMessageContaining(file + ": file not found");
	}

	@Test
	void theThresholdMayBeTunedForANamedObjective() throws IOException {
		// given
		write(GOOD + "tune-threshold: f1\n");

		// when
		SearchSpace space = SearchSpaces.load(this.config, "churn");

		// then
		assertThat(space.tuneThreshold()).isEqualTo("f1");
		assertThat(ThresholdObjective.forKey(space.tuneThreshold()).value(3, 1, 5, 1)).isEqualTo(6.0 / 8);
		refused(GOOD + "tune-threshold: business\n", "line 8: tune-threshold: unknown objective \"business\""
				+ " (expected one of f1, accuracy, business_value)");
		refused(GOOD + "tune-threshold: business_value\n",
				"line 8: tune-threshold: business_value needs the dataset's value matrix, and it has none");
		Files.writeString(this.config.resolve("datasets/churn.yml"),
				CHURN + "value: {tp: 10, fp: -5, fn: -20, tn: 0}\n");
		write(GOOD + "tune-threshold: business_value\n");
		assertThat(SearchSpaces.load(this.config, "churn").tuneThreshold()).isEqualTo("business_value");
		write(GOOD);
		assertThat(SearchSpaces.load(this.config, "churn").tuneThreshold()).isNull();
	}

	@Test
	void theCommittedDemoSearchSpaceIsValid() {
		// when
		SearchSpace space = SearchSpaces.load(Path.of("config"), "churn");

		// then
		assertThat(space.algorithm()).isEqualTo(Algorithm.LOGISTIC);
		assertThat(space.specs()).hasSize(18);
		assertThat(space.evaluationMonths()).isEqualTo(2);
	}

	private void refused(String yaml, String message) throws IOException {
		write(yaml);
		assertThatThrownBy(() -> SearchSpaces.load(this.config, "churn")).isInstanceOf(SearchSpaceException.class)
			.hasMessageContaining(message);
	}

	private void write(String yaml) throws IOException {
		Files.createDirectories(this.config.resolve("search"));
		Files.writeString(this.config.resolve("search/churn.yml"), yaml);
	}

}
