package io.ratchet.model;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.Feature;
import io.ratchet.data.FeatureType;
import io.ratchet.data.Row;
import io.ratchet.data.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * ONNX models scored by ONNX Runtime: against the same model in Ratchet's linear format,
 * a block at a time and a row at a time, with inputs of every element type, several
 * inputs and category codes. Graphs are written by {@link OnnxGraphs}.
 */
class OnnxScorerTests {

	@TempDir
	Path dir;

	@Test
	void scoresAsTheSameLogisticModelInRatchetsFormatWithinFloat32() {
		// given
		ModelVersion onnx = OnnxFixtures.churn(this.dir, "1");
		ModelVersion linear = ModelFiles
			.load(Fixtures.write(this.dir, "churn-logit-v1.json", Fixtures.churnLogit("1")));
		List<Row> rows = churnRows(5000, 11);
		double[] scores = new double[rows.size()];

		// when
		try (Scorer scorer = onnx.bind(Fixtures.churn()); Scorer reference = linear.bind(Fixtures.churn())) {
			scorer.scoreBatch(rows, scores);

			// then: float32 arithmetic against double, on probabilities
			for (int i = 0; i < rows.size(); i++) {
				assertThat(scores[i]).as("row %d", i).isCloseTo(reference.score(rows.get(i)), within(1e-6));
			}
		}
		assertThat(onnx.kind()).isEqualTo("onnx");
		assertThat(onnx.features()).containsExactly("tenure_months", "plan");
	}

	@Test
	void aBlockGivesTheScoresOfOneRowAtATimeToTheBit() {
		// given
		ModelVersion onnx = OnnxFixtures.churn(this.dir, "1");
		List<Row> rows = churnRows(300, 5);
		double[] block = new double[rows.size()];

		// when
		try (Scorer scorer = onnx.bind(Fixtures.churn())) {
			scorer.scoreBatch(rows, block);

			// then
			for (int i = 0; i < rows.size(); i++) {
				assertThat(scorer.score(rows.get(i))).isEqualTo(block[i]);
			}
		}
	}

	@Test
	void missingNumbersAreNaNAndMissingOrUnseenLevelsAreAllZeroIndicators() {
		// given: 0.77 - 0.16 * 12 (NaN imputed by the graph) = -1.15, plus 0 for an
		// unseen or missing plan
		ModelVersion onnx = OnnxFixtures.churn(this.dir, "1");

		// when
		try (Scorer scorer = onnx.bind(Fixtures.churn())) {
			double missing = scorer.score(Fixtures.row(Double.NaN, null));
			double unseen = scorer.score(Fixtures.row(Double.NaN, "gold"));
			double pro = scorer.score(Fixtures.row(Double.NaN, "pro"));

			// then
			assertThat(missing).isCloseTo(1 / (1 + Math.exp(1.15)), within(1e-7));
			assertThat(unseen).isEqualTo(missing);
			assertThat(pro).isCloseTo(1 / (1 + Math.exp(1.4)), within(1e-7));
		}
	}

	@Test
	void stringInputsTakeTheLevelAndSeveralInputsAreFedByName() {
		// given: inputs "tenure_months" float [N, 1] and "plan" string [N, 1]; the graph
		// maps plan to a weight
		// (basic 0.3, pro -0.2, else 0.05) and adds 0.01 * tenure (NaN becomes 0)
		OnnxGraphs graph = OnnxGraphs.graph()
			.input("tenure_months", OnnxGraphs.FLOAT, "N", 1)
			.input("plan", OnnxGraphs.STRING, "N", 1)
			.floats("zero", new long[] { 1 }, 0f)
			.floats("w", new long[] { 1 }, 0.01f)
			.node("IsNaN", List.of("tenure_months"), List.of("nan"))
			.node("Where", List.of("nan", "zero", "tenure_months"), List.of("x"))
			.node("Mul", List.of("x", "w"), List.of("wx"))
			.node("ai.onnx.ml", "LabelEncoder", List.of("plan"), List.of("pw"),
					OnnxGraphs.stringsAttribute("keys_strings", "basic", "pro"),
					OnnxGraphs.floatsAttribute("values_floats", 0.3f, -0.2f),
					OnnxGraphs.floatAttribute("default_float", 0.05f))
			.node("Add", List.of("wx", "pw"), List.of("z"))
			.node("Sigmoid", List.of("z"), List.of("p"))
			.output("p", OnnxGraphs.FLOAT, "N", 1);
		List<OnnxModel.Input> inputs = List.of(
				new OnnxModel.Input("tenure_months", OnnxModel.ElementType.FLOAT,
						List.of(new OnnxModel.Value("tenure_months"))),
				new OnnxModel.Input("plan", OnnxModel.ElementType.STRING, List.of(new OnnxModel.Value("plan"))));
		ModelVersion onnx = ModelFiles.load(OnnxFixtures.write(this.dir, "churn-strings", "1", Fixtures.churn(), graph,
				inputs, new OnnxModel.Output("p", 0)));

		// when
		try (Scorer scorer = onnx.bind(Fixtures.churn())) {
			double basic = scorer.score(Fixtures.row(10, "basic"));
			double missing = scorer.score(Fixtures.row(Double.NaN, null));
			double unseen = scorer.score(Fixtures.row(0, "gold"));

			// then
			assertThat(basic).isCloseTo(1 / (1 + Math.exp(-0.4)), within(1e-7));
			assertThat(missing).isCloseTo(1 / (1 + Math.exp(-0.05)), within(1e-7));
			assertThat(unseen).isEqualTo(missing);
		}
		assertThat(onnx.definition().featureTypes()).containsEntry("plan", FeatureType.CATEGORICAL)
			.containsEntry("tenure_months", FeatureType.NUMERIC);
	}

