package io.ratchet.image;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * {@link ImageCheck} on image tars written here in {@code docker save} form (a base layer
 * and an application layer, as Jib writes them), each spoiled in one way, and on the
 * image {@code mvn compile jib:buildTar} built when there is one.
 */
class ImageCheckTests {

	private static final String GOOD_CONFIG = """
			{"architecture":"amd64","os":"linux","config":{
			 "Env":["PATH=/usr/bin:/bin","JAVA_TOOL_OPTIONS="],
			 "Entrypoint":["/opt/ratchet/bin/ratchet"],"Cmd":["scheduler"],
			 "ExposedPorts":{"8787/tcp":{}},"User":"10001","WorkingDir":"/ratchet"},
			 "rootfs":{"type":"layers","diff_ids":[]}}
			""";

	@TempDir
	Path folder;

	@Test
	void theImageAsBuiltPasses() throws IOException {
		// given
		Path tar = image(GOOD_CONFIG, applicationLayer("io.ratchet.RatchetApplication"), 0755);

		// when
		List<String> problems = ImageCheck.problems(tar, ImageExpectation.RATCHET);

		// then
		assertThat(problems).isEmpty();
	}

	@Test
	void aRootUserAnOpenAddressAndAMissingPortAreEachNamed() throws IOException {
		// given
		String config = GOOD_CONFIG.replace("\"User\":\"10001\"", "\"User\":\"\"")
			.replace("\"JAVA_TOOL_OPTIONS=\"", "\"SERVER_ADDRESS=0.0.0.0\"")
			.replace("\"8787/tcp\"", "\"8080/tcp\"");
		Path tar = image(config, applicationLayer("io.ratchet.RatchetApplication"), 0755);

		// when
		List<String> problems = ImageCheck.problems(tar, ImageExpectation.RATCHET);

		// then
		assertThat(problems).hasSize(3)
			.anySatisfy((problem) -> assertThat(problem).contains("user ''").contains("never root"))
			.anySatisfy((problem) -> assertThat(problem).contains("SERVER_ADDRESS=0.0.0.0"))
			.anySatisfy((problem) -> assertThat(problem).contains("8787/tcp"));
	}

	@Test
	void anotherEntryPointOrCommandIsNamed() throws IOException {
		// given
		String config = GOOD_CONFIG
			.replace("\"Entrypoint\":[\"/opt/ratchet/bin/ratchet\"]", "\"Entrypoint\":[\"java\",\"-jar\",\"app.jar\"]")
			.replace("\"Cmd\":[\"scheduler\"]", "\"Cmd\":[]");
		Path tar = image(config, applicationLayer("io.ratchet.RatchetApplication"), 0755);

		// when
		List<String> problems = ImageCheck.problems(tar, ImageExpectation.RATCHET);

		// then
		assertThat(problems).containsExactlyInAnyOrder(
				"entry point [java, -jar, app.jar], expected [/opt/ratchet/bin/ratchet]",
				"command [], expected [scheduler]");
	}

	@Test
	void missingClassesAScriptNotExecutableAndAnotherMainClassAreNamed() throws IOException {
		// given
		Map<String, byte[]> layer = applicationLayer("com.example.Other");
		layer.remove("opt/ratchet/classes/io/ratchet/RatchetApplication.class");
		layer.keySet().removeIf((path) -> path.startsWith("opt/ratchet/libs/"));
		Path tar = image(GOOD_CONFIG, layer, 0644);

		// when
		List<String> problems = ImageCheck.problems(tar, ImageExpectation.RATCHET);

		// then
		assertThat(problems).contains("no file /opt/ratchet/classes/io/ratchet/RatchetApplication.class in the layers",
				"no file /opt/ratchet/libs/spring-batch-core-* in the layers",
				"no file /opt/ratchet/libs/spring-boot-* in the layers",
				"entry point /opt/ratchet/bin/ratchet has mode 644, not executable by everyone",
				"/opt/ratchet/jib-main-class-file names com.example.Other, expected io.ratchet.RatchetApplication");
	}

