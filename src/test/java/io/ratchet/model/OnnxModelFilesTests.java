package io.ratchet.model;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Model files of kind {@code onnx}: read strictly, every problem located; written back as
 * read.
 */
class OnnxModelFilesTests {

	/**
	 * A model file of kind onnx, as {@link ModelFiles#toJson} writes it (line numbers
	 * matter below).
	 */
	static final String FILE = """
			{
			  "format" : "ratchet-model/1",
			  "name" : "churn-onnx",
			  "version" : "1",
			  "dataset" : "churn",
			  "task" : "binary",
			  "kind" : "onnx",
			  "onnx" : {
			    "file" : "churn-onnx-v1.onnx",
			    "sha256" : "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
			  },
			  "inputs" : [ {
			    "name" : "input",
			    "type" : "float",
			    "columns" : [ {
			      "feature" : "tenure_months"
			    }, {
			      "feature" : "plan",
			      "level" : "basic"
			    }, {
			      "feature" : "plan",
			      "codes" : [ "basic", "pro" ]
			    } ]
			  } ],
			  "output" : {
			    "name" : "probabilities",
			    "column" : 1
			  }
			}
			""";

	@TempDir
	Path dir;

	@Test
	void readsTheMappingAndWritesItBackAsItWas() {
		// when
		ModelVersion version = ModelFiles.load(Fixtures.write(this.dir, "churn-onnx-v1.json", FILE));

		// then
		OnnxModel model = (OnnxModel) version.definition();
		assertThat(version.kind()).isEqualTo("onnx");
		assertThat(model.link()).isEqualTo(Link.LOGISTIC);
		assertThat(model.file()).isEqualTo("churn-onnx-v1.onnx");
		assertThat(model.inputs()).containsExactly(new OnnxModel.Input("input", OnnxModel.ElementType.FLOAT,
				List.of(new OnnxModel.Value("tenure_months"), new OnnxModel.Indicator("plan", "basic"),
						new OnnxModel.Code("plan", List.of("basic", "pro")))));
		assertThat(model.output()).isEqualTo(new OnnxModel.Output("probabilities", 1));
		assertThat(version.features()).containsExactly("tenure_months", "plan");
		assertThat(ModelFiles.toJson("churn-onnx", "1", "churn", version.task(), model)).isEqualTo(FILE);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					a link                | "kind" : "onnx",             | "kind" : "onnx", "link" : "logistic", | 7  | link: field "link" does not belong in an onnx model: its graph computes the prediction itself (a probability for binary tasks, a value for regression)
					no onnx file          | "file" : "churn-onnx-v1.onnx", | ''                                  | 8  | missing required field "file" in onnx
					a path, not a name    | "churn-onnx-v1.onnx"         | "../secrets/x.onnx"                   | 9  | onnx.file: "../secrets/x.onnx" is not a plain file name ending in .onnx (the ONNX file lives beside the model file)
					not a sha256          | "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef" | "ABC" | 10 | onnx.sha256: must be 64 lower-case hex digits, not "ABC"
					element type          | "float"                      | "float16"                             | 14 | inputs[0].type: unknown element type "float16" (expected float, double, int64, string)
					level and codes       | "level" : "basic"            | "level" : "basic", "codes" : ["x"]    | 19 | inputs[0].columns[1].codes: a column is a one-hot indicator ("level") or a category code ("codes"), not both
					empty level           | "level" : "basic"            | "level" : ""                          | 19 | inputs[0].columns[1].level: must not be empty (an empty cell is a missing value)
					a level twice         | [ "basic", "pro" ]           | [ "basic", "basic" ]                  | 22 | inputs[0].columns[2].codes[1]: level "basic" is given twice
					negative column       | "column" : 1                 | "column" : -1                         | 27 | output.column: must be 0 or more, not -1
					no output             | "name" : "probabilities",    | ''                                    | 25 | missing required field "name" in output
					numbers into int64    | "float"                      | "int64"                               | 15 | inputs[0].columns[0]: an int64 input takes category codes ("codes") or one-hot indicators ("level"), not the value of feature "tenure_months" (a missing number has no int64 form): make the input float or double
					tree field            | "kind" : "onnx",             | "kind" : "onnx", "base" : 0,          | 7  | base: field "base" does not belong in an onnx model
					""")
	void badFieldsAreLocated(String title, String from, String to, int line, String reason) {
		// given
		String text = FILE.replace(from, to);
		assertThat(text).isNotEqualTo(FILE);

		// when / then
		assertThatThrownBy(() -> ModelFiles.load(Fixtures.write(this.dir, "m.json", text)))
			.isInstanceOfSatisfying(ModelFileException.class, (ex) -> {
				assertThat(ex.reason()).isEqualTo(reason);
				assertThat(ex.line()).isEqualTo(line);
			});
	}

	@Test
	void aStringInputTakesLevelsOnlyAndAFeatureIsReadOneWay() {
		// given: a string input with a one-hot column; a feature numeric in one input and
		// categorical in another
		String indicatorInString = FILE.replace("\"float\"", "\"string\"");
		String twoWays = FILE.replace("\"feature\" : \"plan\",\n      \"level\"",
				"\"feature\" : \"tenure_months\",\n" + "      \"level\"");

		// then
		assertThatThrownBy(() -> ModelFiles.load(Fixtures.write(this.dir, "a.json", indicatorInString)))
			.hasMessageContaining("inputs[0].columns[1]: a string input takes a categorical feature's level itself");
		assertThatThrownBy(() -> ModelFiles.load(Fixtures.write(this.dir, "b.json", twoWays)))
			.hasMessageContaining("feature \"tenure_months\" is read as categorical here but as numeric elsewhere");
	}

	@Test
	void onnxFieldsDoNotBelongInOtherKinds() {
		// given
		String linear = Fixtures.churnLogit("1")
			.replace("'intercept'".replace('\'', '"'), "\"output\": {\"name\": \"p\", \"column\": 0}, \"intercept\"");

		// then
		assertThatThrownBy(() -> ModelFiles.load(Fixtures.write(this.dir, "l.json", linear)))
			.hasMessageContaining("output: field \"output\" does not belong in a linear model");
	}

}
