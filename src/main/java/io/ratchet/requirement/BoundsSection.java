package io.ratchet.requirement;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.ratchet.config.ConfigNode.Field;
import io.ratchet.config.ConfigNode.Mapping;
import io.ratchet.config.ConfigNode.Scalar;
import io.ratchet.metrics.DatasetMetric;
import io.ratchet.metrics.Metric;
import io.ratchet.metrics.MetricId;

/**
 * Reads a {@code monthly:} or {@code period:} section of {@code requirements.yml}: bounds
 * by metric, in file order, each {@code {min: x}}, {@code {max: y}} or both, optionally
 * with {@code judge: interval} (see {@link Judge}). A bad bound is reported on its
 * metric's line, a bad judge on its own.
 */
final class BoundsSection {

	private BoundsSection() {
	}

	/** The bounds of a section; none when the section is absent or empty. */
	static List<Bound> read(Field section) {
		List<Bound> bounds = new ArrayList<>();
		if (section == null || section.isEmpty()) {
			return bounds;
		}
		for (Field field : section.value().mapping("a mapping of bounds by metric").fields().values()) {
			MetricId metric = MetricId.of(field.key());
			String nameProblem = (metric instanceof DatasetMetric) ? DatasetMetric.nameProblem(field.key()) : null;
			if (nameProblem != null) {
				throw field.error("unknown metric '" + field.key() + "' (known: "
						+ Arrays.stream(Metric.values()).map(Metric::key).toList()
						+ ", and the metrics a dataset defines in its top-k: and metrics:); " + nameProblem);
			}
			Double min = null;
			Double max = null;
			Judge judge = Judge.POINT;
			if (!field.isEmpty()) {
				if (!(field.value() instanceof Mapping bound)) {
					throw field.value()
						.error("the bound on " + field.key()
								+ " must be a mapping such as {min: 0.75} or {max: 0.5}, not "
								+ field.value().describe());
				}
				bound.allowOnly("", "min", "max", "judge");
				min = side(bound.get("min"));
				max = side(bound.get("max"));
				judge = judge(bound.get("judge"));
			}
			String problem = Bound.problem(metric, min, max);
			if (problem != null) {
				throw field.error(problem);
			}
			bounds.add(new Bound(metric, min, max, judge));
		}
		return bounds;
	}

	/** {@code judge: point} (the default) or {@code judge: interval}. */
	private static Judge judge(Field judge) {
		if (judge == null || judge.isEmpty()) {
			return Judge.POINT;
		}
		String key = judge.text("judge");
		return Judge.find(key)
			.orElseThrow(() -> judge.error("unknown judge \"" + key + "\" (known: " + Judge.known()
					+ "): judge: interval breaches only when the whole 95% interval is past the bound"));
	}

	private static Double side(Field side) {
		if (side == null || side.isEmpty()) {
			return null;
		}
		if (!(side.value() instanceof Scalar scalar)) {
			throw side.error(side.key() + " must be a number, not " + side.value().describe());
		}
		return scalar.number(side.key());
	}

}
