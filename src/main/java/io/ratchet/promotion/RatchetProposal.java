package io.ratchet.promotion;

import java.util.List;
import java.util.Locale;

/**
 * The requirements raised to a new champion's level: the changes, the text diff of
 * {@code config/requirements.yml}, and how the new bounds replay over the stored history.
 *
 * @param dataset the dataset
 * @param champion the champion whose back-test sets the level
 * @param evidenceRunId the back-test run whose figures were used
 * @param tolerance the configured ratchet tolerance
 * @param changes the numbers that change (empty when every bound is already at least as
 * tight)
 * @param diff a unified-style diff of the file, empty when nothing changes
 * @param replay the new bounds over the stored history
 */
public record RatchetProposal(String dataset, String champion, long evidenceRunId, double tolerance,
		List<BoundChange> changes, String diff, ReplayCount replay) {

	public RatchetProposal {
		changes = List.copyOf(changes);
	}

	/** Whether any bound changes. */
	public boolean changesAnything() {
		return !this.changes.isEmpty();
	}

	/**
	 * The audit's details of a RATCHET event: one line per change, the replay count, then
	 * the diff.
	 */
	String details() {
		StringBuilder text = new StringBuilder();
		this.changes.forEach(
				(change) -> text.append(String.format(Locale.ROOT, "%s %s %s: %s -> %s (champion %.4f, tolerance %s)%n",
						change.section(), change.metric().key(), change.kind().name().toLowerCase(Locale.ROOT),
						RequirementsRatchet.plain(change.from()), RequirementsRatchet.plain(change.to()),
						change.performance(), RequirementsRatchet.plain(this.tolerance))));
		text.append("replay: ").append(this.replay.describe()).append('\n').append(this.diff);
		return text.toString();
	}

}
