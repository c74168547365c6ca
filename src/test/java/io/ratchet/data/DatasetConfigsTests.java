package io.ratchet.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DatasetConfigsTests {

	private static final String CHURN = """
			name: churn
			date:
			  column: event_date
			  format: yyyy-MM-dd
			label:
			  column: churned
			  task: binary
			  positive: "yes"
			  negative: "no"
			missing: ["", "NA"]
			id: [customer_id]
			features:
			  - {name: tenure_months, type: numeric}
			  - {name: plan, type: categorical}
			""";

	@TempDir
	Path config;

	@Test
	void loadsEveryField() throws IOException {
		// given
		Path file = write("churn", CHURN);

		// when
		DatasetConfig dataset = DatasetConfigs.load(this.config, "churn");

		// then
		assertThat(dataset.name()).isEqualTo("churn");
		assertThat(dataset.source()).isEqualTo(file);
		assertThat(dataset.dateColumn()).isEqualTo("event_date");
		assertThat(dataset.dateFormat()).isEqualTo("yyyy-MM-dd");
		assertThat(dataset.labelColumn()).isEqualTo("churned");
		assertThat(dataset.task()).isEqualTo(Task.BINARY);
		assertThat(dataset.positiveLabel()).isEqualTo("yes");
		assertThat(dataset.negativeLabel()).isEqualTo("no");
		assertThat(dataset.missingTokens()).isEqualTo(Set.of("", "NA"));
		assertThat(dataset.idColumns()).containsExactly("customer_id");
		assertThat(dataset.features()).containsExactly(new Feature("tenure_months", FeatureType.NUMERIC),
				new Feature("plan", FeatureType.CATEGORICAL));
	}

	@Test
	void defaultsTheDateFormatAndOptionalFields() throws IOException {
		// given
		Path file = write("bikes", """
				name: bikes
				date: {column: dteday}
				label: {column: cnt, task: regression}
				features:
				  - {name: temp, type: numeric}
				""");

		// when
		DatasetConfig dataset = DatasetConfigs.load(file);

		// then
		assertThat(dataset.dateFormat()).isEqualTo("yyyy-MM-dd");
		assertThat(dataset.task()).isEqualTo(Task.REGRESSION);
		assertThat(dataset.positiveLabel()).isNull();
		assertThat(dataset.missingTokens()).containsExactly("");
		assertThat(dataset.idColumns()).isEmpty();
		assertThat(dataset.importSettings()).isEqualTo(ImportSettings.DEFAULTS);
		assertThat(
				dataset.importSettings().latestDate(Clock.fixed(Instant.parse("2026-12-06T10:00:00Z"), ZoneOffset.UTC)))
			.isEqualTo(LocalDate.of(2027, 12, 6));
	}

	@Test
	void readsTheEncodingTheRecordBoundAndThePlausibleDates() throws IOException {
		// given
		Path file = write("churn", CHURN.replace("  format: yyyy-MM-dd\n", """
				  format: yyyy-MM-dd
				  earliest: 2010-01-01
				  latest: 2030-12-31
				""") + "encoding: ISO-8859-1\nmax-record-length: 5000\n");

		// when
		DatasetConfig dataset = DatasetConfigs.load(file);

		// then
		assertThat(dataset.importSettings()).isEqualTo(new ImportSettings(StandardCharsets.ISO_8859_1, 5000,
				LocalDate.of(2010, 1, 1), LocalDate.of(2030, 12, 31)));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					{column: d}                                         | encoding: Latin-9x      | 5 | encoding: unknown character set 'Latin-9x' (for example UTF-8, ISO-8859-1, windows-1252, UTF-16)
					{column: d}                                         | max-record-length: 0    | 5 | max-record-length: expected a positive number of characters, found '0'
					{column: d}                                         | max-record-length: lots | 5 | max-record-length: expected a positive number of characters, found 'lots'
					{column: d, earliest: 1.1.1900}                     | id: [c]                 | 2 | date.earliest: expected a date yyyy-MM-dd, found '1.1.1900'
					{column: d, earliest: 2020-01-01, latest: 2019-12-31} | id: [c]               | 2 | date.latest 2019-12-31 is before date.earliest 2020-01-01
					""")
	void badImportSettingsNameTheField(String date, String extra, int at, String message) throws IOException {
		// given
		Path file = write("churn", "name: churn\ndate: " + date + "\nlabel: {column: y, task: regression}\n"
				+ "features: [{name: x, type: numeric}]\n" + extra + "\n");

		// when / then
		assertThatExceptionOfType(DatasetConfigException.class).isThrownBy(() -> DatasetConfigs.load(file))
			.withMessage(file + " line " + at + ": " + message);
	}

	@Test
	void unknownDatasetListsTheKnownOnes() throws IOException {
		// given
		write("churn", CHURN);
		write("bikes", CHURN.replace("churn", "bikes"));

		// when / then
		assertThatExceptionOfType(UnknownDatasetException.class)
			.isThrownBy(() -> DatasetConfigs.load(this.config, "churm"))
			.withMessage(this.config.resolve("datasets") + ": unknown dataset 'churm' (known: bikes, churn)")
			.satisfies((ex) -> assertThat(ex.known()).containsExactly("bikes", "churn"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "../x", "..", ".hidden", "a/b", "a\\b", "", "-x", "x y" })
	void refusesBadDatasetNames(String name) throws IOException {
		// given
		write("churn", CHURN);
		Files.writeString(this.config.resolve("x.yml"), CHURN.replace("churn", "x"));

		// when / then
		assertThatExceptionOfType(DatasetConfigException.class)
			.isThrownBy(() -> DatasetConfigs.load(this.config.resolve("datasets"), name))
			.isNotInstanceOf(UnknownDatasetException.class)
			.withMessageContaining("invalid dataset name '" + name + "'");
	}

	@Test
	void yamlSyntaxErrorNamesFileAndLine() throws IOException {
		// given
		Path file = write("churn", CHURN.replace("missing: [\"\", \"NA\"]", "missing: [\"\", \"NA\""));

		// when / then
		assertThatExceptionOfType(DatasetConfigException.class).isThrownBy(() -> DatasetConfigs.load(file))
			.withMessageStartingWith(file + " line 11: syntax error: while parsing a flow sequence (line 10); expected")
			.satisfies((ex) -> assertThat(ex.line()).isEqualTo(11));
	}

	@Test
	void unknownFieldNamesFileLineAndField() throws IOException {
		// given
		Path file = write("churn", CHURN.replace("  task: binary", "  tsak: binary"));

		// when / then
		assertThatExceptionOfType(DatasetConfigException.class).isThrownBy(() -> DatasetConfigs.load(file))
			.withMessageStartingWith(file + " line 7: unknown field \"label.tsak\"");
	}

	@Test
	void unknownTopLevelField() throws IOException {
		// given
		Path file = write("churn", CHURN + "wieght: 3\n");

		// when / then
		assertThatExceptionOfType(DatasetConfigException.class).isThrownBy(() -> DatasetConfigs.load(file))
			.withMessageStartingWith(file + " line 15: unknown field \"wieght\"");
	}

	@Test
	void unknownFeatureField() throws IOException {
		// given
		Path file = write("churn",
				CHURN.replace("{name: plan, type: categorical}", "{name: plan, type: categorical, weight: 2}"));

		// when / then
		assertThatExceptionOfType(DatasetConfigException.class).isThrownBy(() -> DatasetConfigs.load(file))
			.withMessageStartingWith(file + " line 14: unknown field \"features.weight\"");
	}

	@Test
	void missingRequiredField() throws IOException {
		// given
		Path file = write("churn", CHURN.replace("  column: churned\n", ""));

		// when / then
		assertThatExceptionOfType(DatasetConfigException.class).isThrownBy(() -> DatasetConfigs.load(file))
			.withMessage(file + " line 6: missing required field \"label.column\"");
	}

	@Test
	void missingRequiredSection() throws IOException {
		// given
		Path file = write("churn", CHURN.replace("date:\n  column: event_date\n  format: yyyy-MM-dd\n", ""));

		// when / then
		assertThatExceptionOfType(DatasetConfigException.class).isThrownBy(() -> DatasetConfigs.load(file))
			.withMessage(file + " line 1: missing required field \"date\"");
	}

	@Test
	void badTask() throws IOException {
		// given
		Path file = write("churn", CHURN.replace("task: binary", "task: classification"));

		// when / then
		assertThatExceptionOfType(DatasetConfigException.class).isThrownBy(() -> DatasetConfigs.load(file))
			.withMessage(file
					+ " line 7: label.task: unknown task 'classification' (expected binary, regression or multiclass)");
	}

	@Test
	void binaryWithoutPositive() throws IOException {
		// given
		Path file = write("churn", CHURN.replace("  positive: \"yes\"\n", ""));

		// when / then
		assertThatExceptionOfType(DatasetConfigException.class).isThrownBy(() -> DatasetConfigs.load(file))
			.withMessage(file + " line 6: label.positive is required for a binary label");
	}

	@Test
	void positiveOnARegressionLabel() throws IOException {
		// given
		Path file = write("churn", CHURN.replace("task: binary", "task: regression"));

		// when / then
		assertThatExceptionOfType(DatasetConfigException.class).isThrownBy(() -> DatasetConfigs.load(file))
			.withMessage(file + " line 8: label.positive is for binary labels only");
	}

	@ParameterizedTest
	@ValueSource(strings = { "yyyy-MM-dd-bb", "HH:mm", "yyyy-MM" })
	void badDatePattern(String pattern) throws IOException {
		// given
		Path file = write("churn", CHURN.replace("format: yyyy-MM-dd", "format: \"" + pattern + "\""));

		// when / then
		assertThatExceptionOfType(DatasetConfigException.class).isThrownBy(() -> DatasetConfigs.load(file))
			.withMessageStartingWith(file + " line 4: date.format: '" + pattern + "'");
	}

	@Test
	void anUnsupportedDateFormatSaysWhichFieldAndWhy() throws IOException {
		// given: a T not quoted, and a month without its day
		Path letter = write("churn", CHURN.replace("format: yyyy-MM-dd", "format: yyyy-MM-ddTHH:mm"));
		Path month = write("bikes", CHURN.replace("churn", "bikes").replace("format: yyyy-MM-dd", "format: yyyy-MM"));

		// when / then
		assertThatExceptionOfType(DatasetConfigException.class).isThrownBy(() -> DatasetConfigs.load(letter))
			.withMessage(letter + " line 4: date.format: 'yyyy-MM-ddTHH:mm' is not a date pattern: Unknown pattern "
					+ "letter: T (letters as in Java's DateTimeFormatter, e.g. yyyy-MM-dd, dd/MM/yyyy or yyyy-MM-dd "
					+ "HH:mm:ss; quote other letters: yyyy-MM-dd'T'HH:mm)");
		assertThatExceptionOfType(DatasetConfigException.class).isThrownBy(() -> DatasetConfigs.load(month))
			.withMessage(month + " line 4: date.format: 'yyyy-MM' does not give a whole date (year, month and day of "
					+ "month), e.g. yyyy-MM-dd");
	}

	@Test
	void aDateFormatWithATimeOfDayReadsTheDateOfEachTimestamp() throws IOException {
		// given: timestamps, with and without an offset
		Path plain = write("churn", CHURN.replace("format: yyyy-MM-dd", "format: yyyy-MM-dd HH:mm:ss"));
		Path offset = write("bikes",
				CHURN.replace("churn", "bikes").replace("format: yyyy-MM-dd", "format: \"dd/MM/yyyy'T'HH:mmXXX\""));

		// when
		RowParser.DateParser seconds = new RowParser.DateParser(DatasetConfigs.load(plain).dateFormat());
		RowParser.DateParser zoned = new RowParser.DateParser(DatasetConfigs.load(offset).dateFormat());

		// then: the date as written
		assertThat(seconds.parse("2024-03-05 23:45:00")).isEqualTo(java.time.LocalDate.of(2024, 3, 5));
		assertThat(seconds.parse("2024-03-05")).isNull();
		assertThat(zoned.parse("05/03/2024T23:30+02:00")).isEqualTo(java.time.LocalDate.of(2024, 3, 5));
	}

	@Test
	void otherDatePatternsAreFine() throws IOException {
		// given
		Path file = write("churn", CHURN.replace("format: yyyy-MM-dd", "format: dd/MM/yyyy"));

		// when
		DatasetConfig dataset = DatasetConfigs.load(file);

		// then
		assertThat(dataset.dateFormat()).isEqualTo("dd/MM/yyyy");
	}

	@Test
	void duplicateFeature() throws IOException {
		// given
		Path file = write("churn", CHURN + "  - {name: plan, type: numeric}\n");

		// when / then
		assertThatExceptionOfType(DatasetConfigException.class).isThrownBy(() -> DatasetConfigs.load(file))
			.withMessage(file + " line 15: duplicate feature 'plan'");
	}

	@Test
	void labelAsFeature() throws IOException {
		// given
		Path file = write("churn", CHURN + "  - {name: churned, type: categorical}\n");

		// when / then
		assertThatExceptionOfType(DatasetConfigException.class).isThrownBy(() -> DatasetConfigs.load(file))
			.withMessage(file + " line 15: feature 'churned' is the label column");
	}

	@Test
	void badFeatureType() throws IOException {
		// given
		Path file = write("churn", CHURN.replace("type: categorical", "type: text"));

		// when / then
		assertThatExceptionOfType(DatasetConfigException.class).isThrownBy(() -> DatasetConfigs.load(file))
			.withMessage(file + " line 14: unknown feature type 'text' (expected numeric or categorical)");
	}

	@Test
	void noFeatures() throws IOException {
		// given
		Path file = write("churn", CHURN.substring(0, CHURN.indexOf("features:")) + "features: []\n");

		// when / then
		assertThatExceptionOfType(DatasetConfigException.class).isThrownBy(() -> DatasetConfigs.load(file))
			.withMessage(file + " line 12: features: the list is empty; a dataset needs at least one feature");
	}

	@Test
	void nameMustMatchTheFileName() throws IOException {
		// given
		Path file = write("churn", CHURN.replace("name: churn", "name: churn2"));

		// when / then
		assertThatExceptionOfType(DatasetConfigException.class).isThrownBy(() -> DatasetConfigs.load(file))
			.withMessage(file + " line 1: name 'churn2' does not match the file name 'churn.yml'");
	}

	@Test
	void duplicateYamlKey() throws IOException {
		// given
		Path file = write("churn", CHURN.replace("  task: binary\n", "  task: binary\n  task: regression\n"));

		// when / then
		assertThatExceptionOfType(DatasetConfigException.class).isThrownBy(() -> DatasetConfigs.load(file))
			.withMessage(file + " line 8: duplicate key \"task\"");
	}

	@Test
	void emptyFile() throws IOException {
		// given
		Path file = write("churn", "");

		// when / then
		assertThatExceptionOfType(DatasetConfigException.class).isThrownBy(() -> DatasetConfigs.load(file))
			.withMessage(file + ": empty file");
	}

	@Test
	void readsTheLoggedScoreColumnsApartFromTheFeatures() throws IOException {
		// given
		Path file = write("churn", CHURN + "scores: [vendor_score, rules_score]\n");

		// when
		DatasetConfig dataset = DatasetConfigs.load(file);

		// then
		assertThat(dataset.scoreColumns()).containsExactly("vendor_score", "rules_score");
		assertThat(dataset.scoreIndex("rules_score")).isEqualTo(1);
		assertThat(dataset.featureIndex("vendor_score")).isEqualTo(-1);
		assertThat(dataset.requiredColumns()).endsWith("vendor_score", "rules_score");
		assertThat(DatasetConfigs.load(write("churn", CHURN)).scoreColumns()).isEmpty();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					[tenure_months]     | column 'tenure_months' is a feature (a logged score is read apart from the features: list it under scores only)
					[churned]           | column 'churned' is the label column
					[event_date]        | column 'event_date' is the date column
					[customer_id]       | column 'customer_id' is an id column
					[vendor, vendor]    | column 'vendor' is listed twice
					vendor              | expected a list of values
					""")
	void refusesAScoreColumnThatIsAlsoSomethingElse(String scores, String problem) throws IOException {
		// given
		Path file = write("churn", CHURN + "scores: " + scores + "\n");

		// when / then
		assertThatExceptionOfType(DatasetConfigException.class).isThrownBy(() -> DatasetConfigs.load(file))
			.withMessage(file + " line 15: scores: " + problem);
	}

	private Path write(String name, String yaml) throws IOException {
		Path folder = Files.createDirectories(this.config.resolve("datasets"));
		return Files.writeString(folder.resolve(name + ".yml"), yaml);
	}

}
