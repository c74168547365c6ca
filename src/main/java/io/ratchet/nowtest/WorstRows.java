package io.ratchet.nowtest;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The {@code limit} most surprising rows of one kind seen so far: a bounded heap whose
 * head is the least surprising kept, so memory stays at {@code limit} rows however long
 * the window, and the result is the same whatever order the rows came in
 * ({@link Surprise#MOST_SURPRISING_FIRST} is a total order on a window's rows).
 */
final class WorstRows {

	private final int limit;

	private final PriorityQueue<Surprise> kept;

	WorstRows(int limit) {
		this.limit = limit;
		this.kept = new PriorityQueue<>(Surprise.MOST_SURPRISING_FIRST.reversed());
	}

	/** Whether a row with this measure could be kept (spares building it otherwise). */
	boolean admits(double measure) {
		return this.kept.size() < this.limit || measure >= this.kept.peek().measure();
	}

	void offer(Surprise row) {
		if (this.kept.size() < this.limit) {
			this.kept.add(row);
		}
		else if (Surprise.MOST_SURPRISING_FIRST.compare(row, this.kept.peek()) < 0) {
			this.kept.poll();
			this.kept.add(row);
		}
	}

	/** The rows kept, most surprising first. */
	List<Surprise> ranked() {
		List<Surprise> ranked = new ArrayList<>(this.kept);
		ranked.sort(Surprise.MOST_SURPRISING_FIRST);
		return ranked;
	}

}
