package io.ratchet.data;

/**
 * Told how an import advances, for a progress line: the rows of the source read (and
 * validated) so far, then the rows merged into month files so far. Called from the
 * importing thread, every 65,536 rows and at the end of each pass; what it does costs the
 * import its time.
 */
public interface ImportProgress {

	/** Tells nothing to anyone. */
	ImportProgress NONE = new ImportProgress() {
	};

	/** Rows of the source read so far (the first pass). */
	default void read(long rows) {
	}

	/** Rows merged into the month files so far (the second pass). */
	default void merged(long rows) {
	}

}
