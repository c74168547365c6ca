package io.ratchet.promotion;

/**
 * The proposed bounds replayed over a dataset's stored history: the champion of each
 * stored run (the version that had the champion role in it), its stored figures checked
 * again against the new bounds.
 *
 * @param runsChecked stored completed runs of the dataset with champion figures
 * @param runsAlerting runs in which at least one figure would breach the new bounds
 * @param periodsAlerting months (or now-test windows, or whole periods) that would breach
 * @param runsAlertingBefore runs that breach the current bounds (for comparison)
 */
public record ReplayCount(int runsChecked, int runsAlerting, int periodsAlerting, int runsAlertingBefore) {

	/**
	 * e.g.
	 * {@code 3 of 12 stored runs (5 periods) would have alerted under the new bounds (1 under the current)}.
	 */
	public String describe() {
		return this.runsAlerting + " of " + this.runsChecked + " stored runs (" + this.periodsAlerting
				+ " periods) would have alerted under the new bounds (" + this.runsAlertingBefore
				+ " under the current ones)";
	}

}
