package io.ratchet.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.ratchet.requirement.RequirementsException;
import io.ratchet.system.Failures;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

import org.springframework.stereotype.Component;

/**
 * Dispatches {@code jobs/*} commands: {@link CommandSyntax} parses the command line, and
 * the {@link Command} bean of the same name runs with the parsed arguments. Exit codes: 0
 * all requirements met, 3 a requirement breached (or too little data to tell), 1 the run
 * failed, 2 the command was wrong (or the requirements it would judge by are: unreadable,
 * or none for the dataset).
 */
@Component
public class CommandLine {

	public static final int OK = 0;

	public static final int FAILED = 1;

	public static final int USAGE = 2;

	public static final int BREACHED = 3;

	private final Map<String, Command<?>> commands;

	CommandLine(List<Command<?>> commands) {
		this.commands = commands.stream().collect(Collectors.toMap(Command::name, Function.identity()));
		Set<String> described = CommandSyntax.parser().getSubcommands().keySet();
		if (!described.containsAll(this.commands.keySet())) {
			throw new IllegalStateException("commands " + this.commands.keySet() + " are not all in the help "
					+ described + ": list their Arguments in CommandSyntax");
		}
	}

	public int run(String... args) {
		int answered = CommandSyntax.answerWithoutSpring(args, System.out, System.err);
		if (answered >= 0) {
			return answered;
		}
		picocli.CommandLine parser = CommandSyntax.parser();
		ParseResult parsed;
		try {
			parsed = parser.parseArgs(args).subcommand();
		}
		catch (ParameterException ex) {
			// answered above; parsing the same arguments again fails the same way
			return CommandSyntax.usageError(ex.getCommandLine(), ex.getMessage(), System.err);
		}
		picocli.CommandLine syntax = parsed.commandSpec().commandLine();
		Command<?> command = this.commands.get(syntax.getCommandName());
		try {
			return run(command, syntax.getCommand());
		}
		catch (UsageException ex) {
			return CommandSyntax.usageError(syntax, ex.getMessage(), System.err);
		}
		catch (RequirementsException ex) {
			// config/requirements.yml cannot be read, or has nothing to judge the dataset
			// by: told once, before anything ran, as a mistake to fix rather than a
			// failed
			// run
			System.err.println("ratchet " + syntax.getCommandName() + ": " + ex.getMessage());
			return USAGE;
		}
		catch (RuntimeException ex) {
			System.err.println("ratchet " + syntax.getCommandName() + ": " + Failures.describe(ex));
			return FAILED;
		}
	}

	private static <A> int run(Command<A> command, Object arguments) {
		return command.run(command.arguments().cast(arguments), System.out);
	}

}
