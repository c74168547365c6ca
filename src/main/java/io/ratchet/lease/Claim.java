package io.ratchet.lease;

import java.util.Optional;

/**
 * The outcome of a claim.
 *
 * @param refusedBy the live holder, when refused
 * @param takenOver when granted by taking over a stale lease: whose it was and why it was
 * stale
 */
public record Claim(Optional<Holder> refusedBy, Optional<TakeOver> takenOver) {

	/** Whether the claimant now holds the lease. */
	public boolean granted() {
		return this.refusedBy.isEmpty();
	}

	/**
	 * A stale lease taken over.
	 *
	 * @param from its holder
	 * @param why why it was taken for dead
	 */
	public record TakeOver(Holder from, String why) {

		/** One line for the log or the console. */
		public String message() {
			return "Took over the claim of process " + this.from.process() + " (since " + this.from.since().withNano(0)
					+ "): " + this.why + ".";
		}

	}

}
