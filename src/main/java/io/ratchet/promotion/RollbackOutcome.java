package io.ratchet.promotion;

/**
 * What a rollback did. Requirements are not loosened automatically: bounds ratcheted for
 * the replaced champion stay.
 *
 * @param eventId the ROLLBACK event
 * @param restored the champion restored
 * @param replaced the champion replaced (now the first candidate)
 * @param promotionEventId the promotion event that is undone
 */
public record RollbackOutcome(long eventId, String restored, String replaced, long promotionEventId) {

}
