package io.ratchet.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.ratchet.data.TestDatasets.HEADER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The dataset's {@code quality:} rules: read from the file, each bad rule on its line,
 * and rows breaking a range or level rejected at import into the quarantine.
 */
class QualityRulesTests {

	private static final String CHURN = """
			name: churn
			date: {column: d}
			label: {column: y, task: binary, positive: "yes"}
			features: [{name: tenure_months, type: numeric}, {name: plan, type: categorical}]
			""";

	@TempDir
	Path dir;

	@Test
	void readsRangesLevelsAndMissingRates() throws IOException {
		// given
		Path file = write(CHURN + "quality:\n  tenure_months: {min: 0, max: 600, max-missing: 0.05}\n"
				+ "  plan: {levels: [basic, pro]}\n");

		// when
		QualityRules quality = DatasetConfigs.load(file).quality();

		// then
		assertThat(quality.rules()).containsExactly(new QualityRules.Rule("tenure_months", 0, 600, null, 0.05),
				new QualityRules.Rule("plan", Double.NaN, Double.NaN, Set.of("basic", "pro"), Double.NaN));
		assertThat(quality.rules().get(0).tooManyMissing(0.06)).isTrue();
		assertThat(quality.rules().get(0).tooManyMissing(0.05)).isFalse();
		assertThat(quality.rules().get(1).tooManyMissing(1.0)).isFalse();
		assertThat(DatasetConfigs.load(write(CHURN)).quality()).isEqualTo(QualityRules.NONE);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					'  region: {levels: [a]}'                  | 6 | quality: 'region' is not a feature of the dataset (features: [tenure_months, plan])
					'  tenure_months: {min: 10, max: 5}'       | 6 | quality.tenure_months: min 10.0 is above max 5.0
					'  tenure_months: {levels: [a]}'           | 6 | unknown field "quality.tenure_months.levels" (known: min, max, max-missing)
					'  plan: {min: 0}'                         | 6 | unknown field "quality.plan.min" (known: levels, max-missing)
					'  plan: {levels: []}'                     | 6 | quality.plan.levels: give at least one level
					'  plan: {max-missing: 1.5}'               | 6 | quality.plan.max-missing must be a share between 0 and 1, not 1.5
					'  plan:'                                  | 6 | quality.plan: give at least one rule (levels, max-missing)
					'  tenure_months: {min: high}'             | 6 | quality.tenure_months.min
					""")
	void aBadRuleNamesTheFileTheLineAndTheCause(String rule, int line, String message) throws IOException {
		// given
		Path file = write(CHURN + "quality:\n" + rule + "\n");

		// when / then
		assertThatExceptionOfType(DatasetConfigException.class).isThrownBy(() -> DatasetConfigs.load(file))
			.withMessageStartingWith(file + " line " + line + ": " + message);
	}

	@Test
	void rowsOutsideARangeOrWithALevelNotAllowedAreQuarantinedWithLineAndCause() throws IOException {
		// given: tenure in [0, 120], plan gold or silver; a missing tenure keeps the
		// rules
		DatasetConfig dataset = ruled(new QualityRules.Rule("tenure_months", 0, 120, null, Double.NaN),
				new QualityRules.Rule("plan", Double.NaN, Double.NaN, Set.of("gold", "silver"), 0.5));
		Path source = Files.writeString(this.dir.resolve("in.csv"),
				String.join("\n", HEADER, "c1,2012-03-01,5,gold,yes", "c2,2012-03-02,-1,gold,no",
						"c3,2012-03-03,7,platinum,no", "c4,2012-03-04,NA,silver,no", "c5,2012-03-05,121,silver,no")
						+ "\n");
		Clock clock = Clock.fixed(Instant.parse("2026-11-26T09:30:15Z"), ZoneOffset.UTC);

		// when
		ImportResult result = new DatasetImporter(dataset, this.dir.resolve("churn"), clock).importFile(source);

		// then
		assertThat(result.accepted()).isEqualTo(2);
		assertThat(result.rejected()).isEqualTo(3);
		assertThat(Files.readAllLines(result.quarantineFile())).containsExactly("source_file,line,reason,record",
				source + ",3,\"tenure_months = -1 is outside its range [0, 120] (quality in the dataset file)\","
						+ "\"c2,2012-03-02,-1,gold,no\"",
				source + ",4,\"plan = 'platinum' is not an allowed level [gold, silver] (quality in the dataset file)\","
						+ "\"c3,2012-03-03,7,platinum,no\"",
				source + ",6,\"tenure_months = 121 is outside its range [0, 120] (quality in the dataset file)\","
						+ "\"c5,2012-03-05,121,silver,no\"");
	}

	@Test
	void aCheckCountsViolationsAndMissingValuesPerRule() {
		// given: tenure in [0, 120] at most 20% missing; 5 rows, 2 outside, 2 missing
		DatasetConfig dataset = ruled(new QualityRules.Rule("tenure_months", 0, 120, null, 0.2));
		QualityCheck check = new QualityCheck(dataset);
		for (double tenure : new double[] { 5, -1, Double.NaN, 121, Double.NaN }) {
			check.add(new Row(2, LocalDate.of(2012, 3, 1), 1, new double[] { tenure, Double.NaN },
					new String[] { null, "gold" }, new String[0], new double[0]));
		}

		// when
		QualityCheck.Finding finding = check.findings().get(0);

		// then
		assertThat(finding.rows()).isEqualTo(5);
		assertThat(finding.violations()).isEqualTo(2);
		assertThat(finding.missingRate()).isEqualTo(0.4);
		assertThat(finding.missingBreached()).isTrue();
		assertThat(new QualityCheck(dataset).findings().get(0).missingBreached()).as("no rows, no breach").isFalse();
	}

	/** The churn test dataset with quality rules. */
	private static DatasetConfig ruled(QualityRules.Rule... rules) {
		DatasetConfig churn = TestDatasets.churn();
		return DatasetConfig.builder(churn.name(), null)
			.date(churn.dateColumn(), churn.dateFormat())
			.label(churn.labelColumn(), churn.task())
			.labels(churn.positiveLabel(), churn.negativeLabel())
			.missingTokens(churn.missingTokens())
			.features(churn.features())
			.quality(new QualityRules(List.of(rules)))
			.build();
	}

	private Path write(String text) throws IOException {
		Path file = this.dir.resolve("churn.yml");
		Files.writeString(file, text);
		return file;
	}

}
