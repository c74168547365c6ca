package io.ratchet.remote;

/**
 * What a message asks a worker: run the partition whose step execution is
 * {@code stepExecutionId} with the step {@code stepName}. Sent as a line of text
 * ({@code backtestMonth 42}) rather than a serialized Java object, so a worker never
 * deserializes classes from the network.
 *
 * @param stepName the worker step's bean name
 * @param stepExecutionId the partition's step execution in the shared job repository
 */
record PartitionRequest(String stepName, long stepExecutionId) {

	String format() {
		return this.stepName + " " + this.stepExecutionId;
	}

	/**
	 * Reads a message's text.
	 * @throws IllegalArgumentException when it is not a step name and a number
	 */
	static PartitionRequest parse(String text) {
		String[] parts = (text != null) ? text.trim().split(" ") : new String[0];
		if (parts.length != 2 || !parts[1].matches("\\d{1,18}")) {
			throw new IllegalArgumentException(
					"not a partition request (step name and step execution id): '" + text + "'");
		}
		return new PartitionRequest(parts[0], Long.parseLong(parts[1]));
	}

}
