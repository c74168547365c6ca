package io.ratchet.requirement;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.ratchet.config.Spelling;

/**
 * Every dataset's requirements, as read from {@code config/requirements.yml}.
 *
 * <p>
 * A job judges a dataset only by {@link #requireFor(String)}: a dataset the file does not
 * name, or names without a single bound, is an error, never a silent pass (a misspelt
 * dataset key once hid every requirement and sent an all-clear). The one way to run a
 * dataset unjudged is to say so for it: {@code scratch: {unmonitored: true}}.
 */
public final class Requirements {

	private static final Requirements EMPTY = new Requirements(null, Map.of(), Map.of(), Set.of());

	/** The file read, or {@code null} for requirements built in code. */
	private final Path file;

	private final Map<String, DatasetRequirements> datasets;

	/** The line of each dataset key in the file (empty when built in code). */
	private final Map<String, Integer> lines;

	private final Set<String> unmonitored;

	Requirements(Path file, Map<String, DatasetRequirements> datasets, Map<String, Integer> lines,
			Set<String> unmonitored) {
		this.file = file;
		this.datasets = Collections.unmodifiableMap(new LinkedHashMap<>(datasets));
		this.lines = Map.copyOf(lines);
		this.unmonitored = Collections.unmodifiableSet(new LinkedHashSet<>(unmonitored));
	}

	/**
	 * Reads a requirements file; a missing file means no requirements (and so every job
	 * refuses to judge).
	 * @throws RequirementsException naming the file and line when the file is not valid
	 * YAML, has an unknown field or metric, a bound with neither min nor max or with min
	 * above max, a negative {@code min-rows}, or a dataset marked
	 * {@code unmonitored: true} that has bounds
	 */
	public static Requirements load(Path file) {
		Objects.requireNonNull(file, "file");
		if (!Files.exists(file)) {
			return new Requirements(file, Map.of(), Map.of(), Set.of());
		}
		return RequirementsReader.read(file);
	}

	/**
	 * Requirements built in code.
	 * @param datasets requirements by dataset name; each key must be its value's
	 * {@link DatasetRequirements#dataset()}
	 */
	public static Requirements of(Map<String, DatasetRequirements> datasets) {
		datasets.forEach((name, requirements) -> {
			if (!Objects.requireNonNull(requirements, "requirements").dataset().equals(name)) {
				throw new IllegalArgumentException(
						"requirements of dataset " + requirements.dataset() + " filed under " + name);
			}
		});
		return new Requirements(null, datasets, Map.of(), Set.of());
	}

	/** No requirements at all. */
	public static Requirements empty() {
		return EMPTY;
	}

	/** The requirements of a dataset, if it has any. */
	public Optional<DatasetRequirements> forDataset(String dataset) {
		return Optional.ofNullable(this.datasets.get(dataset));
	}

	/**
	 * The requirements of a dataset, or none (every period passes) when the file does not
	 * name it. Not for judging a run: use {@link #requireFor(String)}.
	 */
	public DatasetRequirements forDatasetOrNone(String dataset) {
		return forDataset(dataset).orElseGet(() -> DatasetRequirements.none(dataset));
	}

	/**
	 * The requirements a back-test, now-test or challenge judges the dataset by: its
	 * bounds, or none when the file marks it {@code unmonitored: true}.
	 * @throws MissingRequirementsException when the file does not name the dataset, or
	 * names it without any bound; the message names the file (and line), the dataset keys
	 * found there, a key that looks like a misspelling of the dataset, and the two ways
	 * out
	 */
	public DatasetRequirements requireFor(String dataset) {
		DatasetRequirements requirements = this.datasets.get(dataset);
		if (requirements != null && (requirements.hasBounds() || this.unmonitored.contains(dataset))) {
			return requirements;
		}
		throw new MissingRequirementsException(missing(dataset, requirements != null));
	}

	/**
	 * Whether the file marks the dataset {@code unmonitored: true}: it is run, stored and
	 * reported, never judged.
	 */
	public boolean isUnmonitored(String dataset) {
		return this.unmonitored.contains(dataset);
	}

	/**
	 * A warning for every dataset key that names no dataset (a misspelling, or a dataset
	 * whose configuration is gone): its requirements apply to nothing. Not an error, so
	 * one stale entry does not stop every other dataset's nightly run; the dataset it was
	 * meant for has no requirements then, and {@link #requireFor(String)} refuses to
	 * judge it.
	 * @param known the datasets that exist (the names of {@code config/datasets/*.yml})
	 * @param where where they are, for the message (e.g. {@code config/datasets/})
	 */
	public List<String> unknownDatasets(Collection<String> known, String where) {
		List<String> warnings = new ArrayList<>();
		for (String key : this.datasets.keySet()) {
			if (!known.contains(key)) {
				String near = String.join(" or ", Spelling.near(key, known));
				warnings.add(at(key) + ": \"" + key + "\" names no dataset under " + where + " (datasets: "
						+ (known.isEmpty() ? "none" : String.join(", ", known)) + ")"
						+ (near.isEmpty() ? "" : "; did you mean " + near + "?")
						+ "; its requirements apply to nothing");
			}
		}
		return warnings;
	}

	/** The names of the datasets with requirements, in file order. */
	public Set<String> datasets() {
		return this.datasets.keySet();
	}

	/** Where a dataset key is: the file and its line. */
	public String at(String dataset) {
		Integer line = this.lines.get(dataset);
		return file() + ((line != null) ? " line " + line : "");
	}

	private String file() {
		return (this.file != null) ? this.file.toString() : "the requirements";
	}

	private String missing(String dataset, boolean named) {
		String what;
		if (named) {
			what = at(dataset) + ": dataset \"" + dataset + "\" has no bounds (min-rows alone judges nothing)";
		}
		else if (this.file != null && !Files.exists(this.file)) {
			what = file() + " does not exist, so dataset \"" + dataset + "\" has no requirements";
		}
		else if (this.datasets.isEmpty()) {
			what = file() + " names no dataset, so dataset \"" + dataset + "\" has no requirements";
		}
		else {
			List<String> keys = new ArrayList<>();
			List<String> near = new ArrayList<>();
			for (String key : this.datasets.keySet()) {
				Integer line = this.lines.get(key);
				keys.add("\"" + key + "\"" + ((line != null) ? " (line " + line + ")" : ""));
				if (Spelling.near(key, dataset)) {
					near.add("\"" + key + "\"");
				}
			}
			what = file() + " has no requirements for dataset \"" + dataset + "\"; the dataset keys found there: "
					+ String.join(", ", keys) + (near.isEmpty() ? ""
							: " (" + String.join(", ", near) + " looks like a misspelling of \"" + dataset + "\")");
		}
		return what + ". Without requirements a back-test, now-test or challenge would pass whatever the figures: "
				+ "add bounds under \"" + dataset + ":\" (e.g. monthly: {roc_auc: {min: 0.75}}), or, to run it "
				+ "unjudged on purpose, write \"" + dataset + ": {unmonitored: true}\"";
	}

}
