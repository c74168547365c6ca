package io.ratchet;

import java.util.Arrays;

import io.ratchet.cli.CommandLine;
import io.ratchet.system.Failures;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Entry point of Ratchet: the command line behind {@code jobs/*}. Arguments of the form {@code --some.property=value}
 * (a dotted name and a value) are settings for Spring Boot, e.g. {@code --ratchet.backtest.threads=4}; the rest name a
 * command and its options.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RatchetApplication {

	public static void main(String[] args) {
		String[] settings = Arrays.stream(args).filter(RatchetApplication::isSetting).toArray(String[]::new);
		String[] command = Arrays.stream(args).filter((arg) -> !isSetting(arg)).toArray(String[]::new);
		int exitCode;
		try (ConfigurableApplicationContext context = SpringApplication.run(RatchetApplication.class, settings)) {
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
