package io.ratchet.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code estimate: cbpe} in a dataset's file: the now-test's estimates without labels,
 * for binary datasets only; a regression dataset asking for them is refused on its line.
 */
class EstimateConfigTests {

	private static final String BINARY = """
			name: churn
			date: {column: d}
			label: {column: y, task: binary, positive: "yes"}
			features: [{name: x, type: numeric}]
			""";

	@TempDir
	Path config;

	@Test
	void aBinaryDatasetAsksForEstimates() throws IOException {
		// when
		DatasetConfig asks = DatasetConfigs.load(write("churn", BINARY + "estimate: cbpe\n"));
		DatasetConfig silent = DatasetConfigs.load(write("churn", BINARY));

		// then
		assertThat(asks.estimateWithoutLabels()).isTrue();
		assertThat(silent.estimateWithoutLabels()).isFalse();
	}

	@Test
	void aRegressionDatasetAskingForCbpeIsRefusedOnItsLine() throws IOException {
		// given
		Path file = write("sales", """
				name: sales
				date: {column: d}
				label: {column: y, task: regression}
				features: [{name: x, type: numeric}]
				estimate: cbpe
				""");

		// when / then
		assertThatExceptionOfType(DatasetConfigException.class).isThrownBy(() -> DatasetConfigs.load(file))
			.withMessageStartingWith(file + " line 5: estimate: cbpe estimates a binary model's performance")
			.withMessageContaining("dataset sales is regression");
	}

	@Test
	void anUnknownMethodIsRefusedOnItsLine() throws IOException {
		// given
		Path file = write("churn", BINARY + "estimate: dle\n");

		// when / then
		assertThatExceptionOfType(DatasetConfigException.class).isThrownBy(() -> DatasetConfigs.load(file))
			.withMessageStartingWith(file + " line 5: estimate: unknown method 'dle' (expected cbpe)");
	}

	private Path write(String name, String yaml) throws IOException {
		Path folder = Files.createDirectories(this.config.resolve("datasets"));
		return Files.writeString(folder.resolve(name + ".yml"), yaml);
	}

}
