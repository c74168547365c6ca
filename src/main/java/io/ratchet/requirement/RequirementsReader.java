package io.ratchet.requirement;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

import io.ratchet.requirement.RequirementsSpec.BoundsSpec;
import io.ratchet.requirement.RequirementsSpec.DatasetSpec;
import io.ratchet.requirement.RequirementsSpec.MetricBound;
import io.ratchet.requirement.RequirementsSpec.ModelSpec;

/**
 * Reads and validates {@code config/requirements.yml}. Every error names the file and the line, e.g.
 * {@code config/requirements.yml line 4: unknown metric 'roc_aucc' (known: [...])}.
 */
final class RequirementsReader {

	/** Reads one dataset's value at a time, the parser going on to the next dataset key (so no trailing-token check). */
	private static final YAMLMapper MAPPER = YAMLMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.build();

	/** A mark in a YAML scanner message: {@code  in reader, line 2, column 1:}, followed by the text and a caret. */
	private static final Pattern YAML_MARK = Pattern.compile("\\s*in .*, line (\\d+), column \\d+:\\s*");

	private RequirementsReader() {
	}

	/**
	 * Reads the file into requirements by dataset, with the line of every dataset key and the datasets marked
	 * {@code unmonitored: true}; an empty file (or one of comments) has none.
	 */
	static Requirements read(Path file) {
		Map<String, DatasetRequirements> datasets = new LinkedHashMap<>();
		Map<String, Integer> lines = new LinkedHashMap<>();
		Set<String> unmonitored = new LinkedHashSet<>();
		try (JsonParser parser = MAPPER.createParser(file.toFile())) {
			JsonToken first = parser.nextToken();
			if (first == null) {
				return new Requirements(file, datasets, lines, unmonitored);
			}
			if (first != JsonToken.START_OBJECT) {
				throw new RequirementsException(where(file, parser.currentTokenLocation().getLineNr())
						+ ": expected a mapping of dataset names to their requirements");
			}
			for (JsonToken token = parser.nextToken(); token == JsonToken.PROPERTY_NAME; token = parser.nextToken()) {
				String name = parser.currentName();
				int line = parser.currentTokenLocation().getLineNr();
				DatasetSpec spec = (parser.nextToken() == JsonToken.VALUE_NULL) ? null
						: MAPPER.readValue(parser, DatasetSpec.class);
				lines.put(name, line);
				if (spec != null && spec.unmonitored()) {
					unmonitored.add(name);
				}
				DatasetRequirements requirements = toRequirements(file, name, spec);
				if (spec != null && spec.unmonitored() && requirements.hasBounds()) {
					throw new RequirementsException(where(file, line) + ": dataset \"" + name
							+ "\" is marked unmonitored: true and has bounds; keep the bounds, or mark it unmonitored "
							+ "without any");
				}
				datasets.put(name, requirements);
			}
		}
		catch (JacksonException ex) {
			throw translate(file, ex);
		}
		return new Requirements(file, datasets, lines, unmonitored);
	}

	private static DatasetRequirements toRequirements(Path file, String dataset, DatasetSpec spec) {
		if (spec == null) {
			return DatasetRequirements.none(dataset);
		}
		Map<String, ModelRequirements> models = new LinkedHashMap<>();
		if (spec.models() != null) {
			spec.models().forEach((model, overrides) -> models.put(model, (overrides != null)
					? new ModelRequirements(bounds(file, overrides.monthly()), bounds(file, overrides.period()))
					: new ModelRequirements(List.of(), List.of())));
		}
		long minRows = (spec.minRows() != null) ? spec.minRows() : 0;
		return new DatasetRequirements(dataset, minRows, bounds(file, spec.monthly()), bounds(file, spec.period()),
				models, (spec.drift() != null) ? spec.drift().requirements() : DriftRequirements.NONE);
	}

	private static List<Bound> bounds(Path file, BoundsSpec spec) {
		List<Bound> bounds = new ArrayList<>();
		if (spec == null) {
			return bounds;
		}
		for (MetricBound written : spec.bounds()) {
			Double min = (written.bound() != null) ? written.bound().min() : null;
			Double max = (written.bound() != null) ? written.bound().max() : null;
			String problem = Bound.problem(written.metric(), min, max);
			if (problem != null) {
				throw new RequirementsException(file + " line " + written.line() + ": " + problem);
			}
			bounds.add(new Bound(written.metric(), min, max));
		}
		return bounds;
	}

	private static String where(Path file, int line) {
		return (line > 0) ? file + " line " + line : file.toString();
	}

	/**
	 * Jackson's message without its location and path, at Jackson's line. A YAML syntax error's message carries the
	 * YAML scanner's own marks ({@code in reader, line 2, column 1:} then the text and a caret), which are more precise
	 * than the location Jackson attaches: the line of the last mark (the problem's) is used, and the marks are dropped.
	 */
	private static RequirementsException translate(Path file, JacksonException ex) {
		TokenStreamLocation location = ex.getLocation();
		int line = (location != null) ? location.getLineNr() : -1;
		String message = (ex.getOriginalMessage() != null) ? ex.getOriginalMessage() : ex.getClass().getSimpleName();
		String[] lines = message.split("\\R");
		List<String> kept = new ArrayList<>();
		for (int i = 0; i < lines.length; i++) {
			Matcher mark = YAML_MARK.matcher(lines[i]);
			if (mark.matches()) {
				line = Integer.parseInt(mark.group(1));
				i += 2;
			}
			else if (!lines[i].isBlank()) {
				kept.add(lines[i].strip());
			}
		}
		return new RequirementsException(where(file, line) + ": " + String.join("; ", kept), ex);
	}

}
