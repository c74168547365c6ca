package io.ratchet.model.importers;

import java.nio.file.Path;

import io.ratchet.data.Task;
import io.ratchet.model.ModelFileException;
import io.ratchet.model.Scorer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * scikit-learn tree dumps written by hand: a gradient boosting that casts to float32 and
 * imputes, a binary forest averaging probabilities, a histogram gradient boosting with
 * native categories; and what is refused.
 */
class SklearnTreesImportTests {

	/**
	 * A gradient boosting regressor over tenure_months and the one-hot plan=pro: init 10,
	 * learning rate 0.5. Tree 0: float32(tenure) <= 12.5 ? 2 : (plan=pro <= 0.5 ? 4 : 8).
	 * Missing tenure is imputed with 20.
	 */
	static final String BOOSTING = ImportFixtures.json("""
			{'format': 'zoo-tree-ensemble/1', 'library': 'scikit-learn 1.9.1', 'estimator': 'GradientBoostingRegressor',
			 'task': 'regression',
			 'input': {'features': ['tenure_months', 'plan=pro'], 'cast_to_float32_before_split': true},
			 'preprocessing': {'impute_missing_with': {'tenure_months': 20.0}},
			 'aggregation': {'type': 'sum', 'init': 10.0, 'learning_rate': 0.5},
			 'n_trees': 1,
			 'trees': [
			   {'feature': [0, -1, 1, -1, -1], 'threshold': [12.5, null, 0.5, null, null], 'left': [1, -1, 3, -1, -1],
			    'right': [2, -1, 4, -1, -1], 'value': [null, 2.0, null, 4.0, 8.0],
			    'missing_go_left': [true, false, false, false, false]}
			 ]}
			""");

	/** A forest classifier of two trees; leaves are class fractions. */
	static final String FOREST = ImportFixtures.json("""
			{'format': 'zoo-tree-ensemble/1', 'estimator': 'RandomForestClassifier', 'task': 'binary',
			 'input': {'features': ['tenure_months'], 'cast_to_float32_before_split': true},
			 'preprocessing': {},
			 'aggregation': {'type': 'mean', 'init': 0.0},
			 'trees': [
			   {'feature': [0, -1, -1], 'threshold': [0.1, null, null], 'left': [1, -1, -1], 'right': [2, -1, -1],
			    'value': [null, 0.25, 0.75], 'missing_go_left': [false, false, false]},
			   {'feature': [-1], 'threshold': [null], 'left': [-1], 'right': [-1], 'value': [0.5],
			    'missing_go_left': [false]}
			 ]}
			""");

	/**
	 * A histogram gradient boosting with native categories first: plan codes basic=0,
	 * pro=1, team=2.
	 */
	static final String HISTOGRAM = ImportFixtures.json("""
			{'format': 'zoo-tree-ensemble/1', 'estimator': 'HistGradientBoostingRegressor', 'task': 'regression',
			 'input': {'features': ['plan', 'tenure_months'], 'cast_to_float32_before_split': false},
			 'preprocessing': {},
			 'aggregation': {'type': 'sum', 'init': 100.0, 'learning_rate': 1.0},
			 'trees': [
			   {'feature': [0, -1, 1, -1, -1], 'threshold': [null, null, 0.1, null, null], 'left': [1, -1, 3, -1, -1],
			    'right': [2, -1, 4, -1, -1], 'value': [null, 1.0, null, 2.0, 4.0],
			    'missing_go_left': [MISSING, false, true, false, false],
			    'left_categories': [[0, 2], null, null, null, null]}
			 ],
			 'categorical_codes': {'plan': ['basic', 'pro', 'team']}}
			""");

	@TempDir
	Path dir;

	private Scorer scorer(String text, Task task) {
		return ImportFixtures.scorer(this.dir, ImportFixtures.write(this.dir, "trees.json", text),
				ImportFixtures.shop(task));
	}

