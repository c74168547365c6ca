package io.ratchet.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A prediction log is imported like data: validated row by row with rejected rows
 * quarantined (file, line, reason), split by the month of its timestamps, idempotent,
 * atomic; a prediction is logged once.
 */
class PredictionImporterTests {

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T09:30:15Z"), ZoneOffset.UTC);

	private static final YearMonth MARCH = YearMonth.of(2012, 3);

	private static final YearMonth APRIL = YearMonth.of(2012, 4);

	@TempDir
	Path work;

	private final PredictionLogColumns columns = new PredictionLogColumns(List.of("request"), "scored_at", "p");

	private PredictionLog log() {
		return new PredictionLog(TestDatasets.churn("customer_id"), this.work.resolve("predictions/vendor-v1"),
				this.columns);
	}

	@Test
	void splitsTheLogByTheMonthOfItsTimestampsAndKeepsItsColumns() throws IOException {
		// given: ISO dates and date-times (T or space, offsets) and the dataset's own
		// date format; extra columns
		Path source = source("log.csv", "model_run,request,scored_at,p", "a,c1,2012-04-02T08:00:00Z,0.9",
				"a,c2,2012-03-31 23:59:59,0.1", "a,c3,2012-03-01,0.25", "a,c4,2012-04-01T00:30:00.123+02:00,1",
				"a,c5,2012-03-15T10:00+0100,0");

		// when
		ImportResult result = new PredictionImporter(log(), CLOCK).importFile(source);

		// then
		assertThat(result.rows()).isEqualTo(5);
		assertThat(result.accepted()).isEqualTo(5);
		assertThat(result.rejected()).isZero();
		assertThat(result.quarantineFile()).isNull();
		assertThat(result.acceptedByMonth()).containsExactly(Map.entry(MARCH, 3L), Map.entry(APRIL, 2L));
		assertThat(log().months()).containsOnlyKeys(MARCH, APRIL);
		assertThat(Files.readAllLines(log().months().get(MARCH))).containsExactly("request,scored_at,p",
				"c3,2012-03-01,0.25", "c5,2012-03-15T10:00+0100,0", "c2,2012-03-31 23:59:59,0.1");
		MonthPredictions april = log().read(APRIL);
		assertThat(april.size()).isEqualTo(2);
		assertThat(april.score(new String[] { "c4" })).isEqualTo(1.0);
		assertThat(april.score(new String[] { "c1" })).isEqualTo(0.9);
		assertThat(april.score(new String[] { "c2" })).isNaN();
	}

	@Test
	void aLogImportWaitsForNoOtherImportIntoTheDataset() throws IOException {
		// given: an import into the dataset holds its lock (the log's folder is
		// <datasetDir>/predictions/vendor-v1)
		Path source = source("log.csv", "request,scored_at,p", "c1,2012-03-01,0.5");
		try (ImportLock held = ImportLock.acquire("churn", this.work)) {
			// when
			Throwable refused = catchThrowable(() -> new PredictionImporter(log(), CLOCK).importFile(source));

			// then: refused at once, naming the lock and the holder, and nothing written
			assertThat(refused).isInstanceOf(DataFileException.class)
				.hasMessageContaining(this.work.resolve(".import.lock") + ": an import into churn is running");
			assertThat(log().months()).isEmpty();
		}

		// and: once it has finished, the log comes in
		assertThat(new PredictionImporter(log(), CLOCK).importFile(source).accepted()).isEqualTo(1);
	}

