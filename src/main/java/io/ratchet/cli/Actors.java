package io.ratchet.cli;

/** Who runs a command that is recorded: {@code --by}, or the operating-system user. */
final class Actors {

	private Actors() {
	}

	static String actor(String by) {
		if (by != null) {
			if (by.isBlank()) {
				throw new UsageException("--by needs a name");
			}
			return by.strip();
		}
		String user = System.getProperty("user.name");
		return (user != null && !user.isBlank()) ? user : "unknown";
	}

}
