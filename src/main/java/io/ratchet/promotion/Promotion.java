package io.ratchet.promotion;

import java.nio.file.Path;
import java.util.List;

import io.ratchet.model.RegistryWriter;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Promotes a candidate the gate has judged: writes {@code registry.yml} (the previous
 * champion becomes the first candidate) and the ratchet's {@code requirements.yml} (each
 * atomically), and records both events in one transaction; when any step fails, both
 * files are put back as they were and nothing is recorded. {@code jobs/promote} and the
 * challenge job (automatic promotion) use it.
 */
@Service
public class Promotion {

	private final PromotionLookup lookup;

	private final RatchetPlanner ratchet;

	private final PromotionStore store;

	private final TransactionTemplate transaction;

	Promotion(PromotionLookup lookup, RatchetPlanner ratchet, PromotionStore store, TransactionTemplate transaction) {
		this.lookup = lookup;
		this.ratchet = ratchet;
		this.store = store;
		this.transaction = transaction;
	}

	/**
	 * Makes the candidate champion (the previous champion becomes the first candidate),
	 * records the event, then raises the requirements to the new champion's back-test
	 * level and records that too.
	 * @param decision the gate's decision for this candidate
	 * @param actor who promotes
	 * @param reason why; required when {@code forced}
	 * @param forced override a refusing gate
	 * @throws PromotionException (nothing changed) when the decision refuses and it is
	 * not forced, when forced without a reason, or when the decision is for another
	 * candidate or dataset
	 */
	public PromotionOutcome promote(String dataset, String candidateKey, GateDecision decision, String actor,
			String reason, boolean forced) {
		if (!decision.dataset().equals(dataset) || !decision.candidate().equals(candidateKey)) {
			throw new PromotionException("the gate decision is for " + decision.candidate() + " on \""
					+ decision.dataset() + "\", not " + candidateKey + " on \"" + dataset + "\"");
		}
		if (forced && (reason == null || reason.isBlank())) {
			throw new PromotionException("a forced promotion needs a reason (--reason \"...\"); nothing was changed");
		}
		if (!forced && !decision.passed()) {
			throw new PromotionException("the gate refused " + candidateKey + ": "
					+ String.join("; ", decision.failures().stream().map(ConditionResult::describe).toList()));
		}
		if (actor == null || actor.isBlank()) {
			throw new PromotionException("a promotion needs an actor (--by NAME)");
		}
		String current = this.lookup.champion(dataset, candidateKey);
		if (!current.equals(decision.champion())) {
			throw new PromotionException("the champion of \"" + dataset + "\" is now " + current + ", not "
					+ decision.champion() + " as when the gate decided; apply the gate again");
		}
		RatchetPlanner.Plan plan = this.ratchet.plan(dataset, candidateKey, decision.evidenceRunId());
		RatchetProposal raised = plan.proposal();
		Path registryFile = this.lookup.registryFile();
		Path requirementsFile = this.lookup.requirementsFile();
		return ConfigBackup.of(registryFile, requirementsFile).restoringOnFailure(() -> {
			RegistryWriter.promote(registryFile, dataset, candidateKey);
			if (raised.changesAnything()) {
				ConfigBackup.writeAtomically(requirementsFile, plan.edit().text());
			}
			return this.transaction.execute((status) -> {
				long eventId = this.store.record(forced ? EventKind.FORCED_PROMOTE : EventKind.PROMOTE, dataset,
						candidateKey, current, actor, reason, decision.evidenceRunIds(), decision.describe(), null);
				Long ratchetId = null;
				if (raised.changesAnything()) {
					ratchetId = this.store.record(EventKind.RATCHET, dataset, candidateKey, current, actor,
							"requirements raised after promotion event " + eventId, List.of(decision.evidenceRunId()),
							raised.details(), null);
				}
				return new PromotionOutcome(eventId, ratchetId, current, candidateKey, forced, raised);
			});
		});
	}

}
