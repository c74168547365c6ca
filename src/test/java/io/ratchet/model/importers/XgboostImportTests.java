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
 * An XGBoost JSON model written by hand: numeric, native categorical and one-hot splits
 * with their default directions, base scores as XGBoost 2 and 3 write them, float32
 * arithmetic; and what is refused.
 */
class XgboostImportTests {

	/**
	 * Tree 0: tenure_months < 12.5 (missing left) ? leaf 1 : (plan code in [1] = "pro" ?
	 * leaf 4 : leaf 2), missing plan right. Tree 1: region=north < 0.5 ? leaf 8 : leaf
	 * 16. Leaves are powers of two so a sum tells the path.
	 */
	static final String MODEL = ImportFixtures.json("""
			{"learner": {
			  "attributes": {},
			  "feature_names": ["tenure_months", "plan", "region=north"],
			  "feature_types": ["float", "c", "float"],
			  "gradient_booster": {"model": {
			    "cats": {"enc": [{"offsets": [], "values": []},
			                     {"offsets": [0, 5, 8], "values": [98, 97, 115, 105, 99, 112, 114, 111]},
			                     {"offsets": [], "values": []}],
			             "feature_segments": [0, 0, 2, 2], "sorted_idx": [0, 1]},
			    "gbtree_model_param": {"num_parallel_tree": "1", "num_trees": "2"},
			    "iteration_indptr": [0, 1, 2],
			    "tree_info": [0, 0],
			    "trees": [
			      {"id": 0, "left_children": [1, -1, 3, -1, -1], "right_children": [2, -1, 4, -1, -1],
			       "split_indices": [0, 0, 1, 0, 0], "split_conditions": [1.25E1, 1E0, 1E-45, 2E0, 4E0],
			       "default_left": [1, 0, 0, 0, 0], "split_type": [0, 0, 1, 0, 0],
			       "categories": [1], "categories_nodes": [2], "categories_segments": [0], "categories_sizes": [1],
			       "base_weights": [0, 1, 0, 2, 4], "tree_param": {"num_nodes": "5", "size_leaf_vector": "1"}},
			      {"id": 1, "left_children": [1, -1, -1], "right_children": [2, -1, -1],
			       "split_indices": [2, 0, 0], "split_conditions": [5E-1, 8E0, 1.6E1],
			       "default_left": [true, false, false], "split_type": [0, 0, 0],
			       "categories": [], "categories_nodes": [], "categories_segments": [], "categories_sizes": [],
			       "tree_param": {"num_nodes": "3", "size_leaf_vector": "1"}}
			    ]},
			    "name": "gbtree"},
			  "learner_model_param": {"base_score": "BASE", "boost_from_average": "1", "num_class": "0",
			                          "num_feature": "3", "num_target": "1"},
			  "objective": {"name": "OBJECTIVE", "reg_loss_param": {"scale_pos_weight": "1"}}
			},
			"version": [3, 1, 0]}
			""");

	@TempDir
	Path dir;

	private Scorer regression(String model) {
		return ImportFixtures.scorer(this.dir, ImportFixtures.write(this.dir, "m.json", model),
				ImportFixtures.shop(Task.REGRESSION));
	}

	private static String model(String objective, String base) {
		return MODEL.replace("OBJECTIVE", objective).replace("BASE", base);
	}

	@Test
	void routesNumericCategoricalAndOneHotSplitsAsXgboost() {
		// given: base score 10 (XGBoost 3's list form)
		Scorer scorer = regression(model("reg:squarederror", "[1E1]"));
		// when / then: base 10 + tree 0 + tree 1
		assertThat(scorer.score(ImportFixtures.row(3, "pro", "north"))).isEqualTo(10 + 1 + 16);
		assertThat(scorer.score(ImportFixtures.row(20, "basic", "south"))).isEqualTo(10 + 2 + 8);
		assertThat(scorer.score(ImportFixtures.row(20, "pro", null)))
			.as("listed code goes right; missing region is" + " indicator 0")
			.isEqualTo(10 + 4 + 8);
		assertThat(scorer.score(ImportFixtures.row(12.5, "basic", "north"))).as("strict <").isEqualTo(10 + 2 + 16);
		assertThat(scorer.score(ImportFixtures.row(Double.NaN, "pro", "north"))).as("default left")
			.isEqualTo(10 + 1 + 16);
		assertThat(scorer.score(ImportFixtures.row(20, null, "north"))).as("missing plan: default right")
			.isEqualTo(10 + 4 + 16);
		assertThat(scorer.score(ImportFixtures.row(20, "enterprise", "north"))).as("unseen plan: as missing")
			.isEqualTo(10 + 4 + 16);
	}

	@Test
	void aLogisticModelStartsFromTheLogitOfItsBaseScoreInFloat32() {
		// given: XGBoost 2 writes the base score as a bare number
		Scorer scorer = ImportFixtures.scorer(this.dir,
				ImportFixtures.write(this.dir, "m.json", model("binary:logistic", "2.5E-1")),
				ImportFixtures.shop(Task.BINARY));
		// when
		double p = scorer.score(ImportFixtures.row(3, "pro", "north"));
		// then: margin -logf(1/0.25 - 1) + 1 + 16 in float32, through the float32 sigmoid
		float margin = -(float) Math.log(3.0f) + 1.0f + 16.0f;
		assertThat(p).isEqualTo((double) (1.0f / (1.0f + (float) Math.exp(-margin))));
	}

