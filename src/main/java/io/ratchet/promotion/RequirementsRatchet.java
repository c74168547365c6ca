package io.ratchet.promotion;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.dataformat.yaml.YAMLMapper;

import io.ratchet.metrics.Metric;
import io.ratchet.metrics.MetricId;
import io.ratchet.requirement.Bound;
import io.ratchet.requirement.BoundKind;
import io.ratchet.requirement.DatasetRequirements;

/**
 * The ratchet as a text edit of {@code config/requirements.yml}: every minimum of the
 * dataset's {@code monthly} and {@code period} bounds goes up to the new champion's
 * figure minus the tolerance, every maximum down to its figure plus the tolerance, never
 * the other way. A monthly bound takes the champion's worst month (its lowest value for a
 * minimum, its highest for a maximum), so the new champion would have met every month of
 * its own back-test; a period bound takes the whole period. Bounds on metrics without a
 * better direction ({@code n}, {@code mean_score}...), per-model overrides and drift
 * bounds are left alone. New numbers are rounded to 4 decimals towards the looser side (a
 * minimum down, a maximum up).
 *
 * <p>
 * Only the number changes, on its own line and column (found by the YAML parser's token
 * locations), so comments, layout and flow or block style stay as written.
 */
final class RequirementsRatchet {

	private static final YAMLMapper MAPPER = YAMLMapper.builder().build();

	private RequirementsRatchet() {
	}

	/**
	 * The new champion's figures in its back-test.
	 *
	 * @param lowestMonth each metric's lowest monthly value (months with enough rows)
	 * @param highestMonth each metric's highest monthly value
	 * @param wholePeriod each metric's whole-period value
	 */
	record Level(Map<MetricId, Double> lowestMonth, Map<MetricId, Double> highestMonth,
			Map<MetricId, Double> wholePeriod) {
	}

	/**
	 * The edit: the changes, the new text, a unified-style diff, and the new
	 * requirements.
	 */
	record Edit(List<BoundChange> changes, String text, String diff, DatasetRequirements requirements) {
	}

	/**
	 * Works out the edit; the file is not written.
	 * @param text the file's text
	 * @param file the file (for messages and the diff's header)
	 * @param current the dataset's requirements as read from that text
	 * @throws PromotionException when a bound's number cannot be found where the parser
	 * says it is
	 */
	static Edit propose(String text, Path file, DatasetRequirements current, Level level, double tolerance) {
		Map<String, Written> numbers = numbers(text, file);
		List<BoundChange> changes = new ArrayList<>();
		List<Bound> monthly = new ArrayList<>();
		for (Bound bound : current.monthly()) {
			monthly.add(raise("monthly", bound, level.lowestMonth(), level.highestMonth(), tolerance, numbers,
					current.dataset(), changes));
		}
		List<Bound> period = new ArrayList<>();
		for (Bound bound : current.period()) {
			period.add(raise("period", bound, level.wholePeriod(), level.wholePeriod(), tolerance, numbers,
					current.dataset(), changes));
		}
		List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
		Map<Integer, String> before = new LinkedHashMap<>();
		Map<Integer, Integer> shift = new HashMap<>();
		for (BoundChange change : changes) {
			Written written = numbers.get(path(current.dataset(), change.section(), change.metric(), change.kind()));
			int index = written.line() - 1;
			String line = lines.get(index);
			before.putIfAbsent(written.line(), line);
			int column = written.column() - 1 + shift.getOrDefault(written.line(), 0);
			if (!line.startsWith(written.text(), column)) {
				throw new PromotionException(file + " line " + written.line() + ": cannot find the number "
						+ written.text() + " of " + change.section() + " " + change.metric().key() + " "
						+ change.kind().name().toLowerCase() + "; nothing was changed");
			}
			String number = plain(change.to());
			lines.set(index, line.substring(0, column) + number + line.substring(column + written.text().length()));
			shift.merge(written.line(), number.length() - written.text().length(), Integer::sum);
		}
		StringBuilder diff = new StringBuilder();
		if (!changes.isEmpty()) {
			diff.append("--- ").append(file).append('\n').append("+++ ").append(file).append(" (ratcheted)\n");
			before.forEach((line, old) -> diff.append("@@ -")
				.append(line)
				.append(" +")
				.append(line)
				.append(" @@\n")
				.append('-')
				.append(old)
				.append('\n')
				.append('+')
				.append(lines.get(line - 1))
				.append('\n'));
		}
		DatasetRequirements raised = new DatasetRequirements(current.dataset(), current.minRows(), monthly, period,
				current.models(), current.drift(), current.segments());
		return new Edit(changes, String.join("\n", lines), diff.toString(), raised);
	}

