package io.ratchet.promotion;

/** What an audit event records. */
public enum EventKind {

	/** A candidate became champion through the gate. */
	PROMOTE,
	/** A candidate became champion with {@code --force}, whatever the gate said. */
	FORCED_PROMOTE,
	/** The previous champion was restored. */
	ROLLBACK,
	/** The requirements were raised after a promotion. */
	RATCHET

}
