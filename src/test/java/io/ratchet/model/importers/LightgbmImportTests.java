package io.ratchet.model.importers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
 * A LightGBM text model written by hand: numeric splits under each missing type (Zero
 * checked against LightGBM's decision rule on every interesting value), categorical
 * bitsets with pandas codes, objectives; and what is refused.
 */
class LightgbmImportTests {

	/**
	 * Tree 0: tenure_months <= THRESHOLD (decision type DECISION) ? (plan code in bitset
	 * 5 = codes 0 and 2, "basic" and "pro" ? leaf 1 : leaf 4) : leaf 2. Tree 1: a single
	 * leaf 8.
	 */
	static final String MODEL = """
			tree
			version=v4
			num_class=1
			num_tree_per_iteration=1
			label_index=0
			max_feature_idx=2
			objective=OBJECTIVE
			feature_names=tenure_months plan region
			feature_infos=[0:100] 0:1:2 -1:0:1
			tree_sizes=400 300

			Tree=0
			num_leaves=3
			num_cat=1
			split_feature=0 1
			split_gain=10 5
			threshold=THRESHOLD 0
			decision_type=DECISION 1
			left_child=1 -1
			right_child=-2 -3
			leaf_value=1 2 4
			leaf_weight=1 1 1
			leaf_count=1 1 1
			internal_value=0 0
			internal_weight=0 0
			internal_count=3 2
			cat_boundaries=0 1
			cat_threshold=5
			is_linear=0
			shrinkage=1


			Tree=1
			num_leaves=1
			num_cat=0
			split_feature=
			split_gain=
			threshold=
			decision_type=
			left_child=
			right_child=
			leaf_value=8
			leaf_weight=
			leaf_count=
			internal_value=
			internal_weight=
			internal_count=
			is_linear=0
			shrinkage=1


			end of trees

			feature_importances:
			tenure_months=1
			plan=1

			parameters:
			[boosting: gbdt]
			[objective: regression]
			[categorical_feature: 1,2]
			[zero_as_missing: 0]

			end of parameters

			pandas_categorical:[["basic", "enterprise", "pro"], ["north", "south"]]
			""";

	@TempDir
	Path dir;

	private static String model(String objective, double threshold, int decisionType) {
		return MODEL.replace("OBJECTIVE", objective)
			.replace("THRESHOLD", Double.toString(threshold))
			.replace("DECISION", Integer.toString(decisionType));
	}

	private Scorer regression(String text) {
		return ImportFixtures.scorer(this.dir, ImportFixtures.write(this.dir, "model.txt", text),
				ImportFixtures.shop(Task.REGRESSION));
	}

	@Test
	void routesNumericAndCategoricalSplitsAsLightgbm() {
		// given: missing type NaN, default left (decision type 2 | 2 << 2)
		Scorer scorer = regression(model("regression", 12.5, 10));
		// when / then: tree 0 then the single leaf 8 of tree 1
		assertThat(scorer.score(ImportFixtures.row(3, "basic", "north"))).isEqualTo(1 + 8);
		assertThat(scorer.score(ImportFixtures.row(12.5, "pro", "north"))).as("<= goes left").isEqualTo(1 + 8);
		assertThat(scorer.score(ImportFixtures.row(12.500000000000002, "pro", null))).isEqualTo(2 + 8);
		assertThat(scorer.score(ImportFixtures.row(3, "enterprise", null))).as("code 1 not in the bitset")
			.isEqualTo(4 + 8);
		assertThat(scorer.score(ImportFixtures.row(3, null, null))).as("missing category goes right").isEqualTo(4 + 8);
		assertThat(scorer.score(ImportFixtures.row(3, "trial", null))).as("unseen category goes right")
			.isEqualTo(4 + 8);
		assertThat(scorer.score(ImportFixtures.row(Double.NaN, "pro", null))).as("NaN: default left").isEqualTo(1 + 8);
	}

	@Test
	void missingTypeNoneScoresAMissingValueAsZero() {
		// given: missing type None (NaN becomes 0.0), default right: the default does not
		// matter
		Scorer below = regression(model("regression", 12.5, 0));
		Scorer above = regression(model("regression", -1.0, 2));
		// when / then: 0 <= 12.5 goes left; 0 <= -1 does not
		assertThat(below.score(ImportFixtures.row(Double.NaN, "pro", null))).isEqualTo(1 + 8);
		assertThat(above.score(ImportFixtures.row(Double.NaN, "pro", null))).isEqualTo(2 + 8);
	}

	@Test
	void missingTypeZeroSendsZeroAndMissingTheDefaultWayForEveryThreshold() {
		double zero = LightgbmTree.ZERO;
		double[] thresholds = { 12.5, 0.5, zero, Math.nextUp(zero), 1e-36, 0.0, -1e-36, -zero, Math.nextDown(-zero),
				-0.5 };
		for (double threshold : thresholds) {
			for (boolean defaultLeft : new boolean[] { true, false }) {
				// given
				int decisionType = (1 << 2) | (defaultLeft ? 2 : 0);
				Scorer scorer = regression(model("regression", threshold, decisionType));
				for (double x : values(threshold)) {
					// when
					double got = scorer.score(ImportFixtures.row(x, "pro", null));
					// then: LightGBM's NumericalDecision
					double v = Double.isNaN(x) ? 0.0 : x;
					boolean left = (v >= -zero && v <= zero) ? defaultLeft : v <= threshold;
					assertThat(got).as("threshold %s, default left %s, x %s", threshold, defaultLeft, x)
						.isEqualTo(left ? 1 + 8 : 2 + 8);
				}
			}
		}
	}

	private static List<Double> values(double threshold) {
		double zero = LightgbmTree.ZERO;
		List<Double> values = new ArrayList<>(
				List.of(Double.NaN, 0.0, -0.0, 1e-36, -1e-36, 1.0, -1.0, 100.0, -100.0, 1e-30, -1e-30));
		for (double around : new double[] { zero, -zero, threshold }) {
			values.add(Math.nextDown(around));
			values.add(around);
			values.add(Math.nextUp(around));
		}
		return values;
	}

	@Test
	void aBinaryModelAppliesItsSigmoidFactorAndAForestAveragesItsTrees() {
		// given: binary sigmoid:2, then the same model as a forest (average_output)
		String text = model("binary sigmoid:2", 12.5, 10);
		Scorer binary = ImportFixtures.scorer(this.dir, ImportFixtures.write(this.dir, "model.txt", text),
				ImportFixtures.shop(Task.BINARY));
		Scorer forest = regression(
				model("regression", 12.5, 10).replace("tree_sizes=400 300\n", "tree_sizes=400 300\naverage_output\n"));
		// when / then
		assertThat(binary.score(ImportFixtures.row(3, "basic", null))).isCloseTo(1 / (1 + Math.exp(-2 * (1 + 8))),
				org.assertj.core.api.Assertions.within(1e-15));
		assertThat(forest.score(ImportFixtures.row(3, "basic", null))).isEqualTo((1 + 8) / 2.0);
	}

	@Test
	void codesFollowThePandasListsAndWithoutThemAreTheLevelsAsIntegers() {
		// given: without pandas_categorical, code 0 and 2 are the levels "0" and "2"
		String text = model("regression", 12.5, 10).replaceAll("pandas_categorical:.*", "pandas_categorical:null");
		Scorer scorer = regression(text);
		// when / then
		assertThat(scorer.score(ImportFixtures.row(3, "2", null))).isEqualTo(1 + 8);
		assertThat(scorer.score(ImportFixtures.row(3, "1", null))).isEqualTo(4 + 8);
		assertThat(scorer.score(ImportFixtures.row(3, "pro", null))).isEqualTo(4 + 8);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					multi-class model     | num_class=1               | num_class=3                     | 3 | not supported: a multi-class model (num_class=3)
					multi-class objective | objective=regression      | objective=multiclass num_class:3 | 7 | not supported: the multi-class objective "multiclass num_class:3"
					ranking objective     | objective=regression      | objective=lambdarank            | 7 | not supported: the ranking objective "lambdarank"
					exponential link      | objective=regression      | objective=poisson               | 7 | not supported: the objective "poisson"
					square-root target    | objective=regression      | objective=regression sqrt       | 7 | not supported: objective "regression sqrt" (reg_sqrt
					linear tree           | is_linear=0\\nshrinkage=1\\n\\n\\nTree=1 | is_linear=1\\nshrinkage=1\\n\\n\\nTree=1 | 29 | not supported: a linear tree
					a column the dataset lacks | feature_names=tenure_months | feature_names=income     | 0 | the model reads column "income", which is not a feature of dataset "shop"
					pandas lists          | [categorical_feature: 1,2] | [categorical_feature: 1]      | 66 | pandas_categorical has 2 lists but the model has 1 categorical features [1]
					not a LightGBM model  | tree\\nversion=v4          | forest\\nversion=v4              | 1 | not a LightGBM text model
					a value that is not a number | leaf_value=1 2 4   | leaf_value=1 two 4              | 21 | leaf_value: "two" is not a number
					too few values        | leaf_value=1 2 4          | leaf_value=1 2                  | 21 | leaf_value has 2 values, expected 3
					""")
	void refusesWhatItDoesNotSupportNamingTheFileAndLine(String title, String from, String to, int line,
			String message) {
		// given
		String text = model("regression", 12.5, 10).replace(from.replace("\\n", "\n"), to.replace("\\n", "\n"));
		Path file = ImportFixtures.write(this.dir, "model.txt", text);
		// when / then
		assertThatThrownBy(
				() -> ModelImport.convert(file, ModelFormat.LIGHTGBM, ImportFixtures.shop(Task.REGRESSION), null, "1"))
			.isInstanceOf(ModelFileException.class)
			.hasMessageStartingWith(file + ((line > 0) ? " line " + line + ": " : ": "))
			.hasMessageContaining(message);
	}

	@Test
	void aTruncatedFileIsReported() {
		// given: cut inside the second tree
		String text = model("regression", 12.5, 10);
		Path file = ImportFixtures.write(this.dir, "model.txt", text.substring(0, text.indexOf("leaf_value=8")));
		// when / then
		assertThatThrownBy(() -> ModelImport.convert(file, null, ImportFixtures.shop(Task.REGRESSION), null, "1"))
			.isInstanceOf(ModelFileException.class)
			.hasMessage(file + " line 41: the file ends before \"end of trees\" (is it truncated?)");
	}

}