	@Test
	void gradientBoostingCastsToFloat32ImputesAndScalesByTheLearningRate() {
		// given
		Scorer scorer = scorer(BOOSTING, Task.REGRESSION);
		// when / then: 10 + 0.5 * leaf
		assertThat(scorer.score(ImportFixtures.row(12.5, "pro", null))).isEqualTo(10 + 0.5 * 2);
		assertThat(scorer.score(ImportFixtures.row(12.500000000000002, "pro", null))).as("float32(x) is 12.5")
			.isEqualTo(10 + 0.5 * 2);
		assertThat(scorer.score(ImportFixtures.row(12.5001, "pro", null))).isEqualTo(10 + 0.5 * 8);
		assertThat(scorer.score(ImportFixtures.row(13, "basic", null))).isEqualTo(10 + 0.5 * 4);
		assertThat(scorer.score(ImportFixtures.row(13, null, null))).as("missing plan: indicator 0")
			.isEqualTo(10 + 0.5 * 4);
		assertThat(scorer.score(ImportFixtures.row(Double.NaN, "pro", null))).as("imputed 20 goes right")
			.isEqualTo(10 + 0.5 * 8);
	}

	@Test
	void aBinaryForestAveragesItsTreesProbabilities() {
		// given
		Scorer scorer = scorer(FOREST, Task.BINARY);
		// when / then: float32(0.1) = 0.10000000149 > 0.1, so 0.1 itself goes right;
		// missing goes right
		assertThat(scorer.score(ImportFixtures.row(0.05, null, null))).isEqualTo((0.25 + 0.5) / 2);
		assertThat(scorer.score(ImportFixtures.row(0.1, null, null))).isEqualTo((0.75 + 0.5) / 2);
		assertThat(scorer.score(ImportFixtures.row(Double.NaN, null, null))).isEqualTo((0.75 + 0.5) / 2);
	}

	@Test
	void nativeCategoriesGoLeftWhenListedAndMissingOrUnseenFollowTheirDirection() {
		// given
		Scorer missingLeft = scorer(HISTOGRAM.replace("MISSING", "true"), Task.REGRESSION);
		Scorer missingRight = scorer(HISTOGRAM.replace("MISSING", "false"), Task.REGRESSION);
		// when / then
		assertThat(missingRight.score(ImportFixtures.row(0.5, "basic", null))).isEqualTo(100 + 1);
		assertThat(missingRight.score(ImportFixtures.row(0.5, "team", null))).isEqualTo(100 + 1);
		assertThat(missingRight.score(ImportFixtures.row(0.5, "pro", null))).isEqualTo(100 + 4);
		assertThat(missingRight.score(ImportFixtures.row(0.1, "pro", null))).as("x <= 0.1 in float64").isEqualTo(102);
		assertThat(missingRight.score(ImportFixtures.row(0.5, null, null))).isEqualTo(100 + 4);
		assertThat(missingRight.score(ImportFixtures.row(0.5, "trial", null))).isEqualTo(100 + 4);
		assertThat(missingLeft.score(ImportFixtures.row(0.5, null, null))).isEqualTo(100 + 1);
		assertThat(missingLeft.score(ImportFixtures.row(0.5, "trial", null))).isEqualTo(100 + 1);
		assertThat(missingLeft.score(ImportFixtures.row(0.5, "pro", null))).isEqualTo(100 + 4);
		assertThat(missingLeft.score(ImportFixtures.row(Double.NaN, "pro", null))).isEqualTo(100 + 2);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					another format      | zoo-tree-ensemble/1      | zoo-tree-ensemble/2     | format: unsupported format "zoo-tree-ensemble/2"
					another task        | "task": "regression"     | "task": "ranking"       | task: not supported: task "ranking" (expected binary, regression or multiclass)
					unknown aggregation | "type": "sum"            | "type": "median"        | aggregation.type: not supported: aggregation "median"
					a column the dataset lacks | "tenure_months", "plan=pro" | "income", "plan=pro" | the model reads column "income", which is not a feature of dataset "shop"
					arrays of other sizes | "left": [1, -1, 3, -1, -1] | "left": [1, -1, 3, -1] | trees[0].left: has 4 entries, "feature" has 5
					a missing field     | "missing_go_left"        | "missing_go_right"      | trees[0]: has no "missing_go_left"
					a cycle             | "left": [1, -1, 3, -1, -1] | "left": [1, -1, 0, -1, -1] | node 0 does not exist or is its own ancestor
					""")
	void refusesWhatItDoesNotSupportNamingTheFile(String title, String from, String to, String message) {
		// given
		Path file = ImportFixtures.write(this.dir, "trees.json", BOOSTING.replace(from, to));
		// when / then
		assertThatThrownBy(() -> ModelImport.convert(file, null, ImportFixtures.shop(Task.REGRESSION), null, "1"))
			.as(title)
			.isInstanceOf(ModelFileException.class)
			.hasMessageStartingWith(file.toString())
			.hasMessageContaining(message);
	}

}
