package io.ratchet;

import java.util.Arrays;

import io.ratchet.cli.CommandLine;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Entry point of Ratchet: the command line behind {@code jobs/*}. Arguments starting with {@code --spring.} or
 * {@code --ratchet.} are settings for Spring Boot; the rest name a command and its options.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RatchetApplication {

	public static void main(String[] args) {
		String[] settings = Arrays.stream(args)
			.filter((arg) -> arg.startsWith("--spring.") || arg.startsWith("--ratchet."))
			.toArray(String[]::new);
		String[] command = Arrays.stream(args)
			.filter((arg) -> !arg.startsWith("--spring.") && !arg.startsWith("--ratchet."))
			.toArray(String[]::new);
		int exitCode;
		try (ConfigurableApplicationContext context = SpringApplication.run(RatchetApplication.class, settings)) {
			exitCode = context.getBean(CommandLine.class).run(command);
		}
		catch (RuntimeException ex) {
			System.err.println("ratchet: " + CommandLine.message(ex));
			exitCode = CommandLine.FAILED;
		}
		System.exit(exitCode);
	}

}
