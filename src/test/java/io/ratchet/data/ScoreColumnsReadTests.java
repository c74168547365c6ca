package io.ratchet.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Rows carry their ids and the logged scores of the dataset's score columns, validated
 * like any cell; a file to score may lack the label and the score columns.
 */
class ScoreColumnsReadTests {

	private static final YearMonth MARCH = YearMonth.of(2012, 3);

	private static final String HEADER = "customer_id,event_date,tenure_months,plan,churned,vendor_score";

	@TempDir
	Path folder;

	private final List<Row> rows = new ArrayList<>();

	private final List<Rejection> rejections = new ArrayList<>();

	@Test
	void aRowCarriesItsIdsAndLoggedScoresMissingOnesAsNaN() throws IOException {
		// given
		Path file = write(HEADER, "c1,2012-03-01,12,gold,yes,0.75", "c2,2012-03-02,3,silver,no,NA",
				"c3,2012-03-03,4,gold,,1");

		// when
		ReadStats stats = new MonthFileReader(dataset(Task.BINARY)).read(file, MARCH, this.rows::add,
				this.rejections::add);

		// then
		assertThat(stats).isEqualTo(new ReadStats(3, 3, 0, 1));
		assertThat(this.rows).extracting((row) -> row.ids()[0]).containsExactly("c1", "c2", "c3");
		assertThat(this.rows).extracting((row) -> row.scores()[0]).containsExactly(0.75, Double.NaN, 1.0);
	}

	@Test
	void aBinaryScoreOutsideZeroOneOrUnreadableRejectsTheRowWithItsLine() throws IOException {
		// given
		Path file = write(HEADER, "c1,2012-03-01,12,gold,yes,1.2", "c2,2012-03-02,3,silver,no,-0.1",
				"c3,2012-03-03,4,gold,no,high", "c4,2012-03-04,4,gold,no,NaN", "c5,2012-03-05,4,gold,no,0.5");

		// when
		ReadStats stats = new MonthFileReader(dataset(Task.BINARY)).read(file, MARCH, this.rows::add,
				this.rejections::add);

		// then
		assertThat(stats.rejected()).isEqualTo(4);
		assertThat(this.rejections).extracting(Rejection::describe)
			.containsExactly(file
					+ " line 2: score 1.2 in column vendor_score is outside [0, 1] (the task is binary: a score is a"
					+ " probability)",
					file + " line 3: score -0.1 in column vendor_score is outside [0, 1] (the task is binary: a score is a"
							+ " probability)",
					file + " line 4: unparsable number 'high' in column vendor_score",
					file + " line 5: not a finite number 'NaN' in column vendor_score");
		assertThat(this.rows).extracting(Row::line).containsExactly(6L);
	}

	@Test
	void aRegressionScoreMayBeAnyFiniteNumber() throws IOException {
		// given
		Path file = write(HEADER, "c1,2012-03-01,12,gold,3.5,-120.25");

		// when
		new MonthFileReader(dataset(Task.REGRESSION)).read(file, MARCH, this.rows::add, this.rejections::add);

		// then
		assertThat(this.rejections).isEmpty();
		assertThat(this.rows.get(0).scores()[0]).isEqualTo(-120.25);
	}

	@Test
	void aMonthFileMustHaveTheScoreColumnButAFileToScoreMayLackItAndTheLabel() throws IOException {
		// given
		Path file = write("customer_id,event_date,tenure_months,plan", "c1,2012-03-01,12,gold");

		// when / then
		assertThatExceptionOfType(DataFileException.class).isThrownBy(
				() -> new MonthFileReader(dataset(Task.BINARY)).read(file, MARCH, this.rows::add, this.rejections::add))
			.withMessageContaining("header lacks columns churned, vendor_score");
		ReadStats stats = MonthFileReader.toScore(dataset(Task.BINARY))
			.read(file, null, this.rows::add, this.rejections::add);
		assertThat(stats).isEqualTo(new ReadStats(1, 1, 0, 1));
		assertThat(this.rows.get(0).labelled()).isFalse();
		assertThat(this.rows.get(0).scores()[0]).isNaN();
		assertThat(this.rows.get(0).numbers()[0]).isEqualTo(12.0);
		assertThat(MonthFileReader.header(file)).containsExactly("customer_id", "event_date", "tenure_months", "plan");
	}

	@Test
	void aFileToScoreStillNeedsTheFeaturesAndTheDate() throws IOException {
		// given
		Path file = write("customer_id,tenure_months", "c1,12");

		// when / then
		assertThatExceptionOfType(DataFileException.class)
			.isThrownBy(() -> MonthFileReader.toScore(dataset(Task.BINARY))
				.read(file, null, this.rows::add, this.rejections::add))
			.withMessage(file + " line 1: header lacks columns event_date, plan; header is: customer_id,"
					+ " tenure_months");
	}

	private static DatasetConfig dataset(Task task) {
		return DatasetConfig.builder("churn", null)
			.date("event_date")
			.label("churned", task)
			.labels((task == Task.BINARY) ? "yes" : null, (task == Task.BINARY) ? "no" : null)
			.missingTokens(Set.of("NA"))
			.features(List.of(new Feature("tenure_months", FeatureType.NUMERIC),
					new Feature("plan", FeatureType.CATEGORICAL)))
			.idColumns(List.of("customer_id"))
			.scoreColumns(List.of("vendor_score"))
			.build();
	}

	private Path write(String... lines) throws IOException {
		return Files.writeString(this.folder.resolve("2012-03.csv"), String.join("\n", lines) + "\n");
	}

}
