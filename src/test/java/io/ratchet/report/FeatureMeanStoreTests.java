package io.ratchet.report;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.Feature;
import io.ratchet.data.FeatureType;
import io.ratchet.data.Row;
import io.ratchet.report.FeatureMeanStore.StoredMean;
import io.ratchet.run.ResultsStore;
import io.ratchet.test.StoreSlice;
import io.ratchet.test.Unique;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

/**
 * The numeric features' means a report draws, on the real Flyway schema (a slice): stored
 * per run and period, a second save of a period replacing the first. Each test rolls
 * back.
 */
@StoreSlice
@Import({ FeatureMeanStore.class, ResultsStore.class })
class FeatureMeanStoreTests {

	static final DatasetConfig DATASET = DatasetConfig.builder("toy", null)
		.date("day")
		.binaryLabel("outcome", "1", "0")
		.missingTokens(Set.of("NA"))
		.features(List.of(new Feature("x", FeatureType.NUMERIC), new Feature("colour", FeatureType.CATEGORICAL),
				new Feature("age", FeatureType.NUMERIC)))
		.build();

	@Autowired
	FeatureMeanStore store;

	@Autowired
	ResultsStore results;

	@Test
	void meansAreStoredPerPeriodAndASecondSaveOfAPeriodReplacesIt() {
		// given
		long runId = Unique.runIds();
		this.results.openRun(runId, "backtest", Unique.name("means"), "2024-01", "2024-02", null, "dataset=toy", 2);
		FeatureMeans january = means(row(1.0, Double.NaN), row(3.0, Double.NaN));
		FeatureMeans february = means(row(10.0, 40.0), row(Double.NaN, 50.0), row(20.0, 60.0));

		// when
		this.store.save(runId, "2024-01", january);
		this.store.save(runId, "2024-02", means(row(0.0, 0.0)));
		this.store.save(runId, "2024-02", february);

		// then: by feature, then period
		List<StoredMean> stored = this.store.means(runId);
		assertThat(stored).extracting(StoredMean::feature, StoredMean::period, StoredMean::rows)
			.containsExactly(tuple("age", "2024-01", 0L), tuple("age", "2024-02", 3L), tuple("x", "2024-01", 2L),
					tuple("x", "2024-02", 2L));
		assertThat(stored.get(0).mean()).as("a period without a value has no mean, not 0").isNull();
		assertThat(stored.get(1).mean()).isCloseTo(50.0, within(1e-12));
		assertThat(stored.get(2).mean()).isCloseTo(2.0, within(1e-12));
		assertThat(stored.get(3).mean()).isCloseTo(15.0, within(1e-12));
		assertThat(this.store.means(runId + 1)).isEmpty();
	}

	private static FeatureMeans means(Row... rows) {
		FeatureMeans means = new FeatureMeans(DATASET);
		for (Row row : rows) {
			means.add(row);
		}
		return means;
	}

	private static Row row(double x, double age) {
		return new Row(1, LocalDate.of(2024, 1, 1), 1.0, new double[] { x, Double.NaN, age },
				new String[] { null, "red", null });
	}

}
