package io.ratchet.promotion;

import java.time.LocalDateTime;

/**
 * A stretch of stored runs with the same champion.
 *
 * @param champion the champion's key
 * @param firstRunId the first run
 * @param lastRunId the last run
 * @param from the first run's start
 * @param to the last run's start
 * @param runs how many runs
 */
public record ChampionSpell(String champion, long firstRunId, long lastRunId, LocalDateTime from, LocalDateTime to,
		int runs) {

}
