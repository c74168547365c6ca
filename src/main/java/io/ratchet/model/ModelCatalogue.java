package io.ratchet.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Every model version under a folder ({@code config/models}): each {@code *.json} file,
 * in any sub-folder, is one model version. Immutable; lookups by {@code name@version} or
 * by name alone (the highest version).
 */
public final class ModelCatalogue {

	private final Path folder;

	private final Map<String, ModelVersion> versions;

	private ModelCatalogue(Path folder, Map<String, ModelVersion> versions) {
		this.folder = folder;
		this.versions = versions;
	}

	/**
	 * Loads every {@code *.json} under the folder.
	 * @throws ModelFileException naming the file when one is broken, naming both files
	 * when two hold the same {@code name@version}, or naming the folder when it cannot be
	 * listed
	 */
	public static ModelCatalogue scan(Path modelsDir) {
		if (!Files.isDirectory(modelsDir)) {
			throw new ModelFileException(modelsDir, 0, "the models folder does not exist");
		}
		List<Path> files;
		try (Stream<Path> walk = Files.walk(modelsDir)) {
			files = walk.filter(Files::isRegularFile)
				.filter((file) -> file.getFileName().toString().endsWith(".json"))
				.sorted()
				.toList();
		}
		catch (IOException | UncheckedIOException ex) {
			throw new ModelFileException(modelsDir, 0, "cannot list the models folder: " + ex, ex);
		}
		Map<String, ModelVersion> versions = new LinkedHashMap<>();
		for (Path file : files) {
			ModelVersion version = ModelFiles.load(file);
			ModelVersion earlier = versions.putIfAbsent(version.key(), version);
			if (earlier != null) {
				throw new ModelFileException(file, 0, "model " + version.key() + " is also defined in " + earlier.file()
						+ "; each name@version must be in one file only");
			}
		}
		return of(modelsDir, versions.values());
	}

	/**
	 * A catalogue of versions already loaded (for tests and tools); keys must be unique.
	 */
	public static ModelCatalogue of(Path folder, Collection<ModelVersion> versions) {
		Map<String, ModelVersion> byKey = new LinkedHashMap<>();
		versions.stream()
			.sorted(Comparator.comparing(ModelVersion::name).thenComparing(ModelVersion::version, Versions.ORDER))
			.forEach((version) -> {
				if (byKey.putIfAbsent(version.key(), version) != null) {
					throw new IllegalArgumentException("model " + version.key() + " is given twice");
				}
			});
		return new ModelCatalogue(folder, Collections.unmodifiableMap(byKey));
	}

	/**
	 * The version with that key: {@code name@version}, or {@code name} alone for its
	 * highest version.
	 * @throws UnknownModelException listing the known keys when there is none
	 */
	public ModelVersion get(String key) {
		return find(key).orElseThrow(() -> new UnknownModelException(key, keys()));
	}

	/** Like {@link #get(String)}, empty when there is no such version. */
	public Optional<ModelVersion> find(String key) {
		if (key.contains("@")) {
			return Optional.ofNullable(this.versions.get(key));
		}
		return this.versions.values()
			.stream()
			.filter((version) -> version.name().equals(key))
			.max(Comparator.comparing(ModelVersion::version, Versions.ORDER));
	}

	/** The versions that score a dataset, by name then version. */
	public List<ModelVersion> forDataset(String dataset) {
		return this.versions.values().stream().filter((version) -> version.dataset().equals(dataset)).toList();
	}

	/** Every version, by name then version. */
	public List<ModelVersion> all() {
		return List.copyOf(this.versions.values());
	}

	/** Every key, by name then version. */
	public List<String> keys() {
		return List.copyOf(this.versions.keySet());
	}

	/** The folder the catalogue was read from. */
	public Path folder() {
		return this.folder;
	}

}
