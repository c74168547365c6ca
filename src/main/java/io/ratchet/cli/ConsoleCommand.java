package io.ratchet.cli;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

import io.ratchet.security.HttpCredentials;
import io.ratchet.security.HttpUsers;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * {@code jobs/console}: serves the console (the pages of {@code io.ratchet.console}, as
 * the daemon does) without the scheduler, for a laptop: nothing is fired; a job launched
 * from the console runs in this process. Prints the address and where each user's
 * password is, then serves until SIGTERM or Ctrl-C.
 */
@Component
class ConsoleCommand implements Command<ConsoleCommand.Arguments> {

	private final ObjectProvider<HttpUsers> users;

	private final Environment environment;

	ConsoleCommand(ObjectProvider<HttpUsers> users, Environment environment) {
		this.users = users;
		this.environment = environment;
	}

	private static String login(String role, HttpCredentials user, String variable, String secretFile) {
		return "  " + role + ": user '" + user.username() + "', password "
				+ ((user.generatedFile() != null) ? "in " + user.generatedFile() + " (after the colon)"
						: "from " + variable + " or the secret file " + secretFile);
	}

	@Override
	public Class<Arguments> arguments() {
		return Arguments.class;
	}

	@Override
	public int run(Arguments arguments, PrintStream out) {
		HttpUsers users = this.users.getIfAvailable();
		if (users == null) {
			throw new IllegalStateException("the console is not a web application here (ratchet.http.enabled=false)");
		}
		String address = this.environment.getProperty("server.address", "127.0.0.1");
		String port = this.environment.getProperty("local.server.port",
				this.environment.getProperty("server.port", "8080"));
		out.println("Console: http://" + address + ":" + port + "/console");
		out.println(login("operator (may launch)", users.operator(), "RATCHET_HTTP_PASSWORD", "ratchet.http.password"));
		out.println(login("viewer (reads only)", users.viewer(), "RATCHET_HTTP_VIEWER_PASSWORD",
				"ratchet.http.viewer-password"));
		out.println("Nothing is scheduled here (jobs/scheduler fires the schedule). Stop with Ctrl-C.");
		CountDownLatch stop = new CountDownLatch(1);
		StopSignals.handle(stop::countDown, () -> System.exit(CommandLine.FAILED));
		try {
			stop.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return CommandLine.OK;
	}

	/** {@code jobs/console} takes no options. */
	@picocli.CommandLine.Command(name = "console",
			description = "Serves the console (runs, reports, the alert outbox, the schedule, champion history and a "
					+ "launch form) on 127.0.0.1 without the scheduler: nothing is fired here; a job launched from "
					+ "the console runs in this process. Stops on SIGTERM or Ctrl-C.")
	interface Arguments {

	}

}
