package io.ratchet.challenge;

import java.time.LocalDateTime;

import io.ratchet.challenge.ChallengeStore.Candidate;
import io.ratchet.challenge.ChallengeStore.ChallengeRun;
import io.ratchet.run.ResultsStore;
import io.ratchet.run.RunReads;
import io.ratchet.test.StoreSlice;
import io.ratchet.test.Unique;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A challenge run's records on the real Flyway schema (a slice): the run, its candidates
 * with their ranking and decisions, registry statuses across runs. Each test rolls back;
 * datasets and run ids are unique.
 */
@StoreSlice
@Import({ ChallengeStore.class, RunReads.class, ResultsStore.class })
class ChallengeStoreTests {

	@Autowired
	ChallengeStore store;

	@Autowired
	ResultsStore results;

	private String dataset;

	private long runId;

	@BeforeEach
	void run() {
		this.dataset = Unique.name("challenge");
		this.runId = Unique.runIds();
		openRun(this.runId);
	}

	@Test
	void aRunIsOpenedEvaluatedAndGivenItsOutcome() {
		// given
		long evaluation = this.runId + 1;
		openRun(evaluation);

		// when
		this.store.open(this.runId, this.dataset, "toy-logit@1", "roc_auc", "2024-05", "2024-06");
		this.store.evaluated(this.runId, evaluation);
		this.store.outcome(this.runId, "WAITING", "toy-c1@1", "o".repeat(5000));
		this.store.ratchet(this.runId, "roc_auc 0.70 -> 0.72");

		// then
		ChallengeRun run = this.store.run(this.runId).orElseThrow();
		assertThat(run.dataset()).isEqualTo(this.dataset);
		assertThat(run.championKey()).isEqualTo("toy-logit@1");
		assertThat(run.primaryMetric()).isEqualTo("roc_auc");
		assertThat(run.evalFrom()).isEqualTo("2024-05");
		assertThat(run.evalTo()).isEqualTo("2024-06");
		assertThat(run.evaluationRunId()).isEqualTo(evaluation);
		assertThat(run.outcome()).isEqualTo("WAITING");
		assertThat(run.outcomeModel()).isEqualTo("toy-c1@1");
		assertThat(run.outcomeText()).hasSize(4000).endsWith(" …");
		assertThat(run.ratchetText()).isEqualTo("roc_auc 0.70 -> 0.72");
		assertThat(this.store.run(this.runId + 2)).isEmpty();

		// when: a restart opens it again with another champion and metric
		this.store.open(this.runId, this.dataset, "toy-logit@2", "log_loss", "2024-05", "2024-06");
		this.store.primaryMetric(this.runId, "pr_auc");

		// then
		assertThat(this.store.run(this.runId).orElseThrow())
			.extracting(ChallengeRun::championKey, ChallengeRun::primaryMetric, ChallengeRun::outcome)
			.containsExactly("toy-logit@2", "pr_auc", "WAITING");
	}

