package io.ratchet.workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.Feature;
import io.ratchet.data.FeatureType;
import io.ratchet.data.MonthSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ratchet.cache.enabled} switches the month cache on and off. */
class MonthSourcesTests {

	@TempDir
	Path root;

	private final DatasetConfig dataset = DatasetConfig.builder("churn", null)
		.date("event_date")
		.binaryLabel("churned", "yes", "no")
		.features(List.of(new Feature("tenure_months", FeatureType.NUMERIC)))
		.build();

	@Test
	void theCacheIsUsedWhenEnabled() throws IOException {
		// given
		Path cache = this.root.resolve(".ratchet/month-cache");
		MonthSources sources = new MonthSources(new MonthCacheProperties(true, cache));

		// when
		MonthSource source = readTwice(sources);

		// then
		assertThat(source.monthsFromCache()).isEqualTo(1);
		assertThat(cache).isDirectory();
	}

	@Test
	void theCacheIsNeitherReadNorWrittenWhenDisabled() throws IOException {
		// given
		Path cache = this.root.resolve(".ratchet/month-cache");
		MonthSources sources = new MonthSources(new MonthCacheProperties(false, cache));

		// when
		MonthSource source = readTwice(sources);

		// then
		assertThat(source.monthsParsed()).isEqualTo(2);
		assertThat(source.describe()).isEqualTo("months from the cache: 0, parsed from CSV: 2");
		assertThat(cache).doesNotExist();
	}

	private MonthSource readTwice(MonthSources sources) throws IOException {
		Path csv = Files.writeString(this.root.resolve("2012-03.csv"),
				"event_date,tenure_months,churned\n2012-03-01,12,yes\n2012-03-02,3,no\n");
		MonthSource source = sources.of(this.dataset);
		for (int i = 0; i < 2; i++) {
			source.read(csv, YearMonth.of(2012, 3), (row) -> {
			}, (rejection) -> {
			});
		}
		return source;
	}

}
