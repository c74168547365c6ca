package io.ratchet.data;

/**
 * How the rows of a period and the scores logged by a model met (model kind
 * {@code logged}, whose scores come from a dataset column or a prediction log): what a
 * run's facts show for such a model, so that no row is silently scored as something and
 * no prediction silently lost.
 *
 * @param logged predictions of the period: {@code joined + awaitingLabel}
 * @param joined rows the metrics judged (labelled) that have a logged score: the rows
 * behind the model's metrics
 * @param unlogged rows the metrics judged that have no logged score: left out of the
 * model's metrics, counted here
 * @param awaitingLabel logged predictions not joined with a judged row: the row has no
 * label yet (or, in a now-test, lies after the label cut-off), or is not in the dataset
 * yet; they are joined when the labels arrive
 */
public record LogCoverage(long logged, long joined, long unlogged, long awaitingLabel) {

	/** The sum of two periods' counts. */
	public LogCoverage plus(LogCoverage other) {
		return new LogCoverage(this.logged + other.logged, this.joined + other.joined, this.unlogged + other.unlogged,
				this.awaitingLabel + other.awaitingLabel);
	}

}
