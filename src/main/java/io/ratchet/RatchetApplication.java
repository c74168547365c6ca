package io.ratchet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.ratchet.cli.CommandLine;
import io.ratchet.cli.CommandSyntax;
import io.ratchet.security.LocalAccess;
import io.ratchet.system.Failures;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Entry point of Ratchet: the command line behind {@code jobs/*}. Arguments of the form
 * {@code --some.property=value} (a dotted name and a value) are settings for Spring Boot,
 * e.g. {@code --ratchet.backtest.threads=4}; the rest name a command and its options.
 * Quartz is switched on only for {@code scheduler}, the daemon: every other command
 * starts faster without creating a scheduler and its JDBC store that it would never
 * start. Likewise only the daemon (its console, HTTP health and metrics) and
 * {@code console} (the console without the scheduler) are web applications; see
 * {@link #settings(String[])}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RatchetApplication {

	private static final String SCHEDULER = "scheduler";

	private static final String CONSOLE = "console";

	private static final String WORKER = "worker";

	private static final String QUARTZ_AUTO_CONFIGURATION = "org.springframework.boot.quartz.autoconfigure.QuartzAutoConfiguration";

	public static void main(String[] args) {
		System.exit(run(args));
	}

	/**
	 * Runs one command line and returns its exit code. The help ({@code --help},
	 * {@code help}, {@code <command> --help}), {@code --version} and a command line that
	 * does not parse are answered by {@link CommandSyntax} before Spring starts: no
	 * context, no database. A setting that is unknown (a typo) or whose value cannot be
	 * bound is exit 2, as a wrong command line is.
	 */
	static int run(String[] args) {
		String[] command = Arrays.stream(args).filter((arg) -> !isSetting(arg)).toArray(String[]::new);
		int answered = CommandSyntax.answerWithoutSpring(command, System.out, System.err);
		if (answered >= 0) {
			return answered;
		}
		// before H2 is loaded: its server sockets bind to 127.0.0.1 only
		LocalAccess.loopbackOnly();
		try (ConfigurableApplicationContext context = SpringApplication.run(RatchetApplication.class,
				settings(args).toArray(String[]::new))) {
			return context.getBean(CommandLine.class).run(command);
		}
		catch (RuntimeException ex) {
			System.err.println("ratchet: " + Failures.describe(ex));
			return Failures.badSetting(ex) ? CommandLine.USAGE : CommandLine.FAILED;
		}
	}

	/**
	 * The Spring Boot settings of a command line: the {@code --name=value} arguments,
	 * plus what the command implies. Only {@code console}, the daemon ({@code scheduler}
	 * without {@code --check}) and {@code worker} are web applications, the daemon and
	 * the worker unless {@code --ratchet.http.enabled=false} (or
	 * {@code RATCHET_HTTP_ENABLED=false}); every other command has neither a web server
	 * nor Quartz. {@code worker} implies {@code ratchet.backtest.workers=remote}.
	 */
	public static List<String> settings(String[] args) {
		String[] command = Arrays.stream(args).filter((arg) -> !isSetting(arg)).toArray(String[]::new);
		List<String> settings = new ArrayList<>(Arrays.stream(args).filter(RatchetApplication::isSetting).toList());
		boolean scheduler = command.length > 0 && SCHEDULER.equals(command[0]);
		boolean console = command.length > 0 && CONSOLE.equals(command[0]);
		boolean worker = command.length > 0 && WORKER.equals(command[0]);
		if (!scheduler) {
			// Only the daemon schedules: other commands neither create Quartz's scheduler
			// nor its JDBC store.
			settings.add(0, "--ratchet.schedule.quartz=false");
			settings.add(0, "--spring.autoconfigure.exclude=" + QUARTZ_AUTO_CONFIGURATION);
		}
		if (console && !Arrays.asList(command).contains("--help")) {
			// the console's pages without the scheduler (io.ratchet.console)
			settings.add(0, "--spring.main.web-application-type=servlet");
		}
		else if (((scheduler && !Arrays.asList(command).contains("--check")) || worker)
				&& !settings.contains("--ratchet.http.enabled=false")
				&& !"false".equalsIgnoreCase(System.getenv("RATCHET_HTTP_ENABLED"))) {
			// The daemon serves health and metrics (io.ratchet.monitor), a worker its
			// health (io.ratchet.remote), on loopback, authenticated
			// (io.ratchet.security).
			settings.add(0, "--spring.main.web-application-type=servlet");
		}
		if (worker && settings.stream().noneMatch((setting) -> setting.startsWith("--ratchet.backtest.workers="))) {
			// a worker process is part of remote partitioning (io.ratchet.remote); a
			// setting given twice would be joined into one value
			settings.add(0, "--ratchet.backtest.workers=remote");
		}
		return settings;
	}

	static boolean isSetting(String arg) {
		int equals = arg.indexOf('=');
		return arg.startsWith("--") && equals > 2 && arg.substring(2, equals).contains(".");
	}

}
