package io.ratchet.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.ratchet.data.TestDatasets.HEADER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MonthFileReaderTests {

	private static final YearMonth MARCH = YearMonth.of(2012, 3);

	@TempDir
	Path folder;

	private final MonthFileReader reader = new MonthFileReader(TestDatasets.churn());

	private final List<Row> rows = new ArrayList<>();

	private final List<Rejection> rejections = new ArrayList<>();

	@Test
	void readsValidRows() throws IOException {
		// given
		Path file = write(HEADER, "c1,2012-03-01,12,gold,yes", "c2,2012-03-31,0.5,silver,no");

		// when
		ReadStats stats = read(file);

		// then
		assertThat(stats).isEqualTo(new ReadStats(2, 2, 0, 0));
		assertThat(this.rejections).isEmpty();
		Row first = this.rows.get(0);
		assertThat(first.line()).isEqualTo(2);
		assertThat(first.date()).isEqualTo(LocalDate.of(2012, 3, 1));
		assertThat(first.label()).isEqualTo(1.0);
		assertThat(first.numbers()[0]).isEqualTo(12.0);
		assertThat(first.levels()[1]).isEqualTo("gold");
		Row second = this.rows.get(1);
		assertThat(second.line()).isEqualTo(3);
		assertThat(second.label()).isEqualTo(0.0);
		assertThat(second.numbers()[0]).isEqualTo(0.5);
		assertThat(second.levels()[1]).isEqualTo("silver");
	}

	@Test
	void missingFile() {
		// given
		Path file = this.folder.resolve("2012-03.csv");

		// when / then
		assertThatExceptionOfType(DataFileException.class).isThrownBy(() -> read(file))
			.withMessage(file + ": file not found");
	}

	@Test
	void emptyFileHasNoHeader() throws IOException {
		// given
		Path file = Files.write(this.folder.resolve("2012-03.csv"), new byte[0]);

		// when / then
		assertThatExceptionOfType(DataFileException.class).isThrownBy(() -> read(file))
			.withMessage(file + ": empty file (no header)");
	}

	@Test
	void headerOnlyFileHasNoRows() throws IOException {
		// given
		Path file = write(HEADER);

		// when
		ReadStats stats = read(file);

		// then
		assertThat(stats).isEqualTo(new ReadStats(0, 0, 0, 0));
		assertThat(this.rows).isEmpty();
	}

	@Test
	void headerLackingConfiguredColumns() throws IOException {
		// given
		Path file = write("customer_id,event_date,tenure,churned", "c1,2012-03-01,12,yes");

		// when / then
		assertThatExceptionOfType(DataFileException.class).isThrownBy(() -> read(file))
			.withMessage(file + " line 1: header lacks columns tenure_months, plan; "
					+ "header is: customer_id, event_date, tenure, churned");
	}

	@Test
	void duplicateHeaderNames() throws IOException {
		// given
		Path file = write(HEADER + ",plan", "c1,2012-03-01,12,gold,yes,gold");

		// when / then
		assertThatExceptionOfType(DataFileException.class).isThrownBy(() -> read(file))
			.withMessage(file + " line 1: duplicate column name plan in header");
	}

	@Test
	void tooFewAndTooManyFields() throws IOException {
		// given
		Path file = write(HEADER, "c1,2012-03-01,12,gold", "c2,2012-03-02,12,gold,yes,extra",
				"c3,2012-03-03,1,gold,no");

		// when
		ReadStats stats = read(file);

		// then
		assertThat(stats).isEqualTo(new ReadStats(3, 1, 2, 0));
		assertThat(this.rejections).extracting(Rejection::describe)
			.containsExactly(file + " line 2: too few fields: expected 5, found 4",
					file + " line 3: too many fields: expected 5, found 6");
		assertThat(this.rejections.get(0).raw()).isEqualTo("c1,2012-03-01,12,gold");
		assertThat(this.rows).extracting(Row::line).containsExactly(4L);
	}

	@Test
	void unparsableNumber() throws IOException {
		// given
		Path file = write(HEADER, "c1,2012-03-01,twelve,gold,yes");

		// when
		read(file);

		// then
		assertThat(this.rejections).singleElement()
			.isEqualTo(new Rejection(file, 2, "unparsable number 'twelve' in column tenure_months",
					"c1,2012-03-01,twelve,gold,yes"));
	}

	@Test
	void nanAndInfinityTextAreNotNumbers() throws IOException {
		// given
		Path file = write(HEADER, "c1,2012-03-01,NaN,gold,yes", "c2,2012-03-01,-Infinity,gold,yes",
				"c3,2012-03-01,1e999,gold,yes", "c4,2012-03-01, 7 ,gold,yes");

		// when
		read(file);

		// then
		assertThat(this.rejections).extracting(Rejection::reason)
			.containsExactly("not a finite number 'NaN' in column tenure_months",
					"not a finite number '-Infinity' in column tenure_months",
					"not a finite number '1e999' in column tenure_months");
		assertThat(this.rows).singleElement().satisfies((row) -> assertThat(row.numbers()[0]).isEqualTo(7.0));
	}

	@Test
	void unparsableDate() throws IOException {
		// given
		Path file = write(HEADER, "c1,03/01/2012,1,gold,yes", "c2,2012-02-30,1,gold,yes", "c3,2012-3-01,1,gold,no");

		// when
		read(file);

		// then
		assertThat(this.rejections).extracting(Rejection::describe)
			.containsExactly(file + " line 2: unparsable date '03/01/2012' in column event_date (pattern yyyy-MM-dd)",
					file + " line 3: unparsable date '2012-02-30' in column event_date (pattern yyyy-MM-dd)",
					file + " line 4: unparsable date '2012-3-01' in column event_date (pattern yyyy-MM-dd)");
	}

	@Test
	void missingDate() throws IOException {
		// given
		Path file = write(HEADER, "c1,NA,1,gold,yes");

		// when
		read(file);

		// then
		assertThat(this.rejections).extracting(Rejection::reason).containsExactly("missing date in column event_date");
	}

	@Test
	void otherDatePatternUsesTheFormatter() throws IOException {
		// given
		MonthFileReader dayFirst = new MonthFileReader(TestDatasets.churnDated("dd/MM/yyyy"));
		Path file = write(HEADER, "c1,31/03/2012,1,gold,yes", "c2,30/02/2012,1,gold,yes");

		// when
		dayFirst.read(file, MARCH, this.rows::add, this.rejections::add);

		// then
		assertThat(this.rows).extracting(Row::date).containsExactly(LocalDate.of(2012, 3, 31));
		assertThat(this.rejections).extracting(Rejection::reason)
			.containsExactly("unparsable date '30/02/2012' in column event_date (pattern dd/MM/yyyy)");
	}

	@Test
	void dateOutsideItsMonthFile() throws IOException {
		// given
		Path file = write(HEADER, "c1,2012-04-01,1,gold,yes", "c2,2012-03-15,1,gold,yes");

		// when
		ReadStats stats = read(file);

		// then
		assertThat(stats).isEqualTo(new ReadStats(2, 1, 1, 0));
		assertThat(this.rejections).extracting(Rejection::describe)
			.containsExactly(file + " line 2: date 2012-04-01 outside month file 2012-03");
	}

	@Test
	void noMonthCheckWithoutAnExpectedMonth() throws IOException {
		// given
		Path file = write(HEADER, "c1,2012-04-01,1,gold,yes");

		// when
		ReadStats stats = this.reader.read(file, null, this.rows::add, this.rejections::add);

		// then
		assertThat(stats.accepted()).isEqualTo(1);
	}

	@Test
	void badBinaryLabel() throws IOException {
		// given
		Path file = write(HEADER, "c1,2012-03-01,1,gold,Yes");

		// when
		read(file);

		// then
		assertThat(this.rejections).extracting(Rejection::describe)
			.containsExactly(file + " line 2: label 'Yes' in column churned is neither 'yes' nor 'no'");
	}

	@Test
	void anyNonPositiveLabelIsNegativeWithoutANegativeValue() throws IOException {
		// given
		DatasetConfig churn = TestDatasets.churn();
		MonthFileReader lenient = new MonthFileReader(DatasetConfig.builder("churn", null)
			.date("event_date")
			.binaryLabel("churned", "yes", null)
			.missingTokens(churn.missingTokens())
			.features(churn.features())
			.build());
		Path file = write(HEADER, "c1,2012-03-01,1,gold,Yes");

		// when
		lenient.read(file, MARCH, this.rows::add, this.rejections::add);

		// then
		assertThat(this.rejections).isEmpty();
		assertThat(this.rows).singleElement().satisfies((row) -> assertThat(row.label()).isEqualTo(0.0));
	}

	@Test
	void missingLabelMakesAnUnlabelledRow() throws IOException {
		// given
		Path file = write(HEADER, "c1,2012-03-01,1,gold,", "c2,2012-03-01,1,gold,NA", "c3,2012-03-01,1,gold,no");

		// when
		ReadStats stats = read(file);

		// then
		assertThat(stats).isEqualTo(new ReadStats(3, 3, 0, 2));
		assertThat(this.rows).extracting(Row::labelled).containsExactly(false, false, true);
		assertThat(this.rows.get(0).label()).isNaN();
	}

	@Test
	void missingTokensAreMissingFeatures() throws IOException {
		// given
		Path file = write(HEADER, "c1,2012-03-01,NA,,yes", "c2,2012-03-01,,NA,yes", "c3,2012-03-01,na,N/A,yes");

		// when
		read(file);

		// then
		assertThat(this.rows).hasSize(2);
		assertThat(this.rows.get(0).numbers()[0]).isNaN();
		assertThat(this.rows.get(0).levels()[1]).isNull();
		assertThat(this.rows.get(1).numbers()[0]).isNaN();
		assertThat(this.rows.get(1).levels()[1]).isNull();
		assertThat(this.rejections).extracting(Rejection::reason)
			.containsExactly("unparsable number 'na' in column tenure_months");
	}

	@Test
	void byteOrderMarkAndCrlfLineEndings() throws IOException {
		// given
		Path file = this.folder.resolve("2012-03.csv");
		Files.write(file, ("\uFEFF" + HEADER + "\r\nc1,2012-03-01,1,gold,yes\r\nc2,2012-03-02,2,silver,no\r\n")
			.getBytes(StandardCharsets.UTF_8));

		// when
		ReadStats stats = read(file);

		// then
		assertThat(stats).isEqualTo(new ReadStats(2, 2, 0, 0));
		assertThat(this.rows).extracting(Row::line).containsExactly(2L, 3L);
		assertThat(this.rows.get(1).levels()[1]).isEqualTo("silver");
		assertThat(this.rows.get(1).label()).isEqualTo(0.0);
	}

	@Test
	void quotedFieldsExtraColumnsAndAnyColumnOrder() throws IOException {
		// given
		Path file = write("plan,note,churned,event_date,tenure_months,customer_id",
				"\"gold, \"\"premium\"\"\",\"a, b\",yes,2012-03-01,3,c1");

		// when
		read(file);

		// then
		assertThat(this.rejections).isEmpty();
		assertThat(this.rows).singleElement().satisfies((row) -> {
			assertThat(row.levels()[1]).isEqualTo("gold, \"premium\"");
			assertThat(row.numbers()[0]).isEqualTo(3.0);
			assertThat(row.label()).isEqualTo(1.0);
		});
	}

	@Test
	void multiLineQuotedFieldsKeepLineNumbers() throws IOException {
		// given
		Path file = write(HEADER, "c1,2012-03-01,1,\"gold\nline two\nline three\",yes", "c2,2012-03-01,x,gold,yes", "",
				"c3,2012-03-01,2,\"a\r\nb\",no", "c4,2012-03-01,y,gold,yes");

		// when
		read(file);

		// then
		assertThat(this.rows).extracting(Row::line).containsExactly(2L, 7L);
		assertThat(this.rows.get(0).levels()[1]).isEqualTo("gold\nline two\nline three");
		assertThat(this.rejections).extracting(Rejection::line).containsExactly(5L, 9L);
	}

	@Test
	void malformedCsvNamesTheLine() throws IOException {
		// given
		Path file = write(HEADER, "c1,2012-03-01,1,gold,yes", "c2,2012-03-01,1,\"gold\"x,yes");

		// when / then
		assertThatExceptionOfType(DataFileException.class).isThrownBy(() -> read(file))
			.withMessageStartingWith(file + " line 3: malformed CSV: ")
			.satisfies((ex) -> assertThat(ex.line()).isEqualTo(3));
	}

	@Test
	void identicalRowsAreAllRead() throws IOException {
		// given: without an id, identical rows are distinct events
		Path file = write(HEADER, "c1,2012-03-01,1,gold,yes", "c1,2012-03-01,1,gold,yes", "c1,2012-03-01,1,gold,yes");

		// when
		ReadStats stats = read(file);

		// then
		assertThat(stats).isEqualTo(new ReadStats(3, 3, 0, 0));
	}

	@Test
	void bytesThatAreNotUtf8RejectTheRow() throws IOException {
		// given: a month file edited by hand in Latin-1
		Path file = this.folder.resolve("2012-03.csv");
		Files.write(file, (HEADER + "\nc1,2012-03-01,1,Z\u00fcrich,yes\nc2,2012-03-02,2,gold,no\n")
			.getBytes(StandardCharsets.ISO_8859_1));

		// when
		ReadStats stats = read(file);

		// then: the row is rejected with the bytes named, never read as Z\uFFFDrich
		assertThat(stats).isEqualTo(new ReadStats(2, 1, 1, 0));
		assertThat(this.rejections).singleElement().satisfies((rejection) -> {
			assertThat(rejection.line()).isEqualTo(2);
			assertThat(rejection.reason())
				.isEqualTo("invalid UTF-8 bytes \\xFC in column plan (see encoding in the dataset file)");
			assertThat(rejection.raw()).isEqualTo("c1,2012-03-01,1,Z\\xFCrich,yes");
		});
	}

	@Test
	void aRecordLongerThanTheBoundIsAnErrorNamingItsLine() throws IOException {
		// given
		MonthFileReader bounded = new MonthFileReader(TestDatasets.churn()
			.withImportSettings(new ImportSettings(StandardCharsets.UTF_8, 100, LocalDate.of(1900, 1, 1), null)));
		Path file = write(HEADER, "c1,2012-03-01,1,gold,yes", "c2,2012-03-01,1," + "g".repeat(20_000) + ",yes");

		// when / then
		assertThatExceptionOfType(DataFileException.class)
			.isThrownBy(() -> bounded.read(file, MARCH, this.rows::add, this.rejections::add))
			.withMessageStartingWith(file + " line 3: record longer than 100 characters");
	}

	@Test
	void readerIsReusableAcrossFiles() throws IOException {
		// given
		Path march = write(HEADER, "c1,2012-03-01,1,gold,yes");
		Path april = Files.writeString(this.folder.resolve("2012-04.csv"),
				"churned,event_date,plan,tenure_months,customer_id\nno,2012-04-01,gold,5,c9\n");

		// when
		read(march);
		this.reader.read(april, YearMonth.of(2012, 4), this.rows::add, this.rejections::add);

		// then
		assertThat(this.rows).extracting((row) -> row.numbers()[0]).containsExactly(1.0, 5.0);
	}

	private ReadStats read(Path file) {
		return this.reader.read(file, MARCH, this.rows::add, this.rejections::add);
	}

	private Path write(String... lines) throws IOException {
		return Files.writeString(this.folder.resolve("2012-03.csv"), String.join("\n", lines) + "\n");
	}

}
