package io.ratchet.cli;

import java.io.PrintStream;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import io.ratchet.security.HttpCredentials;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * {@code jobs/console}: serves the console (the pages of {@code io.ratchet.console}, as
 * the daemon does) without the scheduler, for a laptop: nothing is fired; a job launched
 * from the console runs in this process. Prints the address and where the password is,
 * then serves until SIGTERM or Ctrl-C.
 */
@Component
class ConsoleCommand implements Command {

	private final ObjectProvider<HttpCredentials> credentials;

	private final Environment environment;

	ConsoleCommand(ObjectProvider<HttpCredentials> credentials, Environment environment) {
		this.credentials = credentials;
		this.environment = environment;
	}

	@Override
	public String usage() {
		return "console";
	}

	@Override
	public int run(String[] args, PrintStream out) {
		Options.named(args, Set.of());
		HttpCredentials login = this.credentials.getIfAvailable();
		if (login == null) {
			throw new IllegalStateException("the console is not a web application here (ratchet.http.enabled=false)");
		}
		String address = this.environment.getProperty("server.address", "127.0.0.1");
		String port = this.environment.getProperty("local.server.port",
				this.environment.getProperty("server.port", "8080"));
		out.println("Console: http://" + address + ":" + port + "/console");
		out.println("Sign in as '" + login.username() + "', password "
				+ ((login.generatedFile() != null) ? "in " + login.generatedFile() + " (after the colon)"
						: "from RATCHET_HTTP_PASSWORD or the secret file ratchet.http.password"));
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

}
