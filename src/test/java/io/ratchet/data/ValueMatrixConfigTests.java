package io.ratchet.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The dataset's {@code value:} (value matrix): read strictly, each error on its line. */
class ValueMatrixConfigTests {

	private static final String BINARY = """
			name: churn
			date: {column: d}
			label: {column: y, task: binary, positive: "yes"}
			features: [{name: x, type: numeric}]
			""";

	private static final String REGRESSION = """
			name: sales
			date: {column: d}
			label: {column: y, task: regression}
			features: [{name: x, type: numeric}]
			""";

	@TempDir
	Path config;

	@Test
	void readsABinaryValueMatrix() throws IOException {
		// given
		Path file = write("churn", BINARY + "value: {tp: 10, fp: -5, fn: -20, tn: 0}\n");

		// when
		DatasetConfig dataset = DatasetConfigs.load(file);

		// then
		assertThat(dataset.valueMatrix()).isEqualTo(ValueMatrix.binary(10, -5, 0, -20));
		assertThat(dataset.valueMatrix().ofCounts(1, 2, 3, 4)).isEqualTo(10 - 10 + 0 - 80);
	}

	@Test
	void readsARegressionValueMatrix() throws IOException {
		// given
		Path file = write("sales", REGRESSION + "value: {under: -2, over: -1.5}\n");

		// when
		DatasetConfig dataset = DatasetConfigs.load(file);

		// then
		assertThat(dataset.valueMatrix()).isEqualTo(ValueMatrix.regression(-2, -1.5));
	}

	@Test
	void noValueMatrixMeansNone() throws IOException {
		// given
		Path file = write("churn", BINARY);

		// when
		DatasetConfig dataset = DatasetConfigs.load(file);

		// then
		assertThat(dataset.valueMatrix()).isNull();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					churn | '{tp: 10, fp: -5, fn: -20}'                    | 5 | missing required field "value.tn"
					churn | '\\n  tp: 10\\n  fp: lots\\n  fn: -20\\n  tn: 0' | 7 | value.fp must be a number, not "lots"
					churn | '\\n  tp: 10\\n  fp: "-5"\\n  fn: -20\\n  tn: 0' | 7 | value.fp must be a number, not "-5"
					churn | '\\n  tp: 10\\n  fp:\\n  fn: -20\\n  tn: 0'      | 7 | missing required field "value.fp"
					churn | '{tp: 10, fp: -5, fn: -20, tn: 0, tip: 1}'     | 5 | unknown field "value.tip" (known: tp, fp, tn, fn)
					churn | '\\n  tp: 1\\n  under: -2'                       | 7 | value.under is for regression datasets; a binary value matrix has tp, fp, tn, fn
					churn | '10'                                           | 5 | value: expected a mapping of tp, fp, tn, fn (a value per row), e.g. {tp: 10, fp: -5, fn: -20, tn: 0}
					sales | '\\n  under: -2\\n  over: -1\\n  tp: 10'         | 8 | value.tp is for binary datasets; a regression value matrix has under, over
					sales | '{under: -2}'                                  | 5 | missing required field "value.over"
					""")
	void aBadValueMatrixNamesTheFileTheLineAndTheCause(String name, String value, int line, String message)
			throws IOException {
		// given
		Path file = write(name,
				(name.equals("churn") ? BINARY : REGRESSION) + "value: " + value.replace("\\n", "\n") + "\n");

		// when / then
		assertThatExceptionOfType(DatasetConfigException.class).isThrownBy(() -> DatasetConfigs.load(file))
			.withMessage(file + " line " + line + ": " + message);
	}

	private Path write(String name, String yaml) throws IOException {
		Path folder = Files.createDirectories(this.config.resolve("datasets"));
		return Files.writeString(folder.resolve(name + ".yml"), yaml);
	}

}