	@Test
	void badRowsAreQuarantinedWithFileLineAndReasonAndTheRestIsImported() throws IOException {
		// given
		Path source = source("log.csv", "request,scored_at,p", "c1,2012-03-01,0.5", "c2,2012-03-02,1.5",
				"c3,2012-03-03,-0.01", "c4,2012-03-04,", "c5,yesterday,0.3", ",2012-03-05,0.3", "c6,2012-03-06,abc",
				"c1,2012-03-07,0.6", "c7,2012-03-08,0.4,extra");

		// when
		ImportResult result = new PredictionImporter(log(), CLOCK).importFile(source);

		// then
		assertThat(result.rows()).isEqualTo(9);
		assertThat(result.accepted()).isEqualTo(1);
		assertThat(result.rejected()).isEqualTo(8);
		assertThat(result.duplicates()).isZero();
		assertThat(result.quarantineFile())
			.isEqualTo(log().folder().resolve("quarantine/log.csv.20261126-093015.rejected.csv"));
		List<String> quarantined = Files.readAllLines(result.quarantineFile());
		assertThat(quarantined.get(0)).isEqualTo("source_file,line,reason,record");
		assertThat(quarantined.subList(1, quarantined.size())).containsExactlyInAnyOrder(source
				+ ",3,\"score 1.5 in column p is outside [0, 1] (the task is binary: a score is a probability)\",\"c2,2012-03-02,1.5\"",
				source + ",4,\"score -0.01 in column p is outside [0, 1] (the task is binary: a score is a probability)\",\"c3,2012-03-03,-0.01\"",
				source + ",5,missing score in column p,\"c4,2012-03-04,\"",
				source + ",6,\"unparsable timestamp 'yesterday' in column scored_at (an ISO-8601 date or date-time, e.g. 2026-01-31T23:59:00Z, or a date as the dataset writes it: yyyy-MM-dd)\",\"c5,yesterday,0.3\"",
				source + ",7,missing id in column request,\"\"\"\"\",2012-03-05,0.3\"",
				source + ",8,unparsable number 'abc' in column p,\"c6,2012-03-06,abc\"",
				source + ",9,id c1 is logged twice for 2012-03: also on line 2 of this file (a prediction is logged once; the first is kept),\"c1,2012-03-07,0.6\"",
				source + ",10,\"too many fields: expected 3, found 4\",\"c7,2012-03-08,0.4,extra\"");
		assertThat(log().read(MARCH).score(new String[] { "c1" })).isEqualTo(0.5);
	}

	@Test
	void theSameFileTwiceAddsNothingAndAnotherScoreForAStoredIdIsRefused() throws IOException {
		// given
		Path first = source("first.csv", "request,scored_at,p", "c1,2012-03-01,0.5", "c2,2012-03-02,0.25");
		new PredictionImporter(log(), CLOCK).importFile(first);
		Path second = source("second.csv", "request,scored_at,p", "c2,2012-03-02,0.25", "c1,2012-03-01,0.75",
				"c3,2012-03-03,0.125", "c1,2012-04-01,0.5");

		// when
		ImportResult again = new PredictionImporter(log(), CLOCK).importFile(first);
		ImportResult result = new PredictionImporter(log(), CLOCK).importFile(second);

		// then
		assertThat(again.accepted()).isZero();
		assertThat(again.duplicates()).isEqualTo(2);
		assertThat(again.quarantineFile()).isNull();
		assertThat(result.accepted()).isEqualTo(2);
		assertThat(result.duplicates()).isEqualTo(1);
		assertThat(result.rejected()).isEqualTo(1);
		assertThat(result.acceptedByMonth()).containsExactly(Map.entry(MARCH, 1L), Map.entry(APRIL, 1L));
		assertThat(Files.readString(result.quarantineFile())).contains(
				second + ",3,id c1 already has a logged" + " prediction for 2012-03 in " + log().months().get(MARCH)
						+ " (score 0.5 at 2012-03-01); a" + " prediction is logged once,\"c1,2012-03-01,0.75\"");
		MonthPredictions march = log().read(MARCH);
		assertThat(march.size()).isEqualTo(3);
		assertThat(march.score(new String[] { "c1" })).isEqualTo(0.5);
		assertThat(march.score(new String[] { "c3" })).isEqualTo(0.125);
	}

