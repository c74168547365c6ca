package io.ratchet.lease;

import java.util.Optional;

/**
 * Evidence of a holder's death beyond its lease: a scheduler daemon's Quartz cluster
 * state tells that a daemon on another host died after about 13 s, long before its lease
 * lapses.
 */
@FunctionalInterface
public interface Liveness {

	/**
	 * The lease alone: a holder is dead when its process on this host ended, or its lease
	 * lapsed.
	 */
	Liveness LEASE_ONLY = (holder) -> Optional.empty();

	/** Why {@code holder} is known dead, or empty when nothing here says so. */
	Optional<String> deadBecause(Holder holder);

}
