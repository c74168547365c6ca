package io.ratchet.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The container's entry point ({@code src/main/jib/opt/ratchet/bin/ratchet}) starts every
 * command as {@code jobs/ratchet} does: the same umask default, the same JVM options for
 * every command, and the same extra ones for the same jobs. A change to one script
 * without the other fails here.
 */
class ContainerEntrypointTests {

	private static final Path JOBS_RATCHET = Path.of("jobs/ratchet");

	private static final Path ENTRYPOINT = Path.of("src/main/jib/opt/ratchet/bin/ratchet");

	/** A JVM option on a line that sets the defaults. */
	private static final Pattern OPTION = Pattern.compile("(?<![\\w$])-X[\\w:+=.-]+");

	/**
	 * The case branch giving the jobs their extra options: {@code a|b|c) defaults...}.
	 */
	private static final Pattern JOBS = Pattern.compile("^\\s*([a-z|]+)\\)\\s*defaults", Pattern.MULTILINE);

	@Test
	void everyCommandGetsTheSameJvmOptions() throws IOException {
		// given
		String jobs = Files.readString(JOBS_RATCHET);
		String entrypoint = Files.readString(ENTRYPOINT);

		// when
		List<String> jobsOptions = defaults(jobs);
		List<String> entrypointOptions = defaults(entrypoint);

		// then
		assertThat(jobsOptions).as("JVM options of jobs/ratchet").contains("-XX:+UseSerialGC", "-Xmx512m");
		assertThat(entrypointOptions).as("JVM options of the container's entry point").isEqualTo(jobsOptions);
	}

	@Test
	void theSameJobsGetTheWholeHeapAtOnce() throws IOException {
		// given
		String jobs = Files.readString(JOBS_RATCHET);
		String entrypoint = Files.readString(ENTRYPOINT);

		// when
		String jobsBranch = branch(jobs);
		String entrypointBranch = branch(entrypoint);

		// then
		assertThat(jobsBranch).contains("scheduler");
		assertThat(entrypointBranch).isEqualTo(jobsBranch);
	}

	@Test
	void bothKeepWhatTheyCreateToTheirOwner() throws IOException {
		// given
		String umask = "umask \"${RATCHET_UMASK:-077}\"";

		// when, then
		assertThat(Files.readString(JOBS_RATCHET)).contains(umask);
		assertThat(Files.readString(ENTRYPOINT)).contains(umask).contains("${RATCHET_JAVA_OPTS:-}");
		assertThat(Files.isExecutable(ENTRYPOINT)).as(ENTRYPOINT + " executable").isTrue();
	}

	/** The options of every line that sets {@code defaults}, in order. */
	private static List<String> defaults(String script) {
		List<String> options = new ArrayList<>();
		for (String line : script.lines()
			.filter((line) -> line.contains("defaults=") || line.contains("defaults+="))
			.toList()) {
			Matcher option = OPTION.matcher(line);
			while (option.find()) {
				options.add(option.group());
			}
		}
		return options;
	}

	private static String branch(String script) {
		Matcher jobs = JOBS.matcher(script);
		assertThat(jobs.find()).as("a case branch setting defaults").isTrue();
		return jobs.group(1);
	}

}