	@Test
	void categoryCodesArePositionsInTheModelsListMinusOneWhenMissingOrUnseenInInt64() {
		// given: a regression graph that returns its int64 code input (as a double [N,
		// 1])
		OnnxGraphs graph = OnnxGraphs.graph()
			.input("code", OnnxGraphs.INT64, "N", 1)
			.node("Cast", List.of("code"), List.of("value"), OnnxGraphs.intAttribute("to", OnnxGraphs.DOUBLE))
			.output("value", OnnxGraphs.DOUBLE, "N", 1);
		List<OnnxModel.Input> inputs = List.of(new OnnxModel.Input("code", OnnxModel.ElementType.INT64,
				List.of(new OnnxModel.Code("season", List.of("winter", "spring", "summer", "autumn")))));
		ModelVersion onnx = ModelFiles.load(OnnxFixtures.write(this.dir, "rides-codes", "1", Fixtures.rides(), graph,
				inputs, new OnnxModel.Output("value", 0)));
		List<Row> rows = List.of(Fixtures.row(1, "summer"), Fixtures.row(1, "winter"), Fixtures.row(1, null),
				Fixtures.row(1, "monsoon"));
		double[] scores = new double[4];

		// when
		try (Scorer scorer = onnx.bind(Fixtures.rides())) {
			scorer.scoreBatch(rows, scores);
		}

		// then
		assertThat(scores).containsExactly(2, 0, -1, -1);
	}

	@Test
	void floatInputsRoundToFloat32AndDoubleInputsDoNot() {
		// given: two regression graphs returning their input (float, then double), as a
		// double
		OnnxGraphs floats = OnnxGraphs.graph()
			.input("x", OnnxGraphs.FLOAT, "N")
			.node("Cast", List.of("x"), List.of("y"), OnnxGraphs.intAttribute("to", OnnxGraphs.DOUBLE))
			.output("y", OnnxGraphs.DOUBLE, "N");
		OnnxGraphs doubles = OnnxGraphs.graph()
			.input("x", OnnxGraphs.DOUBLE, "N")
			.node("Identity", List.of("x"), List.of("y"))
			.output("y", OnnxGraphs.DOUBLE, "N");
		ModelVersion asFloat = ModelFiles.load(OnnxFixtures.write(this.dir, "f", "1", Fixtures.rides(), floats,
				List.of(new OnnxModel.Input("x", OnnxModel.ElementType.FLOAT, List.of(new OnnxModel.Value("temp")))),
				new OnnxModel.Output("y", 0)));
		ModelVersion asDouble = ModelFiles.load(OnnxFixtures.write(this.dir, "d", "1", Fixtures.rides(), doubles,
				List.of(new OnnxModel.Input("x", OnnxModel.ElementType.DOUBLE, List.of(new OnnxModel.Value("temp")))),
				new OnnxModel.Output("y", 0)));

		// when
		try (Scorer f = asFloat.bind(Fixtures.rides()); Scorer d = asDouble.bind(Fixtures.rides())) {
			// then: 0.1 as float32 is 0.100000001490116..., as NumPy's astype(float32)
			// gives
			assertThat(f.score(Fixtures.row(0.1, "summer"))).isEqualTo((double) 0.1f);
			assertThat(d.score(Fixtures.row(0.1, "summer"))).isEqualTo(0.1);
			// and a job cannot score a row the graph gives NaN for (a missing value it
			// does not impute)
			assertThatThrownBy(() -> d.score(Fixtures.row(Double.NaN, "summer"))).isInstanceOf(ModelFileException.class)
				.hasMessage(asDouble.file() + ": model d@1 gave NaN (output \"y\", column 0) for the row on line 2: a"
						+ " model must give a number for every row (does the graph take a missing value, NaN, without"
						+ " imputing it?)");
		}
	}

