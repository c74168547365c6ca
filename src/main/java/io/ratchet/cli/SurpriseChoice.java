package io.ratchet.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.ratchet.nowtest.Surprise;
import io.ratchet.nowtest.SurpriseKind;
import io.ratchet.nowtest.SurprisingRowStore.StoredSurprise;

/**
 * Which of a run's surprising rows of a model {@code jobs/model-cases --add-from} makes
 * cases of: those of {@code --kind} (all kinds without it), only the {@code --rows} given
 * (a line, or {@code <file name>:<line>} when the window spans two month files), the
 * first {@code --limit} (by kind, then rank). A row surprising in several ways is one
 * row, with its kinds.
 */
final class SurpriseChoice {

	private SurpriseChoice() {
	}

	/**
	 * The chosen rows, each once with its kinds, in the run's order.
	 * @throws UsageException naming what was asked for and is not there
	 */
	static Map<Surprise, List<SurpriseKind>> choose(List<StoredSurprise> stored, String kind, List<String> rows,
			Integer limit, String what) {
		SurpriseKind only;
		try {
			only = (kind != null) ? SurpriseKind.of(kind) : null;
		}
		catch (IllegalArgumentException ex) {
			throw new UsageException("--kind: " + ex.getMessage());
		}
		Map<String, Surprise> byRow = new LinkedHashMap<>();
		Map<String, List<SurpriseKind>> kinds = new LinkedHashMap<>();
		for (StoredSurprise item : stored) {
			Surprise row = item.row();
			if (only == null || row.kind() == only) {
				String at = at(row);
				byRow.putIfAbsent(at, row);
				kinds.computeIfAbsent(at, (key) -> new ArrayList<>()).add(row.kind());
			}
		}
		if (byRow.isEmpty()) {
			throw new UsageException(what + " has no surprising rows" + ((only != null) ? " of kind " + kind : ""));
		}
		List<String> chosen = new ArrayList<>(byRow.keySet());
		if (rows != null && !rows.isEmpty()) {
			chosen = pick(byRow, rows, what);
		}
		if (limit != null) {
			if (limit < 1) {
				throw new UsageException("--limit must be at least 1, not " + limit);
			}
			chosen = chosen.subList(0, Math.min(limit, chosen.size()));
		}
		Map<Surprise, List<SurpriseKind>> result = new LinkedHashMap<>();
		chosen.forEach((at) -> result.put(byRow.get(at), kinds.get(at)));
		return result;
	}

	private static List<String> pick(Map<String, Surprise> byRow, List<String> rows, String what) {
		List<String> chosen = new ArrayList<>();
		List<String> missing = new ArrayList<>();
		for (String spec : rows) {
			String wanted = spec.strip();
			List<String> matching = byRow.keySet()
				.stream()
				.filter((at) -> at.equals(wanted) || (!wanted.contains(":") && at.endsWith(":" + wanted)))
				.toList();
			if (matching.size() > 1) {
				throw new UsageException("--rows " + wanted + " is a line of several month files (" + matching
						+ "): give it as <file name>:<line>");
			}
			if (matching.isEmpty()) {
				missing.add(wanted);
			}
			else if (!chosen.contains(matching.get(0))) {
				chosen.add(matching.get(0));
			}
		}
		if (!missing.isEmpty()) {
			throw new UsageException("--rows " + String.join(",", missing) + ": not among the surprising rows of "
					+ what + " (" + String.join(", ", byRow.keySet()) + ")");
		}
		return chosen;
	}

	/** {@code <file name>:<line>}. */
	private static String at(Surprise row) {
		return Path.of(row.file()).getFileName() + ":" + row.line();
	}

}
