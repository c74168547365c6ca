package io.ratchet.requirement;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Every dataset's requirements, as read from {@code config/requirements.yml}. */
public final class Requirements {

	private static final Requirements EMPTY = new Requirements(Map.of());

	private final Map<String, DatasetRequirements> datasets;

	private Requirements(Map<String, DatasetRequirements> datasets) {
		this.datasets = datasets;
	}

	/**
	 * Reads a requirements file; a missing file means no requirements.
	 * @throws RequirementsException naming the file and line when the file is not valid YAML, has an unknown field or
	 * metric, a bound with neither min nor max or with min above max, or a negative {@code min-rows}
	 */
	public static Requirements load(Path file) {
		Objects.requireNonNull(file, "file");
		if (!Files.exists(file)) {
			return EMPTY;
		}
		return of(RequirementsReader.read(file));
	}

	/**
	 * Requirements built in code.
	 * @param datasets requirements by dataset name; each key must be its value's {@link DatasetRequirements#dataset()}
	 */
	public static Requirements of(Map<String, DatasetRequirements> datasets) {
		Map<String, DatasetRequirements> copy = new LinkedHashMap<>();
		datasets.forEach((name, requirements) -> {
			if (!Objects.requireNonNull(requirements, "requirements").dataset().equals(name)) {
				throw new IllegalArgumentException(
						"requirements of dataset " + requirements.dataset() + " filed under " + name);
			}
			copy.put(name, requirements);
		});
		return new Requirements(Collections.unmodifiableMap(copy));
	}

	/** No requirements at all. */
	public static Requirements empty() {
		return EMPTY;
	}

	/** The requirements of a dataset, if it has any. */
	public Optional<DatasetRequirements> forDataset(String dataset) {
		return Optional.ofNullable(this.datasets.get(dataset));
	}

	/** The requirements of a dataset, or none (every period passes) when the file does not name it. */
	public DatasetRequirements forDatasetOrNone(String dataset) {
		return forDataset(dataset).orElseGet(() -> DatasetRequirements.none(dataset));
	}

	/** The names of the datasets with requirements, in file order. */
	public Set<String> datasets() {
		return this.datasets.keySet();
	}

}
