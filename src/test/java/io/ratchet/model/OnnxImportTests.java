package io.ratchet.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.ratchet.data.DatasetConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Importing ONNX files: the mapping inferred or given, the files written (ONNX copy,
 * model file, regression cases), and bad input refused with the file and the cause,
 * leaving the models folder as it was.
 */
class OnnxImportTests {

	@TempDir
	Path dir;

	private Path models() {
		return this.dir.resolve("config/models");
	}

	private Path source(OnnxGraphs graph, String name) {
		return graph.write(this.dir.resolve("export").resolve(name));
	}

	private static OnnxImport.Request request(Path file, List<String> inputs, Map<String, List<String>> codes,
			String output) {
		return new OnnxImport.Request(file, "m", "1", inputs, codes, output);
	}

	@Test
	void oneHotColumnsGivenInOrderAndTheProbabilityColumnInferred() throws IOException {
		// given: a converted classifier (outputs label and probabilities [N, 2]) over
		// tenure and one-hot plan
		Path file = source(OnnxFixtures.churnGraph(), "churn.onnx");

		// when
		OnnxImport.Imported imported = OnnxImport.importModel(new OnnxImport.Request(file, null, "2",
				List.of("tenure_months", "plan=basic", "plan=pro"), Map.of(), null), Fixtures.churn(), models());

		// then: the model is named after the file; the three files are beside each other
		assertThat(imported.version().key()).isEqualTo("churn@2");
		assertThat(imported.modelFile()).isEqualTo(models().resolve("churn-v2.json"));
		assertThat(imported.onnxFile()).hasSameBinaryContentAs(file);
		assertThat(imported.casesFile()).isEqualTo(models().resolve("churn-v2.cases.csv")).exists();
		ModelVersion loaded = ModelCatalogue.scan(models()).get("churn@2");
		OnnxModel model = (OnnxModel) loaded.definition();
		assertThat(model.inputs()).isEqualTo(OnnxFixtures.churnInputs());
		assertThat(model.output()).isEqualTo(new OnnxModel.Output("probabilities", 1));
		assertThat(model.file()).isEqualTo("churn-v2.onnx");
		assertThat(model.sha256()).isEqualTo(ModelFiles.sha256(Files.readAllBytes(file)));
		assertThat(model.training()).containsEntry("imported_from", "churn.onnx")
			.containsEntry("onnx_producer", "ratchet-tests");
		assertThat(ModelCases.verify(loaded, Fixtures.churn()).passed()).isTrue();
		assertThat(leftovers()).isEmpty();
	}

	@Test
	void inputsNamedAfterTheDatasetsColumnsAreMappedByName() {
		// given: inputs "plan" (string [N, 1]) and "tenure_months" (float [N]), in that
		// order
		OnnxGraphs graph = OnnxGraphs.graph()
			.input("plan", OnnxGraphs.STRING, "N", 1)
			.input("tenure_months", OnnxGraphs.FLOAT, "N")
			.node("ai.onnx.ml", "LabelEncoder", List.of("plan"), List.of("pw"),
					OnnxGraphs.stringsAttribute("keys_strings", "basic"),
					OnnxGraphs.floatsAttribute("values_floats", 1f), OnnxGraphs.floatAttribute("default_float", 0f))
			.node("Unsqueeze", List.of("tenure_months", "axis"), List.of("t"))
			.int64s("axis", new long[] { 1 }, 1)
			.node("Add", List.of("pw", "t"), List.of("z"))
			.node("Sigmoid", List.of("z"), List.of("p"))
			.output("p", OnnxGraphs.FLOAT, "N", 1);

		// when
		OnnxImport.Imported imported = OnnxImport
			.importModel(request(source(graph, "named.onnx"), null, Map.of(), null), Fixtures.churn(), models());

		// then
		OnnxModel model = (OnnxModel) imported.version().definition();
		assertThat(model.inputs()).containsExactly(
				new OnnxModel.Input("plan", OnnxModel.ElementType.STRING, List.of(new OnnxModel.Value("plan"))),
				new OnnxModel.Input("tenure_months", OnnxModel.ElementType.FLOAT,
						List.of(new OnnxModel.Value("tenure_months"))));
		assertThat(model.output()).isEqualTo(new OnnxModel.Output("p", 0));
		try (Scorer scorer = imported.version().bind(Fixtures.churn())) {
			assertThat(scorer.score(Fixtures.row(0, "basic"))).isBetween(0.7310585, 0.7310586);
		}
	}

