package io.ratchet.model;

import io.ratchet.data.FeatureType;
import io.ratchet.data.Task;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Reading and writing model files. In {@link Fixtures#churnLogit} the tenure term is on
 * line 11 and the plan term on line 12; in {@link #TREE} node ids 0 to 4 are on lines 6
 * to 10.
 */
class ModelFilesTests {

	/** A one-tree ensemble whose five nodes (lines 6 to 10) are filled in per test. */
	private static final String TREE = Fixtures.json("""
			{
			  'format': 'ratchet-model/1', 'name': 'churn-gbt', 'version': '1', 'dataset': 'churn', 'task': 'binary',
			  'kind': 'tree-ensemble', 'link': 'logistic', 'base': -1.0,
			  'trees': [
			    {'nodes': [
			      %s,
			      %s,
			      %s,
			      %s,
			      %s
			    ]}
			  ]
			}
			""");

	private static final String[] GOOD_NODES = {
			"{'id': 0, 'feature': 'tenure_months', 'threshold': 12.5, 'yes': 1, 'no': 2, 'missing': 'yes'}",
			"{'id': 1, 'feature': 'plan', 'levels': ['basic', 'pro'], 'yes': 3, 'no': 4, 'missing': 'no'}",
			"{'id': 2, 'leaf': 0.4}", "{'id': 3, 'leaf': -0.1}", "{'id': 4, 'leaf': 0.2}" };

	@TempDir
	Path dir;

	@Test
	void loadsLinearModelWithIdentityHashAndTraining() throws Exception {
		// given
		Path file = Fixtures.write(this.dir, "churn-logit-v1.json", Fixtures.churnLogit("1"));
		String expectedSha = HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
		// when
		ModelVersion version = ModelFiles.load(file);
		// then
		assertThat(version.key()).isEqualTo("churn-logit@1");
		assertThat(version.name()).isEqualTo("churn-logit");
		assertThat(version.dataset()).isEqualTo("churn");
		assertThat(version.task()).isEqualTo(Task.BINARY);
		assertThat(version.kind()).isEqualTo("linear");
		assertThat(version.file()).isEqualTo(file);
		assertThat(version.sha256()).isEqualTo(expectedSha).hasSize(64).isLowerCase();
		assertThat(version.features()).containsExactly("tenure_months", "plan");
		LinearModel model = (LinearModel) version.definition();
		assertThat(model.link()).isEqualTo(Link.LOGISTIC);
		assertThat(model.intercept()).isEqualTo(-1.2);
		assertThat(model.terms()).containsExactly(new LinearModel.NumericTerm("tenure_months", 12, 12, 5, -0.8),
				new LinearModel.CategoricalTerm("plan", Map.of("basic", 0.3, "pro", -0.2), 0.05));
		assertThat(model.training()).containsEntry("rows", 1200).containsEntry("window", List.of("2023-01", "2023-12"));
		assertThat(model.featureTypes()).containsEntry("plan", FeatureType.CATEGORICAL);
	}

	@Test
	void sha256ChangesWithAnyByteAndMatchesTheStandardDigest() {
		// given
		Path one = Fixtures.write(this.dir, "a.json", Fixtures.churnLogit("1"));
		Path other = Fixtures.write(this.dir, "b.json", Fixtures.churnLogit("1") + " ");
		// when
		String first = ModelFiles.load(one).sha256();
		String second = ModelFiles.load(other).sha256();
		// then
		assertThat(first).isNotEqualTo(second);
		assertThat(ModelFiles.sha256("abc".getBytes()))
			.isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	}

	@Test
	void loadsTreeEnsemble() {
		// given
		Path file = Fixtures.write(this.dir, "churn-gbt-v1.json", Fixtures.churnGbt("1"));
		// when
		ModelVersion version = ModelFiles.load(file);
		// then
		TreeEnsemble ensemble = (TreeEnsemble) version.definition();
		assertThat(version.kind()).isEqualTo("tree-ensemble");
		assertThat(ensemble.base()).isEqualTo(-1.0);
		assertThat(ensemble.trees()).hasSize(1);
		assertThat(ensemble.trees().get(0).nodes()).startsWith(
				new TreeEnsemble.NumericSplit(0, "tenure_months", 12.5, 1, 2, TreeEnsemble.Branch.YES),
				new TreeEnsemble.CategoricalSplit(1, "plan", List.of("basic", "pro"), 3, 4, TreeEnsemble.Branch.NO),
				new TreeEnsemble.Leaf(2, 0.4));
		assertThat(version.features()).containsExactly("tenure_months", "plan");
	}

	@Test
	void writtenFilesReadBackToTheSameDefinition() {
		// given
		ModelVersion linear = ModelFiles.load(Fixtures.write(this.dir, "l.json", Fixtures.churnLogit("1")));
		ModelVersion trees = ModelFiles.load(Fixtures.write(this.dir, "t.json", Fixtures.churnGbt("1")));
		// when
		String linearText = ModelFiles.toJson("churn-logit", "7", "churn", Task.BINARY, linear.definition());
		String treesText = ModelFiles.toJson("churn-gbt", "7", "churn", Task.BINARY, trees.definition());
		ModelVersion linearAgain = ModelFiles.load(Fixtures.write(this.dir, "l2.json", linearText));
		ModelVersion treesAgain = ModelFiles.load(Fixtures.write(this.dir, "t2.json", treesText));
		// then
		assertThat(linearAgain.definition()).isEqualTo(linear.definition());
		assertThat(treesAgain.definition()).isEqualTo(trees.definition());
		assertThat(linearAgain.key()).isEqualTo("churn-logit@7");
		assertThat(linearText).contains("\"format\" : \"ratchet-model/1\"").endsWith("}\n");
	}

	@Test
	void syntaxError() {
		// given: line 3 lacks its comma
		String text = "{\n  \"format\": \"ratchet-model/1\",\n  \"name\": \"x\"\n  \"version\": \"1\"\n}\n";
		// when
		ModelFileException ex = loadError(text);
		// then
		assertThat(ex.line()).isEqualTo(4);
		assertThat(ex).hasMessageStartingWith(this.dir.resolve("bad.json") + " line 4: syntax error: ");
	}

	@Test
	void emptyFile() {
		assertThat(loadError("  \n")).hasMessageEndingWith("bad.json: the file is empty");
	}

	@Test
	void unknownField() {
		// given
		String text = Fixtures.churnLogit("1").replace("\"weight\"", "\"wieght\"");
		// when
		ModelFileException ex = loadError(text);
		// then
		assertThat(ex)
			.hasMessageStartingWith(this.dir.resolve("bad.json") + " line 11: unknown field \"wieght\" in terms[0]");
		assertThat(ex.getMessage()).contains("known: ").contains("weight");
	}

	@Test
	void unknownTopLevelField() {
		String text = Fixtures.churnLogit("1").replace("\"intercept\"", "\"intercpt\"");
		assertThat(loadError(text)).hasMessageContaining("bad.json line 9: unknown field \"intercpt\" in (top level)");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					string for a number     | "scale": 5.0           | "scale": "5.0"         | 11 | wrong type for terms[0].scale: expected a number, found a string
					number for a string     | "version": "1"         | "version": 1           | 4  | wrong type for version: expected a string, found an integer
					object for an array     | "terms": [             | "terms": {"a": 1}, "x": [ | 10 | wrong type for terms: expected an array, found an object
					string for a level weight | "basic": 0.3         | "basic": "0.3"         | 12 | wrong type for terms[1].weights.basic: expected a number, found a string
					fraction for an id      | "intercept": -1.2      | "intercept": true      | 9  | wrong type for intercept: expected a number, found a boolean
					""")
	void wrongType(String title, String from, String to, int line, String reason) {
		// given
		String text = Fixtures.churnLogit("1").replace(from, to);
		// when
		ModelFileException ex = loadError(text);
		// then
		assertThat(ex.line()).isEqualTo(line);
		assertThat(ex.reason()).isEqualTo(reason);
	}

	@Test
	void fractionForANodeId() {
		String text = TREE.formatted(GOOD_NODES[0], GOOD_NODES[1], GOOD_NODES[2].replace("2,", "2.5,"), GOOD_NODES[3],
				GOOD_NODES[4]);
		assertThat(loadError(text))
			.hasMessageContaining("line 8: wrong type for trees[0].nodes[2].id: expected an integer");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					numeric term field    | "impute": 12.0,            | ''                         | 11 | missing required field "impute" in terms[0]
					categorical weights   | "weights": {"basic": 0.3, "pro": -0.2}, | ''        | 12 | missing required field "weights" in terms[1]
					top-level dataset     | "dataset": "churn",        | ''                         | 1  | missing required field "dataset" in (top level)
					top-level intercept   | "intercept": -1.2,         | ''                         | 1  | missing required field "intercept" in (top level)
					term type             | "type": "numeric",         | ''                         | 11 | missing required field "type" in terms[0]
					""")
	void missingRequiredField(String title, String from, String to, int line, String reason) {
		// given
		String text = Fixtures.churnLogit("1").replace(from, to);
		// when
		ModelFileException ex = loadError(text);
		// then
		assertThat(ex.line()).isEqualTo(line);
		assertThat(ex.reason()).isEqualTo(reason);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					format     | "ratchet-model/1"  | "ratchet-model/2" | 2  | format: unsupported format "ratchet-model/2" (expected "ratchet-model/1")
					task       | "binary"           | "classification"  | 6  | task: unknown task "classification" (expected binary, regression or multiclass)
					kind       | "linear"           | "linaer"          | 7  | kind: unknown kind "linaer" (expected linear, tree-ensemble, onnx, logged or multinomial)
					link       | "logistic"         | "logit"           | 8  | link: unknown link "logit" (expected identity, logistic or softmax)
					task case  | "binary"           | "Binary"          | 6  | task: unknown task "Binary" (expected binary, regression or multiclass)
					term type  | "numeric"          | "number"          | 11 | terms[0].type: unknown term type "number" (expected numeric or categorical)
					task link  | "logistic"         | "identity"        | 8  | link: a binary model needs link logistic, not identity
					name       | "churn-logit"      | "churn logit"     | 3  | name: "churn logit" is not valid here (letters, digits, '.', '_' and '-', starting with a letter or digit)
					version    | "version": "1"     | "version": "1@2"  | 4  | version: "1@2" is not valid here (letters, digits, '.', '_' and '-', starting with a letter or digit)
					""")
	void unknownWordsAndFormat(String title, String from, String to, int line, String reason) {
		// given
		String text = Fixtures.churnLogit("1").replace(from, to);
		// when
		ModelFileException ex = loadError(text);
		// then
		assertThat(ex.line()).isEqualTo(line);
		assertThat(ex.reason()).isEqualTo(reason);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					scale 0            | "scale": 5.0       | "scale": 0        | 11 | terms[0].scale: must not be 0 (it divides x - center)
					scale -0           | "scale": 5.0       | "scale": -0.0     | 11 | terms[0].scale: must not be 0 (it divides x - center)
					overflowing weight | "weight": -0.8     | "weight": -1e999  | 11 | terms[0].weight: must be a finite number, not -Infinity
					NaN as text        | "center": 12.0     | "center": "NaN"   | 11 | terms[0].center: must be a finite number, not NaN
					infinite intercept | "intercept": -1.2  | "intercept": 1e400 | 9 | intercept: must be a finite number, not Infinity
					level weight       | "pro": -0.2        | "pro": 1e309      | 12 | terms[1].weights.pro: the weight of level "pro" must be a finite number, not Infinity
					explicit null      | "impute": 12.0     | "impute": null    | 11 | terms[0].impute: null is not allowed (give a value, or leave out a field that does not apply)
					foreign field      | "unknown": 0.05    | "unknown": 0.05, "scale": 2 | 12 | terms[1].scale: field "scale" does not belong in a categorical term
					tree field         | "intercept": -1.2, | "intercept": -1.2, "base": 0, | 9 | base: field "base" does not belong in a linear model
					two terms one feature | "feature": "plan" | "feature": "tenure_months" | 12 | terms[1].feature: feature "tenure_months" already has a term (terms[0]); a feature takes one term
					empty level        | "basic": 0.3       | "": 0.3           | 12 | terms[1].weights.: a level must not be empty (an empty cell is a missing value)
					""")
	void badNumbersAndFields(String title, String from, String to, int line, String reason) {
		// given
		String text = Fixtures.churnLogit("1").replace(from, to);
		// when
		ModelFileException ex = loadError(text);
		// then
		assertThat(ex.line()).isEqualTo(line);
		assertThat(ex.reason()).isEqualTo(reason);
		assertThat(ex).hasMessage(this.dir.resolve("bad.json") + " line " + line + ": " + reason);
	}

	@Test
	void duplicateKey() {
		String text = Fixtures.churnLogit("1").replace("\"weight\": -0.8", "\"weight\": -0.8, \"weight\": 1");
		assertThat(loadError(text)).hasMessageContaining("line 11: syntax error: Duplicate Object property \"weight\"");
	}

	@Test
	void goodTreeLoads() {
		assertThat(ModelFiles
			.load(Fixtures.write(this.dir, "t.json", Fixtures.json(TREE.formatted((Object[]) GOOD_NODES))))
			.key()).isEqualTo("churn-gbt@1");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					missing child        | 1 | {'id': 1, 'feature': 'plan', 'levels': ['basic'], 'yes': 3, 'no': 7, 'missing': 'no'}  | 7  | trees[0].nodes[1].no: node 1: "no" refers to node 7, which does not exist
					cycle to root        | 3 | {'id': 3, 'feature': 'plan', 'levels': ['basic'], 'yes': 0, 'no': 4, 'missing': 'no'}  | 9  | trees[0].nodes[3].yes: node 3: "yes" goes back to the root node 0 (a cycle)
					cycle below root     | 4 | {'id': 4, 'feature': 'plan', 'levels': ['basic'], 'yes': 1, 'no': 3, 'missing': 'no'}  | 10 | trees[0].nodes[4].yes: node 1 is reached from node 0 and from node 4 (a tree node has one parent; this is a cycle or a shared branch)
					unreachable node     | 1 | {'id': 1, 'feature': 'plan', 'levels': ['basic'], 'yes': 3, 'no': 3, 'missing': 'no'}  | 7  | trees[0].nodes[1].no: node 3 is reached from node 1 and from node 1 (a tree node has one parent; this is a cycle or a shared branch)
					orphan               | 4 | {'id': 5, 'leaf': 0.2}                                                                  | 7  | trees[0].nodes[1].no: node 1: "no" refers to node 4, which does not exist
					leaf and split       | 2 | {'id': 2, 'leaf': 0.4, 'feature': 'plan'}                                               | 8  | trees[0].nodes[2].feature: field "feature" does not belong in a leaf node (it has "leaf")
					neither              | 2 | {'id': 2}                                                                               | 8  | trees[0].nodes[2]: node 2 is neither a leaf ("leaf") nor a split ("feature")
					no threshold         | 0 | {'id': 0, 'feature': 'tenure_months', 'yes': 1, 'no': 2, 'missing': 'yes'}              | 6  | trees[0].nodes[0]: split node 0 needs "threshold" (numeric split) or "levels" (categorical split)
					no levels            | 1 | {'id': 1, 'feature': 'plan', 'levels': [], 'yes': 3, 'no': 4, 'missing': 'no'}         | 7  | trees[0].nodes[1].levels: must list at least one level
					both kinds           | 1 | {'id': 1, 'feature': 'plan', 'threshold': 1, 'levels': ['a'], 'yes': 3, 'no': 4, 'missing': 'no'} | 7 | trees[0].nodes[1].levels: node 1 has both "threshold" (numeric split) and "levels" (categorical split)
					bad missing          | 0 | {'id': 0, 'feature': 'tenure_months', 'threshold': 1, 'yes': 1, 'no': 2, 'missing': 'left'} | 6 | trees[0].nodes[0].missing: "missing" must be yes or no, not "left"
					no missing           | 0 | {'id': 0, 'feature': 'tenure_months', 'threshold': 1, 'yes': 1, 'no': 2}                 | 6  | missing required field "missing" in trees[0].nodes[0]
					duplicate id         | 4 | {'id': 3, 'leaf': 0.2}                                                                  | 10 | trees[0].nodes[4].id: node id 3 is used twice (also nodes[3])
					no root              | 0 | {'id': 9, 'feature': 'tenure_months', 'threshold': 1, 'yes': 1, 'no': 2, 'missing': 'no'} | 5 | trees[0].nodes: no node has id 0 (the root)
					infinite threshold   | 0 | {'id': 0, 'feature': 'tenure_months', 'threshold': -1e999, 'yes': 1, 'no': 2, 'missing': 'no'} | 6 | trees[0].nodes[0].threshold: must be a finite number, not -Infinity
					non-finite leaf      | 4 | {'id': 4, 'leaf': 1e999}                                                                | 10 | trees[0].nodes[4].leaf: must be a finite number, not Infinity
					repeated level       | 1 | {'id': 1, 'feature': 'plan', 'levels': ['a', 'a'], 'yes': 3, 'no': 4, 'missing': 'no'} | 7  | trees[0].nodes[1].levels[1]: level "a" is listed twice
					feature both ways    | 1 | {'id': 1, 'feature': 'tenure_months', 'levels': ['a'], 'yes': 3, 'no': 4, 'missing': 'no'} | 7 | trees[0].nodes[1].feature: feature "tenure_months" is split on as categorical here but as numeric elsewhere
					""")
	void badTreeStructure(String title, int node, String replacement, int line, String reason) {
		// given
		String[] nodes = GOOD_NODES.clone();
		nodes[node] = replacement;
		String text = TREE.formatted((Object[]) nodes);
		// when
		ModelFileException ex = loadError(text);
		// then
		assertThat(ex.reason()).isEqualTo(reason);
		assertThat(ex.line()).isEqualTo(line);
	}

	@Test
	void loopBackIntoTheTreeIsReported() {
		// given: node 4 is no longer a child of node 1 (which now ends in two leaves 3
		// and 5), and 4 points at itself
		String text = TREE.formatted(GOOD_NODES[0],
				"{'id': 1, 'feature': 'plan', 'levels': ['basic'], 'yes': 3, 'no': 5, 'missing': 'no'}", GOOD_NODES[2],
				"{'id': 5, 'leaf': 0.1}, {'id': 3, 'leaf': -0.1}",
				"{'id': 4, 'feature': 'plan', 'levels': ['basic'], 'yes': 4, 'no': 3, 'missing': 'no'}");
		// when
		ModelFileException ex = loadError(Fixtures.json(text));
		// then
		assertThat(ex.reason()).startsWith("trees[0].nodes[5].no: node 3 is reached from node 1 and from node 4");
	}

	@Test
	void selfLoopAloneIsReportedAsUnreachable() {
		// given: node 4 points only at itself; nobody points at it
		String text = TREE.formatted(GOOD_NODES[0],
				"{'id': 1, 'feature': 'plan', 'levels': ['basic'], 'yes': 3, 'no': 5, 'missing': 'no'}", GOOD_NODES[2],
				"{'id': 5, 'leaf': 0.1}, {'id': 3, 'leaf': -0.1}",
				"{'id': 4, 'feature': 'plan', 'levels': ['basic'], 'yes': 4, 'no': 6, 'missing': 'no'}, {'id': 6, 'leaf': 1}");
		// when
		ModelFileException ex = loadError(Fixtures.json(text));
		// then
		assertThat(ex.reason())
			.isEqualTo("trees[0].nodes[5]: node 4 is not reachable from the root node 0 (orphan or part of a cycle)");
		assertThat(ex.line()).isEqualTo(10);
	}

	@Test
	void wrongTopLevelValue() {
		assertThat(loadError("[1, 2]").reason()).isEqualTo("the file must hold an object, not an array");
	}

	@Test
	void unreadableFile() {
		assertThatThrownBy(() -> ModelFiles.load(this.dir.resolve("absent.json")))
			.isInstanceOf(ModelFileException.class)
			.hasMessageContaining("absent.json: cannot read the file");
	}

	@Test
	void constructorsRejectBadValuesToo() {
		assertThatThrownBy(() -> new LinearModel.NumericTerm("x", 0, 0, 0, 1))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessage("scale: must not be 0 (it divides x - center)");
		assertThatThrownBy(() -> new TreeEnsemble.Tree(List.of(new TreeEnsemble.Leaf(1, 0))))
			.hasMessage("nodes: no node has id 0 (the root)");
	}

	private ModelFileException loadError(String text) {
		Path file = Fixtures.write(this.dir, "bad.json", Fixtures.json(text));
		ModelFileException ex = catchThrowableOfType(ModelFileException.class, () -> ModelFiles.load(file));
		assertThat(ex).as("an error for:%n%s", text).isNotNull();
		assertThat(ex.file()).isEqualTo(file);
		assertThat(ex.getMessage()).startsWith(file.toString());
		return ex;
	}

}
