package io.ratchet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.ratchet.cli.CommandLine;
import io.ratchet.system.Failures;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Entry point of Ratchet: the command line behind {@code jobs/*}. Arguments of the form {@code --some.property=value}
 * (a dotted name and a value) are settings for Spring Boot, e.g. {@code --ratchet.backtest.threads=4}; the rest name a
 * command and its options. Quartz is switched on only for {@code scheduler}, the daemon: every other command
 * starts faster without creating a scheduler and its JDBC store that it would never start.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RatchetApplication {

	private static final String SCHEDULER = "scheduler";

	private static final String QUARTZ_AUTO_CONFIGURATION =
			"org.springframework.boot.quartz.autoconfigure.QuartzAutoConfiguration";

	public static void main(String[] args) {
		String[] command = Arrays.stream(args).filter((arg) -> !isSetting(arg)).toArray(String[]::new);
		List<String> settings = new ArrayList<>(Arrays.stream(args).filter(RatchetApplication::isSetting).toList());
		if (command.length == 0 || !SCHEDULER.equals(command[0])) {
			// Only the daemon schedules: other commands neither create Quartz's scheduler nor its JDBC store.
			settings.add(0, "--ratchet.schedule.quartz=false");
			settings.add(0, "--spring.autoconfigure.exclude=" + QUARTZ_AUTO_CONFIGURATION);
		}
		int exitCode;
		try (ConfigurableApplicationContext context = SpringApplication.run(RatchetApplication.class, settings.toArray(String[]::new))) {
			exitCode = context.getBean(CommandLine.class).run(command);
		}
		catch (RuntimeException ex) {
			System.err.println("ratchet: " + Failures.describe(ex));
			exitCode = CommandLine.FAILED;
		}
		System.exit(exitCode);
	}

	static boolean isSetting(String arg) {
		int equals = arg.indexOf('=');
		return arg.startsWith("--") && equals > 2 && arg.substring(2, equals).contains(".");
	}

}
