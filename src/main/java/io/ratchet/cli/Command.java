package io.ratchet.cli;

import java.io.PrintStream;

/**
 * One command of the command line: a Spring bean that runs it, and a picocli-annotated
 * interface ({@link #arguments()}) that describes its options for the help and the
 * parser. {@link CommandSyntax} lists every such interface, so the help is printed
 * without Spring; picocli parses the command line into a proxy of the interface and the
 * bean is handed typed values.
 *
 * @param <A> the command's arguments: an interface annotated with picocli's
 * {@code @Command}, {@code @Option} and {@code @Parameters}
 */
interface Command<A> {

	/** The annotated interface of the command's arguments. */
	Class<A> arguments();

	/** Runs the command with its parsed arguments and returns the process exit code. */
	int run(A arguments, PrintStream out);

	/** The word that selects the command: the name in its arguments' {@code @Command}. */
	default String name() {
		return arguments().getAnnotation(picocli.CommandLine.Command.class).name();
	}

}