	@Test
	void aSourceWithoutTheLogsColumnsChangesNothing() throws IOException {
		// given
		Path source = source("log.csv", "request,timestamp,score", "c1,2012-03-01,0.5");

		// when / then
		assertThatExceptionOfType(DataFileException.class)
			.isThrownBy(() -> new PredictionImporter(log(), CLOCK).importFile(source))
			.withMessage(source + " line 1: header lacks columns scored_at, p of the prediction log (id request,"
					+ " timestamp scored_at, score p); header is: request, timestamp, score");
		assertThat(this.work.resolve("predictions")).doesNotExist();
	}

	@Test
	void aFailureAfterRowsWereQuarantinedLeavesNoFolderBehind() throws IOException {
		// given: a bad row (quarantined), then a stored month file that is damaged
		Path good = source("good.csv", "request,scored_at,p", "c1,2012-03-01,0.5");
		new PredictionImporter(log(), CLOCK).importFile(good);
		Path stored = log().months().get(MARCH);
		Files.writeString(stored, Files.readString(stored) + "c9,2012-03-09,7\n");
		Path source = source("log.csv", "request,scored_at,p", "c2,2012-03-02,2", "c3,2012-03-03,0.5");

		// when / then
		assertThatExceptionOfType(DataFileException.class)
			.isThrownBy(() -> new PredictionImporter(log(), CLOCK).importFile(source))
			.withMessage(stored + " line 3: prediction log is damaged: score 7 in column p is outside [0, 1] (the task"
					+ " is binary: a score is a probability)");
		assertThat(log().folder().resolve("quarantine")).doesNotExist();
		try (var files = Files.list(log().folder())) {
			assertThat(files).containsExactly(stored);
		}
	}

	@Test
	void predictionsNotJoinedWithAJudgedRowAreCountedByTheirDate() throws IOException {
		// given
		new PredictionImporter(log(), CLOCK).importFile(source("log.csv", "request,scored_at,p", "c1,2012-03-01,0.5",
				"c2,2012-03-10,0.5", "c3,2012-03-20,0.5", "c4,2012-03-31,0.5"));
		MonthPredictions march = log().read(MARCH);

		// when
		march.judge(new String[] { "c2" });
		march.judge(new String[] { "unknown" });

		// then
		assertThat(march.unjudged(LocalDate.of(2012, 3, 1), LocalDate.of(2012, 3, 31))).isEqualTo(3);
		assertThat(march.unjudged(LocalDate.of(2012, 3, 5), LocalDate.of(2012, 3, 25))).isEqualTo(1);
	}

	@Test
	void aDatasetWithTwoIdColumnsJoinsOnBoth() throws IOException {
		// given
		DatasetConfig dataset = DatasetConfig.builder("churn", null)
			.date("event_date", "dd/MM/yyyy")
			.binaryLabel("churned", "yes", "no")
			.missingTokens(Set.of("NA"))
			.features(List.of(new Feature("plan", FeatureType.CATEGORICAL)))
			.idColumns(List.of("customer_id", "contract"))
			.build();
		PredictionLog log = new PredictionLog(dataset, this.work.resolve("two"),
				new PredictionLogColumns(List.of("customer", "contract"), "at", "score"));
		Path source = source("log.csv", "customer,contract,at,score", "c1,k1,05/03/2012,0.5", "c1,k2,06/03/2012,0.25");

		// when
		ImportResult result = new PredictionImporter(log, CLOCK).importFile(source);

		// then
		assertThat(result.accepted()).isEqualTo(2);
		MonthPredictions march = log.read(MARCH);
		assertThat(march.score(new String[] { "c1", "k2" })).isEqualTo(0.25);
		assertThat(march.score(new String[] { "c1", "k3" })).isNaN();
	}

	private Path source(String name, String... lines) throws IOException {
		return Files.writeString(this.work.resolve(name), String.join("\n", lines) + "\n");
	}

}
