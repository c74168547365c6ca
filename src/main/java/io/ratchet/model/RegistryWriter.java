package io.ratchet.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.ratchet.data.AtomicFiles;

/**
 * Writes {@code config/registry.yml}: sets a dataset's champion, adds or removes a
 * candidate. Only the entry of the dataset concerned is rewritten (as {@code champion:}
 * and a one-line {@code candidates: [...]}; comment lines inside that entry are not
 * kept); every other line of the file, other datasets and their comments included, stays
 * byte for byte. The new text is validated by {@link ModelRegistry#load(Path)} before it
 * replaces the file, and replaces it atomically (a temporary file in the same folder,
 * then a rename), so a reader never sees half a file.
 *
 * <p>
 * On a promotion the previous champion becomes the first candidate: it keeps being scored
 * in shadow (so that a rollback has fresh evidence) until someone removes it with
 * {@link #removeCandidate(Path, String, String)}.
 */
public final class RegistryWriter {

	private RegistryWriter() {
	}

	/**
	 * Makes {@code key} the champion of the dataset: it leaves the candidates, and the
	 * previous champion (if any) becomes the first candidate.
	 * @return the previous champion, if there was one
	 * @throws ModelFileException when the file is not a valid registry
	 */
	public static Optional<String> promote(Path file, String dataset, String key) {
		ModelRegistry registry = ModelRegistry.load(file);
		Optional<String> previous = registry.champion(dataset);
		List<String> candidates = new ArrayList<>(registry.candidates(dataset));
		candidates.remove(key);
		previous.filter((champion) -> !champion.equals(key)).ifPresent((champion) -> candidates.add(0, champion));
		write(file, dataset, key, candidates);
		return previous;
	}

	/**
	 * Adds a candidate at the end of the dataset's list (creating the dataset's entry
	 * when there is none); nothing changes when it is already a candidate.
	 * @throws IllegalArgumentException when the key is the dataset's champion
	 */
	public static void addCandidate(Path file, String dataset, String key) {
		ModelRegistry registry = ModelRegistry.load(file);
		if (registry.champion(dataset).filter(key::equals).isPresent()) {
			throw new IllegalArgumentException(key + " is the champion of dataset \"" + dataset + "\" in " + file
					+ ", it cannot also be a candidate");
		}
		List<String> candidates = new ArrayList<>(registry.candidates(dataset));
		if (candidates.contains(key)) {
			return;
		}
		candidates.add(key);
		write(file, dataset, registry.champion(dataset).orElse(null), candidates);
	}

	/**
	 * Removes a candidate; nothing changes when it is not one.
	 */
	public static void removeCandidate(Path file, String dataset, String key) {
		ModelRegistry registry = ModelRegistry.load(file);
		List<String> candidates = new ArrayList<>(registry.candidates(dataset));
		if (candidates.remove(key)) {
			write(file, dataset, registry.champion(dataset).orElse(null), candidates);
		}
	}

	/**
	 * Replaces the dataset's entry with the champion and candidates given, validates and
	 * writes atomically.
	 */
	static void write(Path file, String dataset, String champion, List<String> candidates) {
		String text = Files.exists(file) ? read(file) : "";
		String updated = replaceEntry(text, dataset, entry(dataset, champion, candidates));
		try {
			AtomicFiles.write(file, (out) -> out.write(updated), ModelRegistry::load);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex.getMessage(), ex);
		}
	}

	private static String entry(String dataset, String champion, List<String> candidates) {
		StringBuilder entry = new StringBuilder(dataset).append(":\n");
		if (champion != null) {
			entry.append("  champion: ").append(champion).append('\n');
		}
		entry.append("  candidates: [").append(String.join(", ", candidates)).append("]\n");
		return entry.toString();
	}

	/**
	 * The text with the dataset's entry (its top-level key line and every following line
	 * that is indented, blank or an indented comment) replaced, or the entry appended
	 * when the dataset has none.
	 */
	static String replaceEntry(String text, String dataset, String entry) {
		List<String> lines = text.lines().toList();
		int start = -1;
		for (int i = 0; i < lines.size(); i++) {
			if (isKeyLine(lines.get(i), dataset)) {
				start = i;
				break;
			}
		}
		StringBuilder out = new StringBuilder();
		if (start < 0) {
			out.append(text);
			if (!text.isEmpty() && !text.endsWith("\n")) {
				out.append('\n');
			}
			return out.append(entry).toString();
		}
		int end = start + 1;
		while (end < lines.size() && (lines.get(end).isEmpty() || Character.isWhitespace(lines.get(end).charAt(0)))) {
			end++;
		}
		// blank lines just before the next entry belong to the layout, not to this entry
		while (end - 1 > start && lines.get(end - 1).isBlank()) {
			end--;
		}
		for (int i = 0; i < start; i++) {
			out.append(lines.get(i)).append('\n');
		}
		out.append(entry);
		for (int i = end; i < lines.size(); i++) {
			out.append(lines.get(i)).append('\n');
		}
		return out.toString();
	}

	private static boolean isKeyLine(String line, String dataset) {
		for (String written : List.of(dataset, "\"" + dataset + "\"", "'" + dataset + "'")) {
			if (line.startsWith(written) && line.substring(written.length()).stripLeading().startsWith(":")) {
				return true;
			}
		}
		return false;
	}

	private static String read(Path file) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + file + ": " + ex.getMessage(), ex);
		}
	}

}
