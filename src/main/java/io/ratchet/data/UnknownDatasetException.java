package io.ratchet.data;

import java.nio.file.Path;
import java.util.List;

/**
 * A dataset name with no {@code <configDir>/datasets/<name>.yml}; the message lists the
 * datasets that do exist.
 */
public class UnknownDatasetException extends DatasetConfigException {

	private final String name;

	private final List<String> known;

	/**
	 * @param folder the {@code datasets} folder that was searched
	 * @param name the dataset asked for
	 * @param known the datasets that exist, sorted
	 */
	public UnknownDatasetException(Path folder, String name, List<String> known) {
		super(folder, 0, "unknown dataset '" + name + "' (known: "
				+ (known.isEmpty() ? "none" : String.join(", ", known)) + ")");
		this.name = name;
		this.known = List.copyOf(known);
	}

	/** The dataset asked for. */
	public String name() {
		return this.name;
	}

	/** The datasets that exist, sorted. */
	public List<String> known() {
		return this.known;
	}

}
