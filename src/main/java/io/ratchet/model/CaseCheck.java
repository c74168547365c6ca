package io.ratchet.model;

import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of running a model version's regression cases with the current scorer.
 *
 * @param model {@code name@version}
 * @param file the cases file
 * @param cases how many cases were scored
 * @param mismatches the cases whose output differs from the recorded one beyond
 * {@link ModelCases#TOLERANCE}
 * @param skipped why the model has no cases to run (a {@link LoggedModel}), or
 * {@code null} when they ran
 */
public record CaseCheck(String model, Path file, int cases, List<Mismatch> mismatches, String skipped) {

	public CaseCheck {
		mismatches = List.copyOf(mismatches);
	}

	/** The cases of a model, run. */
	public CaseCheck(String model, Path file, int cases, List<Mismatch> mismatches) {
		this(model, file, cases, mismatches, null);
	}

	/** A model whose kind has no regression cases: nothing to run, nothing refused. */
	static CaseCheck skipped(String model, String reason) {
		return new CaseCheck(model, null, 0, List.of(), reason);
	}

	/** One case whose output changed. */
	public record Mismatch(String name, double expected, double got) {
	}

	/** Whether every case matched. */
	public boolean passed() {
		return this.mismatches.isEmpty();
	}

	/**
	 * The readable diff: a headline, then one line per mismatching case with the case,
	 * the expected and the got output, e.g.
	 * {@code   tenure_months = 1e9: expected 0.01234, got 0.98765}.
	 */
	public String diff() {
		StringBuilder text = new StringBuilder("model " + this.model + " refused: " + this.mismatches.size() + " of "
				+ this.cases + " regression cases in " + this.file + " no longer give the recorded output (tolerance "
				+ "|got - expected| <= " + ModelCases.TOLERANCE + " * max(1, |expected|)):");
		for (Mismatch mismatch : this.mismatches) {
			text.append("\n  ")
				.append(mismatch.name())
				.append(": expected ")
				.append(mismatch.expected())
				.append(", got ")
				.append(mismatch.got());
		}
		return text.toString();
	}

}
