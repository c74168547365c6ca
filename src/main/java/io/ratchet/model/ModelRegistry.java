package io.ratchet.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.ratchet.config.ConfigFormat;
import io.ratchet.config.Pointers;
import io.ratchet.config.StrictBinding;

/**
 * Which model version is champion, and which are candidates, per dataset
 * ({@code config/registry.yml}):
 *
 * <pre>
 * sales:
 *   champion: sales-logit@1
 *   candidates: [sales-logit@2, sales-gbt@1]
 * </pre>
 *
 * Keys are always {@code name@version}, so the registry never changes meaning when a new
 * version file appears. Both fields are optional (a dataset may have no champion yet). A
 * missing file is an empty registry.
 */
public final class ModelRegistry {

	private static final Pattern KEY = Pattern
		.compile(ModelVersion.IDENTIFIER.pattern() + "@" + ModelVersion.IDENTIFIER.pattern());

	private final Path file;

	private final Map<String, Entry> entries;

	private final Map<String, Integer> lines;

	private ModelRegistry(Path file, Map<String, Entry> entries, Map<String, Integer> lines) {
		this.file = file;
		this.entries = entries;
		this.lines = lines;
	}

	/**
	 * Reads the registry; a missing file is an empty registry.
	 * @throws ModelFileException naming the file, the line and the cause when it is not
	 * valid
	 */
	public static ModelRegistry load(Path file) {
		if (!Files.exists(file)) {
			return new ModelRegistry(file, Map.of(), Map.of());
		}
		byte[] bytes;
		try {
			bytes = Files.readAllBytes(file);
		}
		catch (IOException ex) {
			throw new ModelFileException(file, 0, "cannot read the file: " + ex, ex);
		}
		if (new String(bytes, StandardCharsets.UTF_8).isBlank()) {
			return new ModelRegistry(file, Map.of(), Map.of());
		}
		RegistryJson json = ModelFileException
			.translating(() -> StrictBinding.read(ConfigFormat.YAML, bytes, RegistryJson.class, file));
		Map<String, Entry> entries = new LinkedHashMap<>();
		Map<String, Integer> lines = new LinkedHashMap<>();
		json.datasets.forEach((dataset, entryJson) -> {
			String at = "/" + Pointers.escape(dataset);
			int line = StrictBinding.line(ConfigFormat.YAML, bytes, at);
			if (entryJson == null) {
				throw new ModelFileException(file, line, "dataset \"" + dataset + "\" has no entries (give champion"
						+ " and/or candidates, or remove it)");
			}
			String champion = entryJson.champion();
			if (champion != null) {
				checkKey(champion, file, StrictBinding.line(ConfigFormat.YAML, bytes, at + "/champion"), dataset);
			}
			List<String> candidates = (entryJson.candidates() != null) ? entryJson.candidates() : List.of();
			Set<String> seen = new HashSet<>();
			for (int i = 0; i < candidates.size(); i++) {
				String candidate = candidates.get(i);
				int candidateLine = StrictBinding.line(ConfigFormat.YAML, bytes, at + "/candidates/" + i);
				checkKey(candidate, file, candidateLine, dataset);
				if (candidate.equals(champion)) {
					throw new ModelFileException(file, candidateLine,
							"dataset \"" + dataset + "\": " + candidate + " is both champion and candidate");
				}
				if (!seen.add(candidate)) {
					throw new ModelFileException(file, candidateLine,
							"dataset \"" + dataset + "\": candidate " + candidate + " is listed twice");
				}
			}
			entries.put(dataset, new Entry(champion, List.copyOf(candidates)));
			lines.put(dataset, line);
		});
		return new ModelRegistry(file, Collections.unmodifiableMap(entries), Collections.unmodifiableMap(lines));
	}

	private static void checkKey(String key, Path file, int line, String dataset) {
		if (key == null || !KEY.matcher(key).matches()) {
			throw new ModelFileException(file, line,
					"dataset \"" + dataset + "\": \"" + key + "\" is not a model key of the form name@version");
		}
	}

	/** The champion of a dataset, if it has one. */
	public Optional<String> champion(String dataset) {
		Entry entry = this.entries.get(dataset);
		return (entry != null) ? Optional.ofNullable(entry.champion()) : Optional.empty();
	}

	/** The candidates of a dataset, in file order (empty when none). */
	public List<String> candidates(String dataset) {
		Entry entry = this.entries.get(dataset);
		return (entry != null) ? entry.candidates() : List.of();
	}

	/**
	 * {@code champion}, {@code candidate} or {@code other}: the role of a model key for a
	 * dataset.
	 */
	public String role(String dataset, String key) {
		if (champion(dataset).filter(key::equals).isPresent()) {
			return "champion";
		}
		return candidates(dataset).contains(key) ? "candidate" : "other";
	}

	/** The datasets the registry mentions, in file order. */
	public Set<String> datasets() {
		return this.entries.keySet();
	}

	/** The champion (if any) then the candidates of a dataset. */
	public List<String> contenders(String dataset) {
		List<String> keys = new ArrayList<>();
		champion(dataset).ifPresent(keys::add);
		keys.addAll(candidates(dataset));
		return keys;
	}

	/**
	 * Checks that every key names a version in the catalogue that scores that dataset.
	 * @throws ModelFileException naming the registry file and the dataset's line
	 * otherwise
	 */
	public void check(ModelCatalogue catalogue) {
		this.entries.keySet().forEach((dataset) -> {
			for (String key : contenders(dataset)) {
				Optional<ModelVersion> version = catalogue.find(key);
				if (version.isEmpty()) {
					throw new ModelFileException(this.file, this.lines.get(dataset),
							"dataset \"" + dataset + "\": no model file defines " + key + " (known: "
									+ String.join(", ", catalogue.keys()) + ")");
				}
				if (!version.get().dataset().equals(dataset)) {
					throw new ModelFileException(this.file, this.lines.get(dataset),
							"dataset \"" + dataset + "\": " + key + " scores dataset \"" + version.get().dataset()
									+ "\" (" + version.get().file() + ")");
				}
			}
		});
	}

	/** The file the registry was read from. */
	public Path file() {
		return this.file;
	}

	private record Entry(String champion, List<String> candidates) {
	}

	/** One dataset's entry as written. */
	record EntryJson(String champion, List<String> candidates) {
	}

	/** The whole file: dataset name to entry. */
	static final class RegistryJson {

		final Map<String, EntryJson> datasets = new LinkedHashMap<>();

		@com.fasterxml.jackson.annotation.JsonAnySetter
		void put(String dataset, EntryJson entry) {
			this.datasets.put(dataset, entry);
		}

	}

}
