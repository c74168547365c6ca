package io.ratchet.backtest;

import java.util.List;
import java.util.Map;

import io.ratchet.requirement.DatasetRequirements;
import io.ratchet.system.Workspace;

/** The requirements of a dataset, or none (every period passes) when requirements.yml does not name it. */
final class BacktestRequirements {

	private BacktestRequirements() {
	}

	static DatasetRequirements of(Workspace workspace, String dataset) {
		return workspace.requirements()
			.forDataset(dataset)
			.orElseGet(() -> new DatasetRequirements(dataset, 0, List.of(), List.of(), Map.of()));
	}

}
