package io.ratchet.api;

import java.util.List;

/**
 * One run with the model versions it judged.
 *
 * @param run the run
 * @param models each version with its role in the run and its whole-period verdict
 */
public record RunDetail(RunView run, List<ModelInRun> models) {

	/**
	 * A model version as a run judged it.
	 *
	 * @param model {@code name@version}
	 * @param role {@code champion}, {@code candidate} or {@code other}
	 * @param sha256 the file's digest when the run read it
	 * @param verdict the whole period's verdict, or {@code null} when not judged
	 */
	public record ModelInRun(String model, String role, String sha256, String verdict) {

	}

}
