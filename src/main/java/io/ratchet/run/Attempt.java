package io.ratchet.run;

/**
 * Whether an earlier attempt of a period can have stored anything, which decides whether
 * saving the period first deletes what such an attempt left.
 *
 * <p>
 * The back-test knows it from its job execution: in the first execution of a run no
 * earlier attempt exists, so its months are only inserted (the deletes found nothing and
 * cost about a tenth of a small month's database time); in a restarted execution every
 * save replaces. Callers that cannot tell use {@link #REPEATED}.
 */
public enum Attempt {

	/** The first execution of the run: nothing of the period is stored yet. */
	FIRST,

	/**
	 * A restart, or not known: rows of an earlier attempt may exist and are replaced.
	 */
	REPEATED;

	/** Whether saving must first delete what an earlier attempt stored. */
	public boolean replaces() {
		return this == REPEATED;
	}

}
