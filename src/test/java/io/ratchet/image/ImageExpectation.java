package io.ratchet.image;

import java.util.List;

/**
 * What a container image must hold, for {@link ImageCheck}.
 *
 * @param entrypoint the config's entry point
 * @param command the config's command (the default arguments)
 * @param user the user the container runs as (never root)
 * @param workingDirectory the working directory
 * @param port an exposed port, as in the config ({@code 8787/tcp})
 * @param files absolute paths of files the layers must hold
 * @param filePrefixes for each, some file whose path starts with it
 * @param javaCandidates where a {@code java} may be (the Debian base, eclipse-temurin)
 * @param mainClassFile Jib's file naming the main class
 * @param mainClass the main class it must name
 */
public record ImageExpectation(List<String> entrypoint, List<String> command, String user, String workingDirectory,
		String port, List<String> files, List<String> filePrefixes, List<String> javaCandidates, String mainClassFile,
		String mainClass) {

	/**
	 * Ratchet's image, as pom.xml's jib-maven-plugin builds it (README, "Container
	 * image").
	 */
	public static final ImageExpectation RATCHET = new ImageExpectation(List.of("/opt/ratchet/bin/ratchet"),
			List.of("scheduler"), "10001", "/ratchet", "8787/tcp",
			List.of("/opt/ratchet/bin/ratchet", "/opt/ratchet/jib-classpath-file", "/opt/ratchet/jib-main-class-file",
					"/opt/ratchet/classes/io/ratchet/RatchetApplication.class",
					"/opt/ratchet/resources/application.yml"),
			List.of("/opt/ratchet/resources/db/migration/", "/opt/ratchet/libs/spring-batch-core-",
					"/opt/ratchet/libs/spring-boot-"),
			List.of("/usr/bin/java", "/usr/lib/jvm/java-17-openjdk-amd64/bin/java",
					"/usr/lib/jvm/java-17-openjdk-arm64/bin/java", "/opt/java/openjdk/bin/java"),
			"/opt/ratchet/jib-main-class-file", "io.ratchet.RatchetApplication");

	@Override
	public String toString() {
		return "entry point " + this.entrypoint + " " + this.command + ", user " + this.user + ", working directory "
				+ this.workingDirectory + ", port " + this.port;
	}

}
