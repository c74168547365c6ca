package io.ratchet.image;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks Ratchet's container image as {@code mvn jib:buildTar} writes it (an image tar in
 * {@code docker save} form: {@code manifest.json}, the config JSON, gzipped or plain
 * layers) without Docker: the config has the entry point, the command, the non-root user,
 * the working directory and the exposed port of {@link ImageExpectation#RATCHET}, no
 * {@code SERVER_ADDRESS} (the daemon stays on loopback unless {@code docker run} sets
 * it), and the layers hold the entry point script (executable), Jib's class path and main
 * class files, the application's classes and resources, its libraries and a {@code java}.
 *
 * <p>
 * {@code jobs/dev/tool io.ratchet.image.ImageCheck target/jib-image.tar}
 * ({@code jobs/dev/image-check} calls it); exit code 0 when every check passes, 1 with
 * one line per problem otherwise.
 */
public final class ImageCheck {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ImageCheck() {
	}

	public static void main(String[] args) throws IOException {
		if (args.length != 1) {
			System.err
				.println("usage: ImageCheck <image.tar>   (mvn compile jib:buildTar writes target/jib-image.tar)");
			System.exit(2);
		}
		Path tar = Path.of(args[0]);
		List<String> problems = problems(tar, ImageExpectation.RATCHET);
		if (problems.isEmpty()) {
			System.out.println("image-check: " + tar + " OK (" + ImageExpectation.RATCHET + ")");
			return;
		}
		problems.forEach((problem) -> System.err.println("image-check: " + tar + ": " + problem));
		System.exit(1);
	}

	/**
	 * Every way the image differs from what is expected, one message each; empty when it
	 * matches.
	 * @throws IOException when the tar cannot be read or is not an image tar (the message
	 * names the file and the cause)
	 */
	public static List<String> problems(Path imageTar, ImageExpectation expected) throws IOException {
		Map<String, byte[]> small = smallEntries(imageTar);
		byte[] manifestBytes = small.get("manifest.json");
		if (manifestBytes == null) {
			throw new IOException(imageTar + ": no manifest.json, not an image tar in docker save form "
					+ "(mvn compile jib:buildTar writes one; an OCI layout is not read)");
		}
		JsonNode manifest = JSON.readTree(manifestBytes).path(0);
		String configName = manifest.path("Config").asString("");
		byte[] configBytes = small.get(configName);
		if (configBytes == null) {
			throw new IOException(imageTar + ": manifest.json names the config " + configName + ", which is absent");
		}
		List<String> layers = new ArrayList<>();
		manifest.path("Layers").forEach((layer) -> layers.add(layer.asString()));
		List<String> problems = new ArrayList<>(
				checkConfig(JSON.readTree(configBytes).path("config"), expected, layers.size()));
		problems.addAll(checkFiles(layerFiles(imageTar, layers), expected));
		return problems;
	}

	private static List<String> checkConfig(JsonNode config, ImageExpectation expected, int layers) {
		List<String> problems = new ArrayList<>();
		List<String> entrypoint = strings(config.path("Entrypoint"));
		if (!entrypoint.equals(expected.entrypoint())) {
			problems.add("entry point " + entrypoint + ", expected " + expected.entrypoint());
		}
		List<String> command = strings(config.path("Cmd"));
		if (!command.equals(expected.command())) {
			problems.add("command " + command + ", expected " + expected.command());
		}
		String user = config.path("User").asString("");
		if (!user.equals(expected.user())) {
			problems.add("user '" + user + "', expected '" + expected.user() + "' (never root)");
		}
		String workingDirectory = config.path("WorkingDir").asString("");
		if (!workingDirectory.equals(expected.workingDirectory())) {
			problems.add("working directory '" + workingDirectory + "', expected '" + expected.workingDirectory()
					+ "' (where config/ is mounted)");
		}
		if (!config.path("ExposedPorts").has(expected.port())) {
			problems.add("exposed ports " + config.path("ExposedPorts").propertyNames() + " lack " + expected.port());
		}
		for (String variable : strings(config.path("Env"))) {
			if (variable.startsWith("SERVER_ADDRESS=")) {
				problems.add("the image sets " + variable
						+ ": the daemon must stay on 127.0.0.1 unless docker run sets SERVER_ADDRESS");
			}
		}
		if (layers == 0) {
			problems.add("no layers");
		}
		return problems;
	}

	private static List<String> checkFiles(Map<String, LayerFile> files, ImageExpectation expected) {
		List<String> problems = new ArrayList<>();
		for (String path : expected.files()) {
			if (!files.containsKey(path)) {
				problems.add("no file " + path + " in the layers");
			}
		}
		for (String prefix : expected.filePrefixes()) {
			if (files.keySet().stream().noneMatch((path) -> path.startsWith(prefix))) {
				problems.add("no file " + prefix + "* in the layers");
			}
		}
		if (expected.javaCandidates().stream().noneMatch(files::containsKey)) {
			problems.add("no java in the layers (looked for " + expected.javaCandidates() + ")");
		}
		LayerFile script = files.get(expected.entrypoint().get(0));
		if (script != null && (script.mode() & 0111) != 0111) {
			problems.add("entry point " + expected.entrypoint().get(0) + " has mode "
					+ Integer.toOctalString(script.mode()) + ", not executable by everyone");
		}
		LayerFile mainClass = files.get(expected.mainClassFile());
		if (mainClass != null && !mainClass.text().strip().equals(expected.mainClass())) {
			problems.add(expected.mainClassFile() + " names " + mainClass.text().strip() + ", expected "
					+ expected.mainClass());
		}
		return problems;
	}

	/** The image tar's entries other than layers (manifest, config), by name. */
	private static Map<String, byte[]> smallEntries(Path imageTar) throws IOException {
		Map<String, byte[]> entries = new HashMap<>();
		try (TarArchiveInputStream in = open(imageTar)) {
			for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				if (entry.isFile() && entry.getName().endsWith(".json")) {
					entries.put(entry.getName(), in.readAllBytes());
				}
			}
		}
		return entries;
	}

	/**
	 * Every regular file of the named layers, by absolute path; a later layer's file
	 * replaces an earlier one's. The text of Jib's small files is kept.
	 */
	private static Map<String, LayerFile> layerFiles(Path imageTar, List<String> layers) throws IOException {
		Map<String, LayerFile> files = new HashMap<>();
		for (String layer : layers) {
			boolean found = false;
			try (TarArchiveInputStream in = open(imageTar)) {
				for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
					if (entry.getName().equals(layer)) {
						readLayer(in, files);
						found = true;
						break;
					}
				}
			}
			if (!found) {
				throw new IOException(imageTar + ": manifest.json names the layer " + layer + ", which is absent");
			}
		}
		return files;
	}

	private static void readLayer(InputStream layer, Map<String, LayerFile> files) throws IOException {
		InputStream in = new BufferedInputStream(layer);
		in.mark(2);
		boolean gzipped = in.read() == 0x1f && in.read() == 0x8b;
		in.reset();
		TarArchiveInputStream entries = new TarArchiveInputStream(gzipped ? new GzipCompressorInputStream(in) : in);
		for (TarArchiveEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
			if (entry.isFile() || entry.isSymbolicLink()) {
				String path = "/" + entry.getName().replaceFirst("^\\./", "").replaceFirst("^/", "");
				String text = (entry.getSize() < 64 * 1024 && path.startsWith("/opt/"))
						? new String(entries.readAllBytes(), StandardCharsets.UTF_8) : "";
				files.put(path, new LayerFile(entry.getMode() & 07777, text));
			}
		}
	}

	private static TarArchiveInputStream open(Path imageTar) throws IOException {
		try {
			return new TarArchiveInputStream(new BufferedInputStream(Files.newInputStream(imageTar)));
		}
		catch (NoSuchFileException ex) {
			throw new IOException(imageTar + ": no such file (mvn compile jib:buildTar writes target/jib-image.tar)",
					ex);
		}
	}

	private static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach((value) -> values.add(value.asString()));
		return values;
	}

	/** A file of a layer: its mode and, for Jib's small files, its text. */
	private record LayerFile(int mode, String text) {
	}

}