	@Test
	void theBlockPathOfJavaScorersIsTheirRowPath() {
		// given
		ModelVersion gbt = ModelFiles.load(Fixtures.write(this.dir, "churn-gbt-v1.json", Fixtures.churnGbt("1")));
		List<Row> rows = churnRows(1000, 3);
		double[] block = new double[rows.size()];

		// when
		Scorer scorer = gbt.bind(Fixtures.churn());
		scorer.scoreBatch(rows, block);

		// then
		for (int i = 0; i < rows.size(); i++) {
			assertThat(block[i]).isEqualTo(scorer.score(rows.get(i)));
		}
	}

	@Test
	void aRegressionModelsOutputIsUsedAsItIs() {
		// given: y = 3 x - 1 on a double input [N, 1] giving [N, 1]
		OnnxGraphs graph = OnnxGraphs.graph()
			.input("input", OnnxGraphs.DOUBLE, "N", 1)
			.floats("three", new long[] { 1 }, 3f)
			.floats("one", new long[] { 1 }, 1f)
			.node("Cast", List.of("three"), List.of("a"), OnnxGraphs.intAttribute("to", OnnxGraphs.DOUBLE))
			.node("Cast", List.of("one"), List.of("b"), OnnxGraphs.intAttribute("to", OnnxGraphs.DOUBLE))
			.node("Mul", List.of("input", "a"), List.of("ax"))
			.node("Sub", List.of("ax", "b"), List.of("variable"))
			.output("variable", OnnxGraphs.DOUBLE, "N", 1);
		DatasetConfig dataset = Fixtures.dataset("bikes", Task.REGRESSION, new Feature("temp", FeatureType.NUMERIC));
		ModelVersion onnx = ModelFiles.load(OnnxFixtures.write(
				this.dir, "bikes-onnx", "1", dataset, graph, List.of(new OnnxModel.Input("input",
						OnnxModel.ElementType.DOUBLE, List.of(new OnnxModel.Value("temp")))),
				new OnnxModel.Output("variable", 0)));

		// when
		try (Scorer scorer = onnx.bind(dataset)) {
			// then
			assertThat(scorer.score(new Row(2, LocalDate.of(2024, 1, 1), 0, new double[] { 2.5 }, new String[1])))
				.isEqualTo(6.5);
		}
	}

	@Test
	void theRegressionCasesOfAnOnnxModelAreMadeAndPass() {
		// given
		ModelVersion onnx = OnnxFixtures.churn(this.dir, "1");

		// when
		Path cases = ModelCases.write(onnx, Fixtures.churn(), false);
		CaseCheck check = ModelCases.check(onnx, Fixtures.churn());

		// then: the known levels come from the one-hot columns; every case passes within
		// the float32 tolerance
		assertThat(check.passed()).isTrue();
		assertThat(check.cases()).isEqualTo(ModelCases.make(onnx, Fixtures.churn()).size());
		assertThat(ModelCases.make(onnx, Fixtures.churn())).extracting(ModelCase::name)
			.contains("typical", "tenure_months missing", "plan = basic", "plan = pro", "plan unseen level",
					"everything missing");
		assertThat(cases).content().contains("<= 1.0E-6 * max(1, |expected|)");
	}

	@Test
	void aMappingThatDoesNotFitTheGraphIsRefusedAtBindingNamingTheModelFile() {
		// given: the churn graph (input float [?, 3]; outputs label int64 [?],
		// probabilities float [?, 2])
		List<OnnxModel.Column> three = OnnxFixtures.churnInputs().get(0).columns();
		OnnxModel.Output probability = new OnnxModel.Output("probabilities", 1);

		// then
		assertMismatch("wrong-name", List.of(new OnnxModel.Input("features", OnnxModel.ElementType.FLOAT, three)),
				probability, "input \"features\" is not an input of the graph (its inputs: input float [?, 3])");
		assertMismatch("wrong-type", List.of(new OnnxModel.Input("input", OnnxModel.ElementType.DOUBLE, three)),
				probability, "input \"input\" of the graph holds float, not double");
		assertMismatch("too-few",
				List.of(new OnnxModel.Input("input", OnnxModel.ElementType.FLOAT, three.subList(0, 2))), probability,
				"input \"input\" of the graph has shape [?, 3] but the model file maps 2 columns to it");
		assertMismatch("int-output", OnnxFixtures.churnInputs(), new OnnxModel.Output("label", 0),
				"output \"label\" of the graph is label int64 [?], not a float or double tensor");
		assertMismatch("no-column", OnnxFixtures.churnInputs(), new OnnxModel.Output("probabilities", 2),
				"output \"probabilities\" of the graph has shape [?, 2]: it has no column 2 (expected [rows] or [rows, k]"
						+ " with column < k)");
		assertMismatch("no-output", OnnxFixtures.churnInputs(), new OnnxModel.Output("proba", 1),
				"output \"proba\" is not an output of the graph (its outputs: label int64 [?], probabilities float"
						+ " [?, 2])");
	}

