package io.ratchet.promotion;

import java.time.LocalDateTime;
import java.util.List;

/**
 * One row of the audit ({@code promotion_event}, with its evidence runs).
 *
 * @param id the event's id
 * @param kind what happened
 * @param dataset the dataset
 * @param modelKey the model that became champion (promotion, rollback) or whose level the
 * bounds were raised to
 * @param previousChampion the champion before, or {@code null}
 * @param actor who did it ({@code --by}, or the OS user)
 * @param at when
 * @param reason why (given with {@code --reason}), or {@code null}
 * @param evidenceRunIds the runs that justify it
 * @param details the gate decision, the ratchet's diff and replay count, as text
 */
public record PromotionEvent(long id, EventKind kind, String dataset, String modelKey, String previousChampion,
		String actor, LocalDateTime at, String reason, List<Long> evidenceRunIds, String details) {

	public PromotionEvent {
		evidenceRunIds = List.copyOf(evidenceRunIds);
	}

}
