package io.ratchet.promotion;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.ratchet.run.RunReads;
import io.ratchet.workspace.Workspace;

import org.springframework.stereotype.Service;

/**
 * Which version was champion of a dataset when: the champion in {@code registry.yml} now,
 * the recorded promotion events (promotions, rollbacks, ratchets) and the champion role
 * in the stored runs. {@code jobs/history} reads it.
 */
@Service
public class ChampionHistory {

	private final PromotionLookup lookup;

	private final Workspace workspace;

	private final PromotionStore store;

	ChampionHistory(PromotionLookup lookup, Workspace workspace, PromotionStore store) {
		this.lookup = lookup;
		this.workspace = workspace;
		this.store = store;
	}

	/** The dataset's champion in {@code registry.yml} now, if it has one. */
	public Optional<String> currentChampion(String dataset) {
		this.lookup.dataset(dataset);
		return this.workspace.registry().champion(dataset);
	}

	/** Every audit event of a dataset, oldest first. */
	public List<PromotionEvent> events(String dataset) {
		return this.store.events(dataset);
	}

	/**
	 * Which version had the champion role in the dataset's stored runs: one spell per run
	 * of consecutive runs with the same champion, oldest first.
	 */
	public List<ChampionSpell> championSpells(String dataset) {
		List<ChampionSpell> spells = new ArrayList<>();
		for (RunReads.RoleInRun run : this.store.championRuns(dataset)) {
			ChampionSpell last = spells.isEmpty() ? null : spells.get(spells.size() - 1);
			if (last != null && last.champion().equals(run.modelKey())) {
				spells.set(spells.size() - 1, new ChampionSpell(last.champion(), last.firstRunId(), run.runId(),
						last.from(), run.startedAt(), last.runs() + 1));
			}
			else {
				spells.add(new ChampionSpell(run.modelKey(), run.runId(), run.runId(), run.startedAt(), run.startedAt(),
						1));
			}
		}
		return spells;
	}

}
