package io.ratchet.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The dataset's {@code segments:}: columns, numeric buckets and their labels, defaults,
 * and each bad value on its line.
 */
class SegmentsConfigTests {

	private static final String CHURN = """
			name: churn
			date: {column: d}
			label: {column: y, task: binary, positive: "yes"}
			features: [{name: tenure_months, type: numeric}, {name: plan, type: categorical}]
			""";

	@TempDir
	Path config;

	@Test
	void aListOfColumnsTakesTheDefaults() throws IOException {
		// given
		Path file = write(CHURN + "segments: [region, plan, {name: tenure_months, edges: [12, 24]}]\n");

		// when
		DatasetConfig dataset = DatasetConfigs.load(file);

		// then: region is read beside the features; plan and tenure_months are features
		assertThat(dataset.segments().columns()).extracting(SegmentColumn::name)
			.containsExactly("region", "plan", "tenure_months");
		assertThat(dataset.segments().minRows()).isEqualTo(Segments.DEFAULT_MIN_ROWS);
		assertThat(dataset.segments().maxLevels()).isEqualTo(Segments.DEFAULT_MAX_LEVELS);
		assertThat(dataset.extraColumns()).containsExactly("region");
		assertThat(dataset.requiredColumns()).contains("region");
		assertThat(dataset.segments().columns().get(2).buckets()).containsExactly("<12", "[12,24)", ">=24");
	}

	@Test
	void aMappingSetsMinRowsAndMaxLevels() throws IOException {
		// given
		Path file = write(CHURN + "segments:\n  columns: [region]\n  min-rows: 30\n  max-levels: 8\n");

		// when
		Segments segments = DatasetConfigs.load(file).segments();

		// then
		assertThat(segments.minRows()).isEqualTo(30);
		assertThat(segments.maxLevels()).isEqualTo(8);
	}

	@Test
	void aValueFallsInTheBucketOfItsLowerEdge() {
		// given
		SegmentColumn tenure = new SegmentColumn("tenure_months", new double[] { 12, 24.5 });

		// when / then
		assertThat(List.of(-3.0, 11.99, 12.0, 24.0, 24.5, 99.0))
			.extracting((v) -> tenure.buckets().get(tenure.bucket(v)))
			.containsExactly("<12", "<12", "[12,24.5)", "[12,24.5)", ">=24.5", ">=24.5");
		assertThat(SegmentColumn.categorical("x").bucket(-0.0)).isZero();
		assertThat(new SegmentColumn("x", new double[] { 0 }).bucket(-0.0)).as("-0.0 is 0").isEqualTo(1);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					'[{name: tenure_months, edges: [24, 12]}]'   | 5 | segments.tenure_months.edges must increase: 12 follows 24
					'[{name: tenure_months, edges: [12, 12]}]'   | 5 | segments.tenure_months.edges must increase: 12 follows 12
					'[{name: tenure_months, edges: []}]'         | 5 | segments.tenure_months.edges: give at least one edge
					'[tenure_months]'                            | 5 | segments: feature 'tenure_months' is numeric: give it bucket edges, e.g. {name: tenure_months, edges: [12, 24]}
					'[{name: plan, edges: [1]}]'                 | 5 | segments: feature 'plan' is categorical: edges are for numbers
					'[region, region]'                           | 5 | segments: column 'region' is listed twice
					'[y]'                                        | 5 | segments: column 'y' is the label column
					'[{name: region, edge: [1]}]'                | 5 | unknown field "segments.edge" (known: name, edges)
					'{columns: [region], max-levels: 1}'         | 5 | segments.max-levels must be at least 2, not 1
					'{columns: [region], min-rows: 0}'           | 5 | segments.min-rows must be at least 1, not 0
					'[]'                                         | 5 | segments: expected a list of columns (a name, or {name: ..., edges: [...]})
					""")
	void aBadSegmentNamesTheFileTheLineAndTheCause(String segments, int line, String message) throws IOException {
		// given
		Path file = write(CHURN + "segments: " + segments + "\n");

		// when / then
		assertThatExceptionOfType(DatasetConfigException.class).isThrownBy(() -> DatasetConfigs.load(file))
			.withMessage(file + " line " + line + ": " + message);
	}

	@Test
	void aMonthFileLackingASegmentColumnIsRefusedWithItsName(@TempDir Path data) throws IOException {
		// given: region is no feature, so only the month file can have it
		DatasetConfig dataset = DatasetConfigs.load(write(CHURN + "segments: [region]\n"));
		Path month = Files.writeString(data.resolve("2026-01.csv"), "d,y,tenure_months,plan\n2026-01-05,yes,3,a\n");

		// when / then
		assertThatExceptionOfType(DataFileException.class)
			.isThrownBy(() -> new MonthFileReader(dataset).read(month, YearMonth.of(2026, 1), (row) -> {
			}, (rejection) -> {
			}))
			.withMessageContaining(month.toString())
			.withMessageContaining("line 1")
			.withMessageContaining("header lacks column region");
	}

	@Test
	void aSegmentColumnThatIsNoFeatureIsReadIntoTheRowAndABucketedOneMustBeANumber(@TempDir Path data)
			throws IOException {
		// given
		DatasetConfig dataset = DatasetConfigs.load(write(CHURN + "segments: [region, {name: spend, edges: [100]}]\n"));
		Path month = Files.writeString(data.resolve("2026-01.csv"), """
				d,y,tenure_months,plan,region,spend
				2026-01-05,yes,3,a,north,150
				2026-01-06,no,4,b,,20
				2026-01-07,no,5,b,south,lots
				""");
		List<Row> rows = new java.util.ArrayList<>();

		// when
		ReadStats stats = new MonthFileReader(dataset).read(month, YearMonth.of(2026, 1), rows::add, (rejection) -> {
		});

		// then
		SegmentLevels levels = new SegmentLevels(dataset);
		assertThat(rows).extracting((row) -> levels.level(row, 0) + " " + levels.level(row, 1))
			.containsExactly("north >=100", SegmentColumn.MISSING + " <100");
		assertThat(stats.rejected()).isEqualTo(1);
	}

	private Path write(String yaml) throws IOException {
		Path folder = Files.createDirectories(this.config.resolve("datasets"));
		return Files.writeString(folder.resolve("churn.yml"), yaml);
	}

}
