package io.ratchet.api;

import java.util.List;

import io.ratchet.promotion.ChampionSpell;
import io.ratchet.promotion.PromotionEvent;

/**
 * A dataset's champion history, as {@code jobs/history} shows it.
 *
 * @param champion the champion now ({@code registry.yml}), or {@code null}
 * @param events every recorded promotion, rollback and ratchet, oldest first
 * @param spells which version was champion in the stored runs, and when
 */
public record HistoryView(String dataset, String champion, List<PromotionEvent> events, List<ChampionSpell> spells) {

}