	@Test
	void aGraphInputLeftUnmappedOrOfAFixedRowCountIsRefused() {
		// given: a graph with two inputs, the second not mapped; a graph taking exactly
		// one row
		OnnxGraphs two = OnnxGraphs.graph()
			.input("tenure_months", OnnxGraphs.FLOAT, "N", 1)
			.input("extra", OnnxGraphs.FLOAT, "N", 1)
			.node("Add", List.of("tenure_months", "extra"), List.of("z"))
			.node("Sigmoid", List.of("z"), List.of("p"))
			.output("p", OnnxGraphs.FLOAT, "N", 1);
		OnnxGraphs fixed = OnnxGraphs.graph()
			.input("tenure_months", OnnxGraphs.FLOAT, 1, 1)
			.node("Sigmoid", List.of("tenure_months"), List.of("p"))
			.output("p", OnnxGraphs.FLOAT, 1, 1);
		List<OnnxModel.Input> tenure = List.of(new OnnxModel.Input("tenure_months", OnnxModel.ElementType.FLOAT,
				List.of(new OnnxModel.Value("tenure_months"))));
		ModelVersion unmapped = ModelFiles.load(
				OnnxFixtures.write(this.dir, "two", "1", Fixtures.churn(), two, tenure, new OnnxModel.Output("p", 0)));
		ModelVersion oneRow = ModelFiles.load(OnnxFixtures.write(this.dir, "fixed", "1", Fixtures.churn(), fixed,
				tenure, new OnnxModel.Output("p", 0)));

		// then
		assertThatThrownBy(() -> unmapped.bind(Fixtures.churn())).isInstanceOf(ModelFileException.class)
			.hasMessage(unmapped.file() + ": does not fit its ONNX file two-v1.onnx: the graph's input \"extra\" is not"
					+ " mapped to dataset columns in the model file");
		assertThatThrownBy(() -> oneRow.bind(Fixtures.churn())).isInstanceOf(ModelFileException.class)
			.hasMessageContaining("input \"tenure_months\" of the graph has a fixed number of rows (1): export the"
					+ " model with a free first dimension");
	}

	@Test
	void anOutputThatDoesNotGiveOneValuePerRowIsRefusedWhenScoring() {
		// given: the mean over the rows, [1, 1] whatever the rows (declared with a free
		// first dimension)
		OnnxGraphs graph = OnnxGraphs.graph()
			.input("input", OnnxGraphs.FLOAT, "N", 1)
			.node("ReduceMean", List.of("input"), List.of("mean"), OnnxGraphs.intsAttribute("axes", 0),
					OnnxGraphs.intAttribute("keepdims", 1))
			.node("Sigmoid", List.of("mean"), List.of("p"))
			.output("p", OnnxGraphs.FLOAT, "M", 1);
		ModelVersion onnx = ModelFiles.load(OnnxFixtures.write(
				this.dir, "mean", "1", Fixtures.churn(), graph, List.of(new OnnxModel.Input("input",
						OnnxModel.ElementType.FLOAT, List.of(new OnnxModel.Value("tenure_months")))),
				new OnnxModel.Output("p", 0)));
		List<Row> rows = churnRows(5, 1);

		// when / then
		try (Scorer scorer = onnx.bind(Fixtures.churn())) {
			assertThatThrownBy(() -> scorer.scoreBatch(rows, new double[5])).isInstanceOf(ModelFileException.class)
				.hasMessage(onnx.file() + ": output \"p\" of model mean@1 has shape [1, 1] for 5 rows; expected [5] or"
						+ " [5, k] with column 0 < k");
		}
	}

	private void assertMismatch(String name, List<OnnxModel.Input> inputs, OnnxModel.Output output, String reason) {
		ModelVersion version = ModelFiles
			.load(OnnxFixtures.write(this.dir, name, "1", Fixtures.churn(), OnnxFixtures.churnGraph(), inputs, output));
		assertThatThrownBy(() -> version.bind(Fixtures.churn())).isInstanceOf(ModelFileException.class)
			.hasMessage(version.file() + ": does not fit its ONNX file " + name + "-v1.onnx: " + reason);
	}

	static List<Row> churnRows(int count, long seed) {
		Random random = new Random(seed);
		String[] plans = { "basic", "pro", "gold", null };
		List<Row> rows = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			double tenure = (random.nextInt(10) == 0) ? Double.NaN : random.nextDouble() * 60;
			rows.add(new Row(i + 2, LocalDate.of(2024, 1, 1), random.nextInt(2), new double[] { tenure, Double.NaN },
					new String[] { null, plans[random.nextInt(plans.length)] }));
		}
		return rows;
	}

}