	@Test
	void oneInputWithAsManyColumnsAsTheDatasetHasFeaturesTakesThemInOrderWithCodesForCategories() {
		// given: rides (temp, season) and a regression graph over float [N, 2] returning
		// its second column
		OnnxGraphs graph = secondColumn();

		// when
		OnnxImport.Imported imported = OnnxImport.importModel(
				request(source(graph, "rides.onnx"), null,
						Map.of("season", List.of("autumn", "spring", "summer", "winter")), null),
				Fixtures.rides(), models());

		// then
		OnnxModel model = (OnnxModel) imported.version().definition();
		assertThat(model.inputs().get(0).columns()).containsExactly(new OnnxModel.Value("temp"),
				new OnnxModel.Code("season", List.of("autumn", "spring", "summer", "winter")));
		try (Scorer scorer = imported.version().bind(Fixtures.rides())) {
			assertThat(scorer.score(Fixtures.row(0.3, "summer"))).isEqualTo(2.0);
			assertThatThrownBy(() -> scorer.score(Fixtures.row(0.3, "monsoon"))).hasMessageContaining("gave NaN");
		}
		// the regression cases record the NaN an unseen season gives
		assertThat(ModelCases.make(imported.version(), Fixtures.rides()))
			.filteredOn((item) -> item.name().equals("season unseen level"))
			.extracting(ModelCase::expected)
			.containsExactly(Double.NaN);
		assertThat(ModelCases.verify(imported.version(), Fixtures.rides()).passed()).isTrue();
	}

	@Test
	void aCategoryGivenAsACodeNeedsItsLevels() {
		assertRefused(request(source(secondColumn(), "rides.onnx"), null, Map.of(), null), Fixtures.rides(),
				"rides.onnx", "categorical feature \"season\" goes into float input \"input\" as a category code: give"
						+ " its levels in code order with --codes 'season=level0,level1,...'");
	}

	@Test
	void aMappingThatCannotBeInferredAsksForInputs() {
		// given: three columns, but churn has two features and the input is not named
		// after one
		assertRefused(request(source(OnnxFixtures.churnGraph(), "churn.onnx"), null, Map.of(), null), Fixtures.churn(),
				"churn.onnx",
				"cannot tell which dataset columns go into the graph's inputs (input"
						+ " float [?, 3]; dataset \"churn\" has 2 features): give the columns of the input in order"
						+ " with --inputs col1,col2,...");
	}

	@Test
	void inputsThatDoNotMapAreRefused() {
		Path file = source(OnnxFixtures.churnGraph(), "churn.onnx");
		DatasetConfig churn = Fixtures.churn();
		assertRefused(request(file, List.of("tenure_months", "plan=basic"), Map.of(), null), churn, "churn.onnx",
				"input \"input\" of the graph takes 3 columns but --inputs gives 2");
		assertRefused(request(file, List.of("tenure", "plan=basic", "plan=pro"), Map.of(), null), churn, "churn.onnx",
				"\"tenure\" is not a feature of dataset \"churn\" (its features: tenure_months, plan)");
		assertRefused(request(file, List.of("tenure_months=1", "plan=basic", "plan=pro"), Map.of(), null), churn,
				"churn.onnx", "\"tenure_months\" is a numeric feature of dataset \"churn\"; feature=level is a one-hot"
						+ " column of a categorical one");
		assertRefused(
				request(file, List.of("tenure_months", "plan=basic", "plan=pro"), Map.of("region", List.of("n", "s")),
						null),
				churn, "churn.onnx",
				"--codes names region, which no column of the graph's inputs takes as a category code");
	}

