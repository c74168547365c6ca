package io.ratchet.nowtest;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.ratchet.data.ImportResult;
import io.ratchet.nowtest.NowtestStore.DriftBreach;
import io.ratchet.nowtest.NowtestStore.StoredDrift;
import io.ratchet.nowtest.NowtestStore.WindowRecord;
import io.ratchet.requirement.Verdict;
import io.ratchet.run.ImportBatchStore;
import io.ratchet.run.ModelVersionStore;
import io.ratchet.run.ResultsStore;
import io.ratchet.run.StoredBreach;
import io.ratchet.test.StoreSlice;
import io.ratchet.test.StoredModels;
import io.ratchet.test.Unique;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A now-test's own records on the real Flyway schema (a slice): drift values and
 * breaches, the window, and whether an incoming file was imported before
 * ({@link ImportBatchStore} writes what {@link NowtestStore} reads). Each test rolls
 * back; datasets and run ids are unique.
 */
@StoreSlice
@Import({ NowtestStore.class, ResultsStore.class, ModelVersionStore.class, ImportBatchStore.class })
class NowtestStoreTests {

	@Autowired
	NowtestStore store;

	@Autowired
	ResultsStore results;

	@Autowired
	ModelVersionStore models;

	@Autowired
	ImportBatchStore imports;

	private String dataset;

	private long runId;

	@BeforeEach
	void run() {
		this.dataset = Unique.name("nowtest");
		this.runId = Unique.runIds();
		this.results.openRun(this.runId, "nowtest", this.dataset, null, null, LocalDateTime.of(2024, 3, 31, 6, 0),
				"dataset=" + this.dataset, 1);
	}

	@Test
	void driftValuesAndBreachesAreStoredAndASecondSaveReplacesThem() {
		// given
		long champion = this.models.register(StoredModels.named(this.dataset + "-logit"));
		StoredDrift x = new StoredDrift("x", "psi", null, 0.31, "training window", 1000, 300);
		StoredDrift score = new StoredDrift("score:" + this.dataset + "-logit@1", "psi", champion, 0.05,
				"training window", 1000, 300);
		StoredDrift colour = new StoredDrift("colour", "missing_rate", null, 0.0, "training window", 1000, 300);

		// when
		this.store.saveDrift(this.runId, List.of(x, score), List.of(new DriftBreach(champion, "psi:x", 0.31, 0.2)));
		this.store.saveDrift(this.runId, List.of(x, colour, score),
				List.of(new DriftBreach(champion, "psi:x", 0.31, 0.2)));

		// then
		assertThat(this.store.drift(this.runId)).containsExactly(colour, score, x);
		assertThat(this.results.breaches(this.runId))
			.containsExactly(new StoredBreach(champion, ResultsStore.ALL, "psi:x", "MAX", 0.2, 0.31));
		assertThat(this.store.drift(this.runId + 1)).isEmpty();
	}

	@Test
	void theWindowIsStoredReplacedAndReadBack() {
		// given
		NowtestWindow days = new NowtestWindow(LocalDate.of(2024, 3, 22), LocalDate.of(2024, 3, 31),
				LocalDate.of(2024, 3, 29));
		WindowRecord first = new WindowRecord(this.runId, days, 500, 400, 80, 20, "training window", 3000, Verdict.PASS,
				Verdict.BREACH, 1, 155, 1);
		WindowRecord second = new WindowRecord(this.runId, days, 510, 410, 80, 20, "training window", 3000,
				Verdict.BREACH, Verdict.PASS, 2, 165, 0);

		// when
		this.store.saveWindow(first);
		this.store.saveWindow(second);

		// then
		assertThat(this.store.window(this.runId)).contains(second);
		assertThat(this.store.window(this.runId + 1)).isEmpty();
	}

	@Test
	void aFileIsAlreadyImportedOnceAnImportOfItsDatasetRecordedItsSha() {
		// given
		ImportResult result = new ImportResult(Path.of("incoming/2024-03-export.csv"), "ab".repeat(32), 10, 7, 1, 1, 1,
				0, new TreeMap<>(Map.of(YearMonth.of(2024, 3), 7L)), new TreeMap<>(), Path.of("quarantine/q.csv"));
		assertThat(this.store.alreadyImported(this.dataset, "ab".repeat(32))).isFalse();

		// when
		this.imports.record(this.dataset, result);
		this.imports.record(this.dataset, result);

		// then
		assertThat(this.store.alreadyImported(this.dataset, "ab".repeat(32))).isTrue();
		assertThat(this.store.alreadyImported(this.dataset, "cd".repeat(32))).isFalse();
		assertThat(this.store.alreadyImported("other-" + this.dataset, "ab".repeat(32))).isFalse();
		assertThat(this.imports.rejectedRows(this.dataset)).isEqualTo(2);
		assertThat(this.imports.rejectedRows("other-" + this.dataset)).isZero();
	}

}
