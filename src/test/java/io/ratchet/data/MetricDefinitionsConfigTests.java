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

/**
 * A dataset's own metrics ({@code top-k:} and {@code metrics:}): read strictly, each
 * error on its line.
 */
class MetricDefinitionsConfigTests {

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
	void readsTopKSharesAndFormulas() throws IOException {
		// given: 0.05 and 0.10 are the built-in shares, listed or not
		Path file = write("churn", BINARY + """
				value: {tp: 10, fp: -5, fn: -20, tn: 0}
				top-k: [0.05, 0.10, 0.2, 0.125]
				metrics:
				  net_saves: "(tp * 40 - fp * 5) / n"
				  cost: {formula: "-business_value / n", better: lower}
				""");

		// when
		DatasetConfig dataset = DatasetConfigs.load(file);

		// then
		assertThat(dataset.metricDefinitions().topK()).extracting(TopK::suffix).containsExactly("top20pct", "top13pct");
		assertThat(dataset.metricDefinitions().formulas()).extracting(CountFormula::name, CountFormula::higherIsBetter)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("net_saves", true),
					org.assertj.core.groups.Tuple.tuple("cost", false));
	}

	@Test
	void noDefinitionsMeansNone() throws IOException {
		// when
		DatasetConfig dataset = DatasetConfigs.load(write("churn", BINARY));

		// then
		assertThat(dataset.metricDefinitions().isEmpty()).isTrue();
	}

	@Test
	void theCutIsCountedInDecimal() {
		// when / then: 10% of 30 rows is 3, 20% of 7 rows is 2 (ceil 1.4)
		assertThat(new TopK(0.1).cut(30)).isEqualTo(3);
		assertThat(new TopK(0.2).cut(7)).isEqualTo(2);
		assertThat(new TopK(0.2).cut(10)).isEqualTo(2);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					churn | 'top-k: [0.2, 1.5]'                 | 5 | top-k: a top-k share must be a number in (0, 1), not 1.5
					churn | 'top-k: [0]'                        | 5 | top-k: a top-k share must be a number in (0, 1), not 0.0
					churn | 'top-k: [-0.1]'                     | 5 | top-k: a top-k share must be a number in (0, 1), not -0.1
					churn | 'top-k: [0.2, 0.201]'               | 5 | top-k: 0.201 and 0.2 both give the name top20pct (round(100 k)); keep one
					churn | 'top-k: [0.051]'                    | 5 | top-k: 0.051 and 0.05 both give the name top5pct (round(100 k)); keep one
					churn | 'top-k: [twenty]'                   | 5 | top-k share must be a number, not "twenty"
					churn | 'top-k: [0.001]'                    | 5 | top-k: a top-k share of 0.001 would be named top0pct; the smallest share is 0.005
					sales | 'top-k: [0.2]'                      | 5 | top-k is for binary datasets (precision among the top k% by score)
					churn | 'metrics: {m: "(tp * 40"}'          | 5 | metrics.m: formula "(tp * 40" does not parse:
					churn | 'metrics: {m: "tp / rows"}'         | 5 | metrics.m: formula "tp / rows" names "rows", which is not a count
					churn | 'metrics: {m: "T(java.lang.Runtime)"}' | 5 | metrics.m: formula "T(java.lang.Runtime)" uses a type (T(...))
					churn | 'metrics: {m: "new java.io.File(''x'')"}' | 5 | metrics.m: formula "new java.io.File('x')" constructs an object
					churn | 'metrics: {m: "@bean"}'             | 5 | metrics.m: formula "@bean" refers to a bean
					churn | 'metrics: {m: "''a''.length()"}'    | 5 | metrics.m: formula "'a'.length()" calls a method (length)
					churn | 'metrics: {m: "business_value / n"}' | 5 | metrics.m: formula "business_value / n" names "business_value"
					sales | 'metrics: {m: "fp / n"}'            | 5 | metrics.m: formula "fp / n" names "fp", which is not a count of this dataset (known: n)
					churn | 'metrics: {roc_auc: "tp / n"}'      | 5 | metrics: "roc_auc" cannot name a metric: roc_auc is a built-in metric
					churn | 'metrics: {recal: "tp / n"}'        | 5 | metrics: "recal" cannot name a metric: too near the built-in recall
					churn | 'metrics: {precision_top20pct: "tp / n"}' | 5 | metrics: "precision_top20pct" cannot name a metric: it is the name of a top-k metric
					churn | 'metrics: {Net: "tp / n"}'          | 5 | metrics: "Net" cannot name a metric: a metric's name is lower-case letters
					churn | 'metrics: {m: {formula: "tp", better: up}}' | 5 | metrics.m.better must be higher or lower, not "up"
					churn | 'metrics: {m: {formula: "tp", worse: lower}}' | 5 | unknown field "metrics.m.worse" (known: formula, better)
					""")
	void aBadDefinitionNamesTheFileTheLineAndTheCause(String name, String yaml, int line, String message)
			throws IOException {
		// given
		Path file = write(name, (name.equals("churn") ? BINARY : REGRESSION) + yaml + "\n");

		// when / then
		assertThatExceptionOfType(DatasetConfigException.class).isThrownBy(() -> DatasetConfigs.load(file))
			.withMessageStartingWith(file + " line " + line + ": " + message);
	}

	@Test
	void aFormulaOnItsOwnLineIsReportedThere() throws IOException {
		// given
		Path file = write("churn", BINARY + "metrics:\n  ok: \"tp / n\"\n  bad: \"tp.toString()\"\n");

		// when / then
		assertThatExceptionOfType(DatasetConfigException.class).isThrownBy(() -> DatasetConfigs.load(file))
			.withMessageStartingWith(
					file + " line 7: metrics.bad: formula \"tp.toString()\" calls a method (toString)");
	}

	private Path write(String name, String yaml) throws IOException {
		Path folder = Files.createDirectories(this.config.resolve("datasets"));
		return Files.writeString(folder.resolve(name + ".yml"), yaml);
	}

}
