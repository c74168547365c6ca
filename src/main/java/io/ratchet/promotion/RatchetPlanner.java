package io.ratchet.promotion;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.ratchet.metrics.Metric;
import io.ratchet.metrics.MetricId;
import io.ratchet.model.ModelVersion;
import io.ratchet.requirement.DatasetRequirements;
import io.ratchet.requirement.Requirements;
import io.ratchet.requirement.RequirementsException;
import io.ratchet.run.ResultsStore;
import io.ratchet.run.RunModel;
import io.ratchet.run.RunRecord;
import io.ratchet.workspace.Workspace;

import org.springframework.stereotype.Service;

/**
 * Plans the ratchet: the bounds of {@code config/requirements.yml} raised to a champion's
 * level in a back-test run (its worst month, its whole period, less the ratchet
 * tolerance), with the text diff and how the new bounds replay over the stored history.
 * Nothing is written here; {@link Promotion} writes the plan.
 */
@Service
public class RatchetPlanner {

	private final PromotionLookup lookup;

	private final Workspace workspace;

	private final PromotionStore store;

	RatchetPlanner(PromotionLookup lookup, Workspace workspace, PromotionStore store) {
		this.lookup = lookup;
		this.workspace = workspace;
		this.store = store;
	}

	/**
	 * A ratchet planned for writing: the new text of {@code requirements.yml} and what it
	 * changes.
	 *
	 * @param edit the new text and bounds
	 * @param proposal the changes, the diff and the replay
	 */
	record Plan(RequirementsRatchet.Edit edit, RatchetProposal proposal) {
	}

	/**
	 * The bounds a champion's back-test would set, with the diff and the replay, without
	 * writing anything.
	 */
	public RatchetProposal propose(String dataset, String championKey, long evidenceRunId) {
		return plan(dataset, championKey, evidenceRunId).proposal();
	}

	/** As {@link #propose}, with the new text of the requirements file. */
	Plan plan(String dataset, String championKey, long evidenceRunId) {
		RequirementsRatchet.Edit edit = edit(dataset, championKey, evidenceRunId);
		DatasetRequirements before = this.workspace.requirements().forDatasetOrNone(dataset);
		ReplayCount replay = HistoryReplay.replay(this.store.championFigures(dataset), before, edit.requirements());
		return new Plan(edit, new RatchetProposal(dataset, championKey, evidenceRunId,
				this.lookup.settings(dataset).ratchetTolerance(), edit.changes(), edit.diff(), replay));
	}

	private RequirementsRatchet.Edit edit(String dataset, String championKey, long evidenceRunId) {
		RunRecord run = this.lookup.run(evidenceRunId);
		ModelVersion champion = this.lookup.version(dataset, championKey);
		RunModel scored = this.lookup.scored(run, champion);
		Path file = this.lookup.requirementsFile();
		String text = Files.exists(file) ? new String(ConfigBackup.bytes(file), StandardCharsets.UTF_8) : "";
		DatasetRequirements current;
		try {
			current = Requirements.load(file).forDatasetOrNone(dataset);
		}
		catch (RequirementsException ex) {
			throw new PromotionException(ex.getMessage(), ex);
		}
		Map<MetricId, Double> lowest = new HashMap<>();
		Map<MetricId, Double> highest = new HashMap<>();
		Map<MetricId, Double> whole = new HashMap<>();
		this.store.figures(evidenceRunId, scored.id()).forEach((period, values) -> {
			long n = values.getOrDefault(Metric.N, 0.0).longValue();
			if (n == 0 || n < current.minRows()) {
				return;
			}
			if (ResultsStore.ALL.equals(period)) {
				whole.putAll(values);
				return;
			}
			values.forEach((metric, value) -> {
				lowest.merge(metric, value, Math::min);
				highest.merge(metric, value, Math::max);
			});
		});
		return RequirementsRatchet.propose(text, file, current, new RequirementsRatchet.Level(lowest, highest, whole),
				this.lookup.settings(dataset).ratchetTolerance());
	}

}
