package io.ratchet.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.ratchet.requirement.RequirementsException;
import io.ratchet.system.Failures;

import org.springframework.stereotype.Component;

/**
 * Dispatches {@code jobs/*} commands. Exit codes: 0 all requirements met, 3 a requirement
 * breached (or too little data to tell), 1 the run failed, 2 the command was wrong (or
 * the requirements it would judge by are: unreadable, or none for the dataset).
 */
@Component
public class CommandLine {

	public static final int OK = 0;

	public static final int FAILED = 1;

	public static final int USAGE = 2;

	public static final int BREACHED = 3;

	private final Map<String, Command> commands;

	CommandLine(List<Command> commands) {
		this.commands = commands.stream().collect(Collectors.toMap(Command::name, Function.identity()));
	}

	public int run(String... args) {
		if (args.length == 0 || List.of("help", "--help", "-h").contains(args[0])) {
			usage();
			return (args.length == 0) ? USAGE : OK;
		}
		Command command = this.commands.get(args[0]);
		if (command == null) {
			System.err.println("ratchet: unknown command '" + args[0] + "'");
			usage();
			return USAGE;
		}
		String[] rest = Arrays.copyOfRange(args, 1, args.length);
		if (Arrays.asList(rest).contains("--help") || Arrays.asList(rest).contains("-h")) {
			System.out.println("usage: " + command.usage());
			return OK;
		}
		try {
			return command.run(rest, System.out);
		}
		catch (UsageException ex) {
			System.err.println("ratchet " + args[0] + ": " + ex.getMessage());
			System.err.println("usage: " + command.usage());
			return USAGE;
		}
		catch (RequirementsException ex) {
			// config/requirements.yml cannot be read, or has nothing to judge the dataset
			// by: told once, before
			// anything ran, as a mistake to fix rather than a failed run
			System.err.println("ratchet " + args[0] + ": " + ex.getMessage());
			return USAGE;
		}
		catch (RuntimeException ex) {
			System.err.println("ratchet " + args[0] + ": " + Failures.describe(ex));
			return FAILED;
		}
	}

	private void usage() {
		PrintStream out = System.out;
		out.println("Ratchet: keeps production predictive models honest.");
		out.println("commands:");
		this.commands.values().stream().map(Command::usage).sorted().forEach((usage) -> out.println("  " + usage));
	}

}