	private static Bound raise(String section, Bound bound, Map<MetricId, Double> forMin, Map<MetricId, Double> forMax,
			double tolerance, Map<String, Written> numbers, String dataset, List<BoundChange> changes) {
		if (bound.metric().direction() == Metric.Direction.NONE) {
			return bound;
		}
		Double min = bound.min();
		Double max = bound.max();
		Double low = forMin.get(bound.metric());
		if (min != null && low != null) {
			double proposed = round(low - tolerance, RoundingMode.FLOOR);
			if (max != null) {
				proposed = Math.min(proposed, max);
			}
			if (proposed > min) {
				changes.add(new BoundChange(section, bound.metric(), BoundKind.MIN, min, proposed, low,
						line(numbers, dataset, section, bound.metric(), BoundKind.MIN)));
				min = proposed;
			}
		}
		Double high = forMax.get(bound.metric());
		if (max != null && high != null) {
			double proposed = round(high + tolerance, RoundingMode.CEILING);
			if (min != null) {
				proposed = Math.max(proposed, min);
			}
			if (proposed < max) {
				changes.add(new BoundChange(section, bound.metric(), BoundKind.MAX, max, proposed, high,
						line(numbers, dataset, section, bound.metric(), BoundKind.MAX)));
				max = proposed;
			}
		}
		return new Bound(bound.metric(), min, max, bound.judge());
	}

	private static int line(Map<String, Written> numbers, String dataset, String section, MetricId metric,
			BoundKind kind) {
		Written written = numbers.get(path(dataset, section, metric, kind));
		if (written == null) {
			throw new PromotionException("cannot find " + dataset + "." + section + "." + metric.key() + "."
					+ kind.name().toLowerCase() + " in the requirements file; nothing was changed");
		}
		return written.line();
	}

	private static double round(double value, RoundingMode mode) {
		// 10 decimals first: 0.40 + 0.01 is 0.41000000000000003, which must not round up
		// to 0.4101
		return BigDecimal.valueOf(value).setScale(10, RoundingMode.HALF_EVEN).setScale(4, mode).doubleValue();
	}

	/** A number as people write it: {@code 0.7812}, not {@code 7.812E-1}. */
	static String plain(double value) {
		return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
	}

	private static String path(String dataset, String section, MetricId metric, BoundKind kind) {
		return dataset + "/" + section + "/" + metric.key() + "/" + kind.name().toLowerCase();
	}

	/** A scalar as written: its line and column (1-based) and its text. */
	record Written(int line, int column, String text) {
	}

	/**
	 * Every scalar of the file by its path ({@code sales/monthly/roc_auc/min}), with
	 * where it is written.
	 */
	static Map<String, Written> numbers(String text, Path file) {
		Map<String, Written> found = new HashMap<>();
		try (JsonParser parser = MAPPER.createParser(text)) {
			Deque<String> path = new ArrayDeque<>();
			String name = null;
			JsonToken token;
			while ((token = parser.nextToken()) != null) {
				switch (token) {
					case PROPERTY_NAME -> name = parser.currentName();
					case START_OBJECT, START_ARRAY -> {
						path.addLast((name != null) ? name : "");
						name = null;
					}
					case END_OBJECT, END_ARRAY -> {
						path.removeLast();
						name = null;
					}
					default -> {
						if (token.isScalarValue() && name != null) {
							List<String> parts = new ArrayList<>(path);
							parts.remove(0);
							parts.add(name);
							found.put(String.join("/", parts), new Written(parser.currentTokenLocation().getLineNr(),
									parser.currentTokenLocation().getColumnNr(), parser.getString()));
						}
						name = null;
					}
				}
			}
		}
		catch (JacksonException ex) {
			throw new PromotionException(file + ": cannot read it: " + ex.getOriginalMessage(), ex);
		}
		return found;
	}

}
