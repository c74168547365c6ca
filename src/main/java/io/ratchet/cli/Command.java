package io.ratchet.cli;

import java.io.PrintStream;

/** One command of the command line. */
interface Command {

	/** Runs the command and returns the process exit code. */
	int run(String[] args, PrintStream out);

	/** One line: the command and its options. */
	String usage();

	/** The word that selects the command: the first word of its usage. */
	default String name() {
		return usage().split(" ", 2)[0];
	}

}
