package io.ratchet.cli;

import io.ratchet.system.RatchetDefaults;
import io.ratchet.workspace.Workspace;

import org.springframework.stereotype.Component;

/**
 * The dataset a job command (back-test, now-test, challenge) works on: {@code --dataset},
 * or else the configured default ({@value RatchetDefaults#DATASET_SETTING}), and the
 * check that it can be judged before the command prints anything.
 */
@Component
class JobDataset {

	private final RatchetDefaults defaults;

	private final Workspace workspace;

	JobDataset(RatchetDefaults defaults, Workspace workspace) {
		this.defaults = defaults;
		this.workspace = workspace;
	}

	/**
	 * The dataset's name: the one given with {@code --dataset} (checked by
	 * {@link Names}), or else the default.
	 * @param given the value of {@code --dataset}, or {@code null}
	 * @throws UsageException when no {@code --dataset} is given and no default is
	 * configured
	 */
	String name(String given) {
		return (given != null) ? Names.dataset(given)
				: this.defaults.defaultDataset()
					.orElseThrow(() -> new UsageException(
							"no --dataset given and no default dataset configured: " + "give --dataset NAME, or set "
									+ RatchetDefaults.DATASET_SETTING + " (in config/application.yml)"));
	}

	/**
	 * Refuses a dataset whose configuration does not load or that has no requirements,
	 * before the command prints anything (exit 2, {@link CommandLine}); called once the
	 * whole command line is checked.
	 */
	void check(String dataset) {
		this.workspace.dataset(dataset);
		this.workspace.requirementsFor(dataset);
	}

}
