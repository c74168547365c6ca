package io.ratchet.promotion;

import java.util.List;

import org.springframework.stereotype.Service;

/**
 * The promotion gate, promotions, rollbacks and the ratchet of requirements, with their audit. The commands
 * {@code jobs/promote}, {@code jobs/history} and {@code jobs/rollback} and the challenge job use it.
 */
@Service
public class PromotionService {

	/**
	 * Applies the gate to a candidate with the given evidence run (a back-test or challenge run that scored the
	 * champion and the candidate over the same months).
	 * @throws PromotionException (nothing changed) for an unknown dataset or version, a model of another dataset, a
	 * candidate that is already champion, or a run that did not score both models
	 */
	public GateDecision evaluate(String dataset, String candidateKey, long evidenceRunId) {
		throw new UnsupportedOperationException("not yet");
	}

	/** As {@link #evaluate(String, String, long)}, with the latest run that scored the champion and the candidate. */
	public GateDecision evaluate(String dataset, String candidateKey) {
		throw new UnsupportedOperationException("not yet");
	}

	/**
	 * Makes the candidate champion (the previous champion becomes the first candidate), records the event, then
	 * raises the requirements to the new champion's back-test level and records that too.
	 * @param decision the gate's decision for this candidate
	 * @param actor who promotes
	 * @param reason why; required when {@code forced}
	 * @param forced override a refusing gate
	 * @throws PromotionException (nothing changed) when the decision refuses and it is not forced, when forced
	 * without a reason, or when the decision is for another candidate or dataset
	 */
	public PromotionOutcome promote(String dataset, String candidateKey, GateDecision decision, String actor,
			String reason, boolean forced) {
		throw new UnsupportedOperationException("not yet");
	}

	/** The bounds a champion's back-test would set, with the diff and the replay, without writing anything. */
	public RatchetProposal proposeRatchet(String dataset, String championKey, long evidenceRunId) {
		throw new UnsupportedOperationException("not yet");
	}

	/**
	 * Restores the champion before the latest promotion of the dataset, and records it. Requirements are not loosened.
	 * @throws PromotionException when the dataset has no promotion to undo
	 */
	public RollbackOutcome rollback(String dataset, String actor, String reason) {
		throw new UnsupportedOperationException("not yet");
	}

	/** Every audit event of a dataset, oldest first. */
	public List<PromotionEvent> history(String dataset) {
		throw new UnsupportedOperationException("not yet");
	}

}