	@Test
	void theOutputMustBeNamedWhenItCannotBeTold() {
		// given: two float outputs
		OnnxGraphs graph = OnnxGraphs.graph()
			.input("input", OnnxGraphs.FLOAT, "N", 2)
			.node("Sigmoid", List.of("input"), List.of("p"))
			.node("Identity", List.of("input"), List.of("q"))
			.output("p", OnnxGraphs.FLOAT, "N", 2)
			.output("q", OnnxGraphs.FLOAT, "N", 2);
		Path file = source(graph, "two.onnx");
		List<String> inputs = List.of("tenure_months", "plan=pro");

		// when / then
		assertRefused(request(file, inputs, Map.of(), null), Fixtures.churn(), "two.onnx",
				"cannot tell which output is the score: the graph has 2 float or double tensor outputs (its outputs:"
						+ " p float [?, 2], q float [?, 2]); name it with --output name[:column]");
		assertRefused(request(file, inputs, Map.of(), "p:2"), Fixtures.churn(), "two.onnx",
				"output \"p\" has no column 2");
		assertRefused(request(file, inputs, Map.of(), "r"), Fixtures.churn(), "two.onnx",
				"--output r: the graph has no output \"r\"");
		OnnxImport.Imported imported = OnnxImport.importModel(request(file, inputs, Map.of(), "p:0"), Fixtures.churn(),
				models());
		assertThat(((OnnxModel) imported.version().definition()).output()).isEqualTo(new OnnxModel.Output("p", 0));
	}

	@Test
	void aTruncatedOrCorruptFileIsRefused() throws IOException {
		// given
		byte[] bytes = OnnxFixtures.churnGraph().bytes();
		Path truncated = Files.write(this.dir.resolve("truncated.onnx"), Arrays.copyOf(bytes, bytes.length / 2));
		Path text = Files.writeString(this.dir.resolve("text.onnx"), "{\"not\": \"onnx\"}");
		Path empty = Files.write(this.dir.resolve("empty.onnx"), new byte[0]);
		List<String> inputs = List.of("tenure_months", "plan=basic", "plan=pro");

		// when / then
		for (Path file : List.of(truncated, text, empty)) {
			assertRefused(request(file, inputs, Map.of(), null), Fixtures.churn(), file.getFileName().toString(),
					"not a model ONNX Runtime can load (truncated, corrupt, or an operator this version does not"
							+ " know)");
		}
		assertRefused(request(this.dir.resolve("absent.onnx"), inputs, Map.of(), null), Fixtures.churn(), "absent.onnx",
				"cannot read the ONNX file");
	}

	@Test
	void aBinaryModelWhoseOutputIsNotAProbabilityIsRefused() {
		// given: the margin (z = x) as the output of a binary model: the regression cases
		// find 1e300
		OnnxGraphs graph = OnnxGraphs.graph()
			.input("input", OnnxGraphs.FLOAT, "N", 1)
			.node("Identity", List.of("input"), List.of("z"))
			.output("z", OnnxGraphs.FLOAT, "N", 1);

		// then
		assertRefused(request(source(graph, "margin.onnx"), List.of("tenure_months"), Map.of(), null), Fixtures.churn(),
				"margin.onnx", "the score of a binary model must be a probability in [0, 1] (is"
						+ " this output the positive class's probability?)");
	}

	@Test
	void aRegressionGraphThatOverflowsFloat32OnTheExtremeCasesImportsRecordingInfinity() {
		// given: y = x on a float input: 1e300 is infinite in float32
		OnnxGraphs graph = OnnxGraphs.graph()
			.input("input", OnnxGraphs.FLOAT, "N", 1)
			.node("Identity", List.of("input"), List.of("variable"))
			.output("variable", OnnxGraphs.FLOAT, "N", 1);

		// when
		OnnxImport.Imported imported = OnnxImport.importModel(
				request(source(graph, "identity.onnx"), List.of("temp"), Map.of(), null), Fixtures.rides(), models());

		// then: the cases record it; a job cannot score such a row
		assertThat(ModelCases.make(imported.version(), Fixtures.rides()))
			.filteredOn((item) -> item.name().equals("temp = 1.0E300"))
			.extracting(ModelCase::expected)
			.containsExactly(Double.POSITIVE_INFINITY);
		assertThat(ModelCases.verify(imported.version(), Fixtures.rides()).passed()).isTrue();
		try (Scorer scorer = imported.version().bind(Fixtures.rides())) {
			assertThat(scorer.score(Fixtures.row(12.5, "summer"))).isEqualTo(12.5);
			assertThatThrownBy(() -> scorer.score(Fixtures.row(1e300, "summer")))
				.hasMessageContaining("gave Infinity (output \"variable\", column 0) for the row on line 2: a"
						+ " prediction must be finite");
		}
	}

