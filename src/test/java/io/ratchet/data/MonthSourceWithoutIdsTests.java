package io.ratchet.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A month read for a reader that needs no ids ({@link MonthSource#withoutIds}): from the
 * cache, every other cell of every row and every rejection as with ids, the ids left
 * undecoded; from the CSV (which writes the entry) the ids are kept.
 */
class MonthSourceWithoutIdsTests {

	private static final YearMonth MARCH = YearMonth.of(2012, 3);

	@TempDir
	Path folder;

	private final DatasetConfig dataset = DatasetConfig.builder("churn", null)
		.date("event_date")
		.binaryLabel("churned", "yes", "no")
		.missingTokens(Set.of("NA"))
		.features(List.of(new Feature("tenure", FeatureType.NUMERIC), new Feature("plan", FeatureType.CATEGORICAL)))
		.idColumns(List.of("customer_id"))
		.scoreColumns(List.of("vendor_score"))
		.build();

	@Test
	void rowsFromTheCacheLeaveTheirIdsUndecodedAndKeepEveryOtherCell() throws IOException {
		// given: a month with ids of several lengths (one missing), a rejected row, and
		// its entry written by a first read
		Path csv = Files.writeString(this.folder.resolve("2012-03.csv"), """
				customer_id,event_date,tenure,plan,churned,vendor_score
				c1,2012-03-01,10,gold,yes,0.5
				customer-éé-2,2012-03-02,NA,silver,no,0.25
				c3,2012-03-03,12abc,gold,no,0.1
				,2012-03-04,40,,,0.75
				c5,2012-03-05,50,bronze,yes,
				""");
		MonthCache cache = new MonthCache(this.folder.resolve("cache"), Clock.systemUTC());
		Read withIds = read(new MonthSource(this.dataset, cache), csv);

		// when
		MonthSource withoutIds = new MonthSource(this.dataset, cache).withoutIds();
		Read fromCache = read(withoutIds, csv);

		// then: read from the cache, the ids null, the rest the same
		assertThat(withoutIds.monthsFromCache()).isEqualTo(1);
		assertThat(withIds.rows()).hasSize(4);
		assertThat(withIds.rows().get(1).ids()).containsExactly("customer-éé-2");
		assertThat(fromCache.stats()).isEqualTo(withIds.stats());
		assertThat(fromCache.rejections()).isEqualTo(withIds.rejections()).hasSize(1);
		assertThat(fromCache.rows()).hasSameSizeAs(withIds.rows());
		for (int i = 0; i < withIds.rows().size(); i++) {
			Row expected = withIds.rows().get(i);
			Row actual = fromCache.rows().get(i);
			assertThat(actual.ids()).containsOnlyNulls();
			assertThat(actual.line()).isEqualTo(expected.line());
			assertThat(actual.date()).isEqualTo(expected.date());
			assertThat(Double.compare(actual.label(), expected.label())).isZero();
			assertThat(Arrays.equals(actual.numbers(), expected.numbers())).isTrue();
			assertThat(actual.levels()).isEqualTo(expected.levels());
			assertThat(Arrays.equals(actual.scores(), expected.scores())).isTrue();
		}
	}

	@Test
	void rowsParsedFromTheCsvKeepTheirIds() throws IOException {
		// given: no entry yet
		Path csv = Files.writeString(this.folder.resolve("2012-03.csv"), """
				customer_id,event_date,tenure,plan,churned,vendor_score
				c1,2012-03-01,10,gold,yes,0.5
				""");
		MonthSource withoutIds = new MonthSource(this.dataset,
				new MonthCache(this.folder.resolve("cache"), Clock.systemUTC()))
			.withoutIds();

		// when
		Read read = read(withoutIds, csv);

		// then
		assertThat(withoutIds.monthsParsed()).isEqualTo(1);
		assertThat(read.rows().get(0).ids()).containsExactly("c1");
	}

	private static Read read(MonthSource source, Path csv) {
		List<Row> rows = new ArrayList<>();
		List<Rejection> rejections = new ArrayList<>();
		ReadStats stats = source.read(csv, MARCH, rows::add, rejections::add);
		return new Read(stats, rows, rejections);
	}

	private record Read(ReadStats stats, List<Row> rows, List<Rejection> rejections) {
	}

}
