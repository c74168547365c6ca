package io.ratchet.remote;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Why a worker failed a partition, in one line, from what the manager can read of it: the
 * exit description the worker stored in the job repository. For an exception Spring Batch
 * stores its stack trace there; the message told is then the one
 * {@link io.ratchet.system.Failures#describe} would tell in the worker's own JVM: the
 * innermost cause's message (which names the file and what differs), prefixed by the
 * outermost one when that says something more. A description that is not a stack trace (a
 * partition failed by the manager's timeout or by another worker) is told as it is.
 */
final class WorkerCause {

	/**
	 * The class name before an exception's message in a stack trace's header line: a
	 * qualified name (at least one dot), then ": " or the end of the line.
	 */
	private static final Pattern EXCEPTION = Pattern.compile("^(Caused by: )?[\\w$]+(\\.[\\w$]+)+(: |$)");

	private WorkerCause() {
	}

	/**
	 * @param exitDescription a failed partition's exit description (may be empty)
	 * @return its cause in one line, or {@code "no cause recorded"}
	 */
	static String of(String exitDescription) {
		if (exitDescription == null || exitDescription.isBlank()) {
			return "no cause recorded";
		}
		List<String> lines = exitDescription.lines().toList();
		String first = lines.get(0);
		if (!EXCEPTION.matcher(first).find()) {
			return exitDescription.strip();
		}
		// the header of the outermost exception, then of each cause (the innermost last,
		// unless the repository cut the description short)
		List<String> headers = lines.stream()
			.filter((line) -> line == first || line.startsWith("Caused by: "))
			.map((line) -> EXCEPTION.matcher(line).replaceFirst(""))
			.toList();
		String outer = headers.get(0);
		String inner = headers.get(headers.size() - 1);
		if (inner.isEmpty() || outer.contains(inner)) {
			return outer.isEmpty() ? first : outer;
		}
		return outer.isEmpty() ? inner : outer + ": " + inner;
	}

}
