package io.ratchet.promotion;

/**
 * What a promotion did.
 *
 * @param eventId the PROMOTE or FORCED_PROMOTE event
 * @param ratchetEventId the RATCHET event, or {@code null} when no bound changed
 * @param previousChampion the champion before (now the first candidate), or {@code null}
 * @param champion the new champion
 * @param forced whether the gate was overridden
 * @param ratchet the requirements raised (its diff and replay count)
 */
public record PromotionOutcome(long eventId, Long ratchetEventId, String previousChampion, String champion,
		boolean forced, RatchetProposal ratchet) {

}
