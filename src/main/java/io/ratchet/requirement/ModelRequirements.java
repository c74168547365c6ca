package io.ratchet.requirement;

import java.util.List;

/**
 * A model's overrides of its dataset's bounds; a bound here replaces the dataset's bound
 * on the same metric.
 *
 * @param monthly bounds checked for every month
 * @param period bounds checked on the whole period
 */
public record ModelRequirements(List<Bound> monthly, List<Bound> period) {

	public ModelRequirements {
		monthly = DatasetRequirements.checked(monthly, "monthly");
		period = DatasetRequirements.checked(period, "period");
	}

}
