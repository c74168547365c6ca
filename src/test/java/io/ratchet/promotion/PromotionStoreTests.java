package io.ratchet.promotion;

import java.time.LocalDateTime;
import java.util.List;
import java.util.OptionalLong;

import io.ratchet.run.FigureReads;
import io.ratchet.run.ModelVersionStore;
import io.ratchet.run.ResultsStore;
import io.ratchet.run.Role;
import io.ratchet.run.RunReads;
import io.ratchet.run.RunStatus;
import io.ratchet.test.StoreSlice;
import io.ratchet.test.StoredModels;
import io.ratchet.test.Unique;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The promotion history on the real Flyway schema (a slice): events with their evidence
 * runs, read back oldest first, and the latest promotion that no rollback undid. Each
 * test rolls back; datasets are unique.
 */
@StoreSlice
@Import({ PromotionStore.class, RunReads.class, FigureReads.class, ResultsStore.class, ModelVersionStore.class })
class PromotionStoreTests {

	@Autowired
	PromotionStore store;

	@Autowired
	ResultsStore results;

	@Autowired
	ModelVersionStore models;

	private String dataset;

	private long firstRun;

	@BeforeEach
	void runs() {
		this.dataset = Unique.name("promotion");
		this.firstRun = Unique.runIds();
		for (int i = 0; i < 3; i++) {
			this.results.openRun(this.firstRun + i, "backtest", this.dataset, "2024-01", "2024-06",
					LocalDateTime.of(2024, 7, 1 + i, 6, 0), "dataset=" + this.dataset, 6);
		}
	}

	@Test
	void anEventIsRecordedWithItsEvidenceAndReadBackWhole() {
		// when
		long id = this.store.record(EventKind.PROMOTE, this.dataset, "toy-better@1", "toy-logit@1", "alice",
				"  better AUC  ", List.of(this.firstRun + 1, this.firstRun), "gate: passed", null);

		// then
		assertThat(this.store.events(this.dataset)).singleElement().satisfies((event) -> {
			assertThat(event.id()).isEqualTo(id);
			assertThat(event.kind()).isEqualTo(EventKind.PROMOTE);
			assertThat(event.dataset()).isEqualTo(this.dataset);
			assertThat(event.modelKey()).isEqualTo("toy-better@1");
			assertThat(event.previousChampion()).isEqualTo("toy-logit@1");
			assertThat(event.actor()).isEqualTo("alice");
			assertThat(event.at()).isNotNull();
			assertThat(event.reason()).isEqualTo("better AUC");
			assertThat(event.evidenceRunIds()).containsExactly(this.firstRun, this.firstRun + 1);
			assertThat(event.details()).isEqualTo("gate: passed");
		});
		assertThat(this.store.events("other-" + this.dataset)).isEmpty();
	}

	@Test
	void aBlankReasonIsNoneAndEventsComeOldestFirst() {
		// when
		long ratchet = this.store.record(EventKind.RATCHET, this.dataset, "toy-logit@1", null, "ratchet", "  ",
				List.of(), null, null);
		long forced = this.store.record(EventKind.FORCED_PROMOTE, this.dataset, "toy-colour@1", "toy-logit@1", "bob",
				"urgent", List.of(this.firstRun + 2), null, null);

		// then
		assertThat(this.store.events(this.dataset)).extracting(PromotionEvent::id).containsExactly(ratchet, forced);
		assertThat(this.store.events(this.dataset).get(0).reason()).isNull();
		assertThat(this.store.events(this.dataset).get(0).evidenceRunIds()).isEmpty();
	}

	@Test
	void theLastPromotionNotUndoneSkipsRolledBackOnes() {
		// given two promotions, the later one rolled back
		assertThat(this.store.lastPromotionNotUndone(this.dataset)).isEmpty();
		long first = this.store.record(EventKind.PROMOTE, this.dataset, "toy-better@1", "toy-logit@1", "alice", null,
				List.of(this.firstRun), null, null);
		long second = this.store.record(EventKind.FORCED_PROMOTE, this.dataset, "toy-colour@1", "toy-better@1", "bob",
				"try it", List.of(), null, null);
		assertThat(this.store.lastPromotionNotUndone(this.dataset)).map(PromotionEvent::id).contains(second);

		// when
		this.store.record(EventKind.ROLLBACK, this.dataset, "toy-better@1", "toy-colour@1", "bob", "worse", List.of(),
				null, second);

		// then
		assertThat(this.store.lastPromotionNotUndone(this.dataset)).map(PromotionEvent::id).contains(first);
		assertThat(this.store.lastPromotionNotUndone("other-" + this.dataset)).isEmpty();
	}

	@Test
	void theEvidenceIsTheNewestCompletedRunThatScoredBothModels() {
		// given: the first run scored both and completed, the second scored both and
		// failed, the third scored the
		// champion alone
		long champion = this.models.register(StoredModels.named(this.dataset + "-logit"));
		long candidate = this.models.register(StoredModels.named(this.dataset + "-better"));
		for (int i = 0; i < 3; i++) {
			this.results.recordRunModel(this.firstRun + i, champion, Role.CHAMPION);
		}
		this.results.recordRunModel(this.firstRun, candidate, Role.CANDIDATE);
		this.results.recordRunModel(this.firstRun + 1, candidate, Role.CANDIDATE);
		this.results.finishRun(this.firstRun, RunStatus.COMPLETED, "PASS", 100, 0, 0, null, null);
		this.results.failRun(this.firstRun + 1, "interrupted");
		this.results.finishRun(this.firstRun + 2, RunStatus.COMPLETED, "PASS", 100, 0, 0, null, null);

		// when
		OptionalLong evidence = this.store.latestEvidenceRun(this.dataset, this.dataset + "-logit@1",
				this.dataset + "-better@1");

		// then
		assertThat(evidence).hasValue(this.firstRun);
		assertThat(this.store.latestEvidenceRun(this.dataset, this.dataset + "-logit@1", this.dataset + "-gbt@1"))
			.isEmpty();
		assertThat(this.store.championRuns(this.dataset)).extracting(RunReads.RoleInRun::runId)
			.containsExactly(this.firstRun, this.firstRun + 1, this.firstRun + 2);
		assertThat(this.store.championRuns(this.dataset)).extracting(RunReads.RoleInRun::modelKey)
			.containsOnly(this.dataset + "-logit@1");
		assertThat(this.store.nowtests(this.dataset, this.dataset + "-logit@1")).isEmpty();
	}

}