	@Test
	void theImportedFileRecordsWhereItCameFrom() throws Exception {
		// given
		Path file = ImportFixtures.write(this.dir, "m.json", model("reg:squarederror", "[1E1]"));
		// when
		ModelImport.Result result = ModelImport.convert(file, null, ImportFixtures.shop(Task.REGRESSION), null, "2");
		// then
		assertThat(result.format()).isEqualTo(ModelFormat.XGBOOST);
		assertThat(result.json()).contains("\"name\" : \"shop-xgboost\"", "\"version\" : \"2\"",
				"\"arithmetic\" : \"float32\"", "\"imported_from\" : \"m.json\"", "\"library\" : \"xgboost 3.1.0\"",
				"\"objective\" : \"reg:squarederror\"",
				"\"sha256\" : \"" + io.ratchet.model.ModelFiles.sha256(java.nio.file.Files.readAllBytes(file)) + "\"");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					multi-class objective | "name": "OBJECTIVE"            | "name": "multi:softprob"  | not supported: the multi-class objective multi:softprob
					ranking objective     | "name": "OBJECTIVE"            | "name": "rank:pairwise"   | not supported: the ranking objective rank:pairwise
					other objective       | "name": "OBJECTIVE"            | "name": "count:poisson"   | not supported: the objective count:poisson (supported:
					multi-class model     | "num_class": "0"               | "num_class": "3"          | not supported: a multi-class model (num_class 3)
					multi-target model    | "num_target": "1"              | "num_target": "2"         | not supported: a multi-target model (num_target 2)
					two output groups     | "tree_info": [0, 0]            | "tree_info": [0, 1]       | learner.gradient_booster.model.tree_info[1] is 1: a multi-class model
					DART booster          | "name": "gbtree"               | "name": "dart"            | not supported: the DART booster
					linear booster        | "name": "gbtree"               | "name": "gblinear"        | not supported: the booster "gblinear"
					vector leaves         | "num_nodes": "3", "size_leaf_vector": "1" | "num_nodes": "3", "size_leaf_vector": "2" | not supported: vector leaves
					a column the dataset lacks | "tenure_months", "plan"  | "income", "plan"          | the model reads column "income", which is not a feature of dataset "shop"
					categories not stored | "cats": {"enc"                 | "kats": {"enc"            | not supported: the categorical feature "plan" without its categories
					base score not a number | "BASE"                       | "abc"                     | learner.learner_model_param.base_score: "abc" is not a number
					""")
	void refusesWhatItDoesNotSupportNamingTheFile(String title, String from, String to, String message) {
		// given
		String text = MODEL.replace(from, to).replace("OBJECTIVE", "reg:squarederror").replace("BASE", "[1E1]");
		Path file = ImportFixtures.write(this.dir, "m.json", text);
		// when / then
		assertThatThrownBy(() -> ModelImport.convert(file, null, ImportFixtures.shop(Task.REGRESSION), null, "1"))
			.isInstanceOf(ModelFileException.class)
			.hasMessageStartingWith(file.toString())
			.hasMessageContaining(message);
	}

	@Test
	void aTruncatedFileSaysWhereItEnds() {
		// given
		String text = model("reg:squarederror", "[1E1]");
		Path file = ImportFixtures.write(this.dir, "m.json", text.substring(0, text.length() / 2));
		// when / then
		assertThatThrownBy(() -> ModelImport.convert(file, null, ImportFixtures.shop(Task.REGRESSION), null, "1"))
			.isInstanceOf(ModelFileException.class)
			.hasMessageStartingWith(file + " line ")
			.hasMessageContaining("not valid JSON at column")
			.hasMessageContaining("(the file ends early: is it truncated?)");
	}

	@Test
	void aModelOfTheOtherTaskIsRefused() {
		// given
		Path file = ImportFixtures.write(this.dir, "m.json", model("reg:squarederror", "[1E1]"));
		// when / then
		assertThatThrownBy(() -> ModelImport.convert(file, null, ImportFixtures.shop(Task.BINARY), null, "1"))
			.isInstanceOf(ModelFileException.class)
			.hasMessage(file + ": a regression model (objective reg:squarederror) cannot score dataset \"shop\", a"
					+ " binary task");
	}

	@Test
	void aCategoricalFeatureTheDatasetDeclaresNumericIsRefused() {
		// given: the model reads plan as categorical codes, the dataset has it numeric
		String text = model("reg:squarederror", "[1E1]").replace("\"feature_types\": [\"float\", \"c\", \"float\"]",
				"\"feature_types\": [\"c\", \"c\", \"float\"]");
		Path file = ImportFixtures.write(this.dir, "m.json", text);
		// when / then
		assertThatThrownBy(() -> ModelImport.convert(file, null, ImportFixtures.shop(Task.REGRESSION), null, "1"))
			.isInstanceOf(ModelFileException.class)
			.hasMessageContaining("the model reads column \"tenure_months\" as categorical but dataset \"shop\""
					+ " declares it numeric");
	}

}