	@Test
	void candidatesAreListedRankedFirstThenByKeyWithTheirDecisions() {
		// given
		this.store.open(this.runId, this.dataset, "toy-logit@1", "roc_auc", "2024-05", "2024-06");
		this.store.addCandidate(this.runId, "toy-c3@1", "penalty=1", "2024-01", "2024-04", 1200, "models/c3.json");
		this.store.addCandidate(this.runId, "toy-c1@1", "penalty=0.1", "2024-03", "2024-04", 600, "models/c1.json");
		this.store.addCandidate(this.runId, "toy-c2@1", "penalty=0.1", "2024-01", "2024-04", 1200, "models/c2.json");
		this.store.addCandidate(this.runId, "toy-c1@1", "penalty=0.1 again", "2024-03", "2024-04", 601,
				"models/c1.json");

		// when
		this.store.ranked(this.runId, "toy-c2@1", 1, 0.81, 0.70);
		this.store.ranked(this.runId, "toy-c3@1", 2, 0.78, 0.70);
		this.store.decided(this.runId, "toy-c2@1", "WAITING", 0.02, 0.2, null);
		this.store.decided(this.runId, "toy-c3@1", "REFUSED", -0.01, 0.15, "better than the champion");
		this.store.registryStatus(this.runId, "toy-c3@1", "RETIRED");

		// then
		assertThat(this.store.candidates(this.runId)).extracting(Candidate::modelKey)
			.containsExactly("toy-c2@1", "toy-c3@1", "toy-c1@1");
		Candidate best = this.store.candidates(this.runId).get(0);
		assertThat(best.spec()).isEqualTo("penalty=0.1");
		assertThat(best.trainFrom()).isEqualTo("2024-01");
		assertThat(best.trainTo()).isEqualTo("2024-04");
		assertThat(best.trainRows()).isEqualTo(1200);
		assertThat(best.filePath()).isEqualTo("models/c2.json");
		assertThat(best.registryStatus()).isEqualTo("REGISTERED");
		assertThat(best.ranking()).isOne();
		assertThat(best.metricValue()).isCloseTo(0.81, within(1e-12));
		assertThat(best.championValue()).isCloseTo(0.70, within(1e-12));
		assertThat(best.diffLow()).isCloseTo(0.02, within(1e-12));
		assertThat(best.diffHigh()).isCloseTo(0.2, within(1e-12));
		assertThat(best.decision()).isEqualTo("WAITING");
		assertThat(best.failedConditions()).isNull();
		Candidate second = this.store.candidates(this.runId).get(1);
		assertThat(second.registryStatus()).isEqualTo("RETIRED");
		assertThat(second.failedConditions()).isEqualTo("better than the champion");
		Candidate unranked = this.store.candidates(this.runId).get(2);
		assertThat(unranked.spec()).isEqualTo("penalty=0.1 again");
		assertThat(unranked.trainRows()).isEqualTo(601);
		assertThat(unranked.ranking()).isNull();
		assertThat(unranked.metricValue()).isNull();
	}

	@Test
	void candidatesKeptByEarlierRunsAreFoundNewestFirstUntilMarkedEverywhere() {
		// given two earlier runs that kept candidates, and a later one
		long earlier = this.runId + 1;
		long later = this.runId + 2;
		openRun(earlier);
		openRun(later);
		this.store.open(this.runId, this.dataset, "toy-logit@1", "roc_auc", "2024-05", "2024-06");
		this.store.open(earlier, this.dataset, "toy-logit@1", "roc_auc", "2024-06", "2024-07");
		this.store.addCandidate(this.runId, "toy-a@1", "a", "2024-01", "2024-04", 10, "a.json");
		this.store.addCandidate(earlier, "toy-b@1", "b", "2024-01", "2024-05", 10, "b.json");
		this.store.addCandidate(earlier, "toy-c@1", "c", "2024-01", "2024-05", 10, "c.json");
		this.store.registryStatus(this.runId, "toy-a@1", "KEPT");
		this.store.registryStatus(earlier, "toy-b@1", "KEPT");

		// then
		assertThat(this.store.keptEarlier(this.dataset, later)).containsExactly("toy-b@1", "toy-a@1");
		assertThat(this.store.keptEarlier(this.dataset, earlier)).containsExactly("toy-a@1");
		assertThat(this.store.keptEarlier("other-" + this.dataset, later)).isEmpty();

		// when
		this.store.registryStatusEverywhere("toy-b@1", "PROMOTED");

		// then
		assertThat(this.store.keptEarlier(this.dataset, later)).containsExactly("toy-a@1");
		assertThat(this.store.candidates(earlier)).filteredOn((c) -> c.modelKey().equals("toy-b@1"))
			.extracting(Candidate::registryStatus)
			.containsExactly("PROMOTED");
	}

	private void openRun(long id) {
		this.results.openRun(id, "challenge", this.dataset, null, null, LocalDateTime.of(2024, 7, 1, 6, 0),
				"dataset=" + this.dataset, 0);
	}

}
