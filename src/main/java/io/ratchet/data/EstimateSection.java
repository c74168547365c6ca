package io.ratchet.data;

import io.ratchet.config.ConfigNode.Field;

/**
 * Reads {@code estimate:} of a dataset file: {@code cbpe} asks the now-test to estimate
 * the performance of rows still awaiting labels from the scores alone, which needs a
 * binary model's probabilities. Any other method, and {@code cbpe} on a dataset that is
 * not binary, is refused naming the file and the line.
 */
final class EstimateSection {

	private EstimateSection() {
	}

	/**
	 * @param field the {@code estimate:} field, or {@code null}
	 * @param name the dataset's name (for the message)
	 * @param task the dataset's task
	 * @return whether the now-test estimates without labels
	 */
	static boolean read(Field field, String name, Task task) {
		if (field == null) {
			return false;
		}
		String method = field.text("estimate");
		if (!method.equals("cbpe")) {
			throw field.error("estimate: unknown method '" + method + "' (expected cbpe)");
		}
		if (task != Task.BINARY) {
			throw field.error("estimate: cbpe estimates a binary model's performance from its probabilities; dataset "
					+ name + " is " + task.key() + ", so it cannot be estimated without labels");
		}
		return true;
	}

}
