package io.ratchet.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A month file pinned for a plan ({@link MonthSource#pin}): from the month cache's entry
 * when it holds the CSV as its stamp is now (nothing read, the exact count of records),
 * hashed otherwise; an edit that keeps the size and puts the modification time back, or a
 * touch, is never taken for the cached file.
 */
class MonthSourcePinTests {

	private static final YearMonth MARCH = YearMonth.of(2012, 3);

	@TempDir
	Path folder;

	private final DatasetConfig dataset = DatasetConfig.builder("churn", null)
		.date("event_date")
		.binaryLabel("churned", "yes", "no")
		.missingTokens(java.util.Set.of("NA"))
		.features(List.of(new Feature("tenure", FeatureType.NUMERIC)))
		.build();

	private Path csv;

	@BeforeEach
	void month() throws IOException {
		// 5 records, one rejected (a date outside the month), and a blank line that is
		// no record: 7 line feeds
		this.csv = Files.writeString(this.folder.resolve("2012-03.csv"), """
				event_date,tenure,churned
				2012-03-01,10,yes
				2012-03-02,20,no

				2012-04-03,30,no
				2012-03-04,40,
				2012-03-05,50,yes
				""");
	}

	@Test
	void aMonthTheCacheHoldsIsPinnedFromItsEntryWithItsExactCountOfRecords() throws IOException {
		// given: an entry whose stamp is trusted (a clock well past the CSV's change
		// time)
		MonthSource source = new MonthSource(this.dataset, trustingCache());
		ReadStats stats = source.read(this.csv, MARCH, (row) -> {
		}, (rejection) -> {
		});

		// when
		PinnedFile.Hashed pinned = source.pin(this.csv, MARCH);

		// then: the CSV's SHA-256 and stamp, its records (not its line feeds)
		PinnedFile.Hashed hashed = PinnedFile.hash(this.csv);
		assertThat(pinned.fromCache()).isTrue();
		assertThat(pinned.pin().sha256()).isEqualTo(DatasetImporter.sha256(this.csv));
		assertThat(pinned.pin().stamp()).isNotEmpty();
		assertThat(pinned.bytes()).isEqualTo(Files.size(this.csv));
		assertThat(pinned.rows()).isEqualTo(stats.rows()).isEqualTo(5);
		assertThat(hashed.rows()).isEqualTo(7);
		pinned.pin().check();
	}

	@Test
	void anEditKeepingTheSizeAndTheModificationTimeIsHashedAndChangesThePin() throws IOException {
		// given: a month pinned from its entry
		MonthSource source = new MonthSource(this.dataset, trustingCache());
		source.read(this.csv, MARCH, (row) -> {
		}, (rejection) -> {
		});
		PinnedFile before = source.pin(this.csv, MARCH).pin();
		waitForTheFileSystemClock();
		FileTime modified = Files.getLastModifiedTime(this.csv);
		long size = Files.size(this.csv);
		Files.writeString(this.csv, Files.readString(this.csv).replace("2012-03-01,10,", "2012-03-01,11,"));
		Files.setLastModifiedTime(this.csv, modified);
		assertThat(Files.size(this.csv)).isEqualTo(size);

		// when
		PinnedFile.Hashed after = source.pin(this.csv, MARCH);

		// then: hashed, another SHA-256; the old pin fails naming the file
		assertThat(after.fromCache()).isFalse();
		assertThat(after.pin().sha256()).isEqualTo(DatasetImporter.sha256(this.csv)).isNotEqualTo(before.sha256());
		assertThatExceptionOfType(PinnedFile.FileChangedException.class).isThrownBy(before::check)
			.withMessageContaining(this.csv.toString())
			.withMessageContaining("expected SHA-256 " + before.sha256());
	}

	@Test
	void aTouchedFileIsHashedAgainAndKeepsItsSha256() throws IOException {
		// given
		MonthSource source = new MonthSource(this.dataset, trustingCache());
		source.read(this.csv, MARCH, (row) -> {
		}, (rejection) -> {
		});
		PinnedFile before = source.pin(this.csv, MARCH).pin();
		waitForTheFileSystemClock();
		Files.setLastModifiedTime(this.csv, FileTime.from(Instant.now()));

		// when
		PinnedFile.Hashed after = source.pin(this.csv, MARCH);

		// then
		assertThat(after.fromCache()).isFalse();
		assertThat(after.pin().sha256()).isEqualTo(before.sha256());
	}

	@Test
	void withoutACacheOrAnEntryTheFileIsHashed() {
		// given: no cache; a cache without an entry for the month
		MonthSource uncached = new MonthSource(this.dataset, null);
		MonthSource empty = new MonthSource(this.dataset, trustingCache());

		// when
		PinnedFile.Hashed first = uncached.pin(this.csv, MARCH);
		PinnedFile.Hashed second = empty.pin(this.csv, MARCH);

		// then: both hashed, their line feeds counted
		for (PinnedFile.Hashed pinned : List.of(first, second)) {
			assertThat(pinned.fromCache()).isFalse();
			assertThat(pinned.pin().sha256()).isEqualTo(DatasetImporter.sha256(this.csv));
			assertThat(pinned.rows()).isEqualTo(7);
		}
	}

	@Test
	void anEntryOfOtherSettingsIsNotUsed() throws IOException {
		// given: an entry written for a dataset whose missing tokens differ
		new MonthSource(this.dataset, trustingCache()).read(this.csv, MARCH, (row) -> {
		}, (rejection) -> {
		});
		DatasetConfig other = DatasetConfig.builder("churn", null)
			.date("event_date")
			.binaryLabel("churned", "yes", "no")
			.missingTokens(java.util.Set.of("NA", "?"))
			.features(this.dataset.features())
			.build();

		// when
		PinnedFile.Hashed pinned = new MonthSource(other, trustingCache()).pin(this.csv, MARCH);

		// then
		assertThat(pinned.fromCache()).isFalse();
	}

	private MonthCache trustingCache() {
		return new MonthCache(this.folder.resolve(".ratchet/month-cache"),
				Clock.fixed(Instant.now().plus(Duration.ofHours(1)), ZoneOffset.UTC));
	}

	/**
	 * The file system's clock is coarse: waits until it has moved past the CSV's change
	 * time, so that a change gets another one.
	 */
	private void waitForTheFileSystemClock() {
		long changed = CsvStamp.of(this.csv).changed();
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			Path probe = Files.createTempFile(this.folder, "probe", ".tmp");
			return CsvStamp.of(probe).changed() > changed;
		});
	}

}