	@Test
	void aTarWithoutManifestIsRefusedNamingTheFile() throws IOException {
		// given
		Path tar = this.folder.resolve("not-an-image.tar");
		try (TarArchiveOutputStream out = new TarArchiveOutputStream(Files.newOutputStream(tar))) {
			add(out, "hello.txt", "hi".getBytes(StandardCharsets.UTF_8), 0644);
		}

		// when, then
		assertThatIOException().isThrownBy(() -> ImageCheck.problems(tar, ImageExpectation.RATCHET))
			.withMessageContaining(tar.toString())
			.withMessageContaining("no manifest.json");
	}

	@Test
	void theBuiltImagePassesWhenThereIsOne() throws IOException {
		// given: mvn compile jib:buildTar was run (README, "Container image")
		Path built = Path.of("target/jib-image.tar");
		assumeThat(built).as("target/jib-image.tar absent: mvn compile jib:buildTar builds it").exists();

		// when
		List<String> problems = ImageCheck.problems(built, ImageExpectation.RATCHET);

		// then
		assertThat(problems).isEmpty();
	}

	/** The files Jib puts in the application layers, plus a base's java. */
	private static Map<String, byte[]> applicationLayer(String mainClass) {
		Map<String, byte[]> files = new LinkedHashMap<>();
		files.put("usr/lib/jvm/java-17-openjdk-amd64/bin/java", new byte[] { 0x7f, 'E', 'L', 'F' });
		files.put("opt/ratchet/bin/ratchet", "#!/bin/sh\n".getBytes(StandardCharsets.UTF_8));
		files.put("opt/ratchet/jib-classpath-file", "/opt/ratchet/classes".getBytes(StandardCharsets.UTF_8));
		files.put("opt/ratchet/jib-main-class-file", (mainClass + "\n").getBytes(StandardCharsets.UTF_8));
		files.put("opt/ratchet/classes/io/ratchet/RatchetApplication.class", new byte[] { (byte) 0xca, (byte) 0xfe });
		files.put("opt/ratchet/resources/application.yml", "server: {}".getBytes(StandardCharsets.UTF_8));
		files.put("opt/ratchet/resources/db/migration/common/V1__batch.sql", new byte[0]);
		files.put("opt/ratchet/libs/spring-batch-core-6.0.3.jar", new byte[0]);
		files.put("opt/ratchet/libs/spring-boot-4.0.7.jar", new byte[0]);
		return files;
	}

	/**
	 * An image tar: the config, a plain base layer and the gzipped application layer, its
	 * entry point script with the given mode.
	 */
	private Path image(String config, Map<String, byte[]> files, int scriptMode) throws IOException {
		byte[] baseLayer = layer(
				Map.of("etc/passwd",
						"ratchet:x:10001:10001::/ratchet:/usr/sbin/nologin\n".getBytes(StandardCharsets.UTF_8)),
				false, scriptMode);
		byte[] applicationLayer = layer(files, true, scriptMode);
		Path tar = this.folder.resolve("image.tar");
		try (TarArchiveOutputStream out = new TarArchiveOutputStream(Files.newOutputStream(tar))) {
			add(out, "sha256:base.tar", baseLayer, 0644);
			add(out, "sha256:app.tar.gz", applicationLayer, 0644);
			add(out, "config.json", config.getBytes(StandardCharsets.UTF_8), 0644);
			String manifest = "[{\"Config\":\"config.json\",\"RepoTags\":[\"ratchet:test\"],"
					+ "\"Layers\":[\"sha256:base.tar\",\"sha256:app.tar.gz\"]}]";
			add(out, "manifest.json", manifest.getBytes(StandardCharsets.UTF_8), 0644);
		}
		return tar;
	}

	private static byte[] layer(Map<String, byte[]> files, boolean gzip, int scriptMode) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (OutputStream sink = gzip ? new GzipCompressorOutputStream(bytes) : bytes;
				TarArchiveOutputStream out = new TarArchiveOutputStream(sink)) {
			for (Map.Entry<String, byte[]> file : files.entrySet()) {
				add(out, file.getKey(), file.getValue(), file.getKey().endsWith("/bin/ratchet") ? scriptMode : 0644);
			}
		}
		return bytes.toByteArray();
	}

	private static void add(TarArchiveOutputStream out, String name, byte[] content, int mode) throws IOException {
		TarArchiveEntry entry = new TarArchiveEntry(name);
		entry.setSize(content.length);
		entry.setMode(0100000 | mode);
		out.putArchiveEntry(entry);
		out.write(content);
		out.closeArchiveEntry();
	}

}