	@Test
	void anExistingVersionIsNeverOverwritten() throws IOException {
		// given
		Path file = source(OnnxFixtures.churnGraph(), "churn.onnx");
		List<String> inputs = List.of("tenure_months", "plan=basic", "plan=pro");
		OnnxImport.importModel(request(file, inputs, Map.of(), null), Fixtures.churn(), models());
		byte[] before = Files.readAllBytes(models().resolve("m-v1.json"));

		// when / then
		assertThatThrownBy(
				() -> OnnxImport.importModel(request(file, inputs, Map.of(), null), Fixtures.churn(), models()))
			.isInstanceOf(ModelFileException.class)
			.hasMessageContaining("m-v1.json: already exists; give the model a new --version");
		assertThat(models().resolve("m-v1.json")).hasBinaryContent(before);
	}

	@Test
	void anOnnxFileChangedAfterImportIsRefusedNamingIt() throws IOException {
		// given: an import, then another graph written over its ONNX copy
		Path file = source(OnnxFixtures.churnGraph(), "churn.onnx");
		OnnxImport.Imported imported = OnnxImport.importModel(
				request(file, List.of("tenure_months", "plan=basic", "plan=pro"), Map.of(), null), Fixtures.churn(),
				models());
		OnnxGraphs.logistic(new float[] { 1, 1, 1 }, 0, new float[3]).write(imported.onnxFile());
		ModelVersion version = ModelCatalogue.scan(models()).get("m@1");

		// when / then
		assertThatThrownBy(() -> version.bind(Fixtures.churn())).isInstanceOf(ModelFileException.class)
			.hasMessageStartingWith(imported.onnxFile() + ": the ONNX file changed after import: its SHA-256 is ")
			.hasMessageContaining(
					" but " + imported.modelFile() + " pins " + ((OnnxModel) version.definition()).sha256());
		assertThatThrownBy(() -> ModelCases.verify(version, Fixtures.churn())).isInstanceOf(ModelFileException.class)
			.hasMessageContaining("the ONNX file changed after import");
	}

	@Test
	void aModelFileNamingAFeatureTheDatasetLacksIsRefusedAtBinding() {
		// given: imported against churn, bound to a dataset without plan
		OnnxImport.Imported imported = OnnxImport.importModel(
				request(source(OnnxFixtures.churnGraph(), "churn.onnx"),
						List.of("tenure_months", "plan=basic", "plan=pro"), Map.of(), null),
				Fixtures.churn(), models());
		DatasetConfig without = Fixtures.dataset("churn", io.ratchet.data.Task.BINARY,
				new io.ratchet.data.Feature("tenure_months", io.ratchet.data.FeatureType.NUMERIC));

		// then
		assertThatThrownBy(() -> imported.version().bind(without)).isInstanceOf(ModelFileException.class)
			.hasMessage(imported.modelFile() + ": feature \"plan\" is not a feature of dataset \"churn\" (its"
					+ " features: tenure_months)");
	}

	/**
	 * Refused with a message naming the file and the cause; nothing appears under the
	 * models folder.
	 */
	private void assertRefused(OnnxImport.Request request, DatasetConfig dataset, String file, String cause) {
		assertThatThrownBy(() -> OnnxImport.importModel(request, dataset, models()))
			.isInstanceOf(ModelFileException.class)
			.hasMessageContaining(file + ": ")
			.hasMessageContaining(cause);
		assertThat(models().resolve("m-v1.json")).doesNotExist();
		assertThat(models().resolve("m-v1.onnx")).doesNotExist();
		assertThat(models().resolve("m-v1.cases.csv")).doesNotExist();
		assertThat(leftovers()).isEmpty();
	}

	/** Folders an import made aside and left behind. */
	private List<Path> leftovers() {
		Path config = this.dir.resolve("config");
		if (!Files.isDirectory(config)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(config)) {
			return files.filter((path) -> path.getFileName().toString().startsWith(".import-")).toList();
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	/** A regression graph over float [N, 2] giving its second column as [N, 1]. */
	private static OnnxGraphs secondColumn() {
		return OnnxGraphs.graph()
			.input("input", OnnxGraphs.FLOAT, "N", 2)
			.int64s("one", new long[] { 1 }, 1)
			.node("Gather", List.of("input", "one"), List.of("variable"), OnnxGraphs.intAttribute("axis", 1))
			.output("variable", OnnxGraphs.FLOAT, "N", 1);
	}

}
