package io.ratchet.segment;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.ratchet.data.Segment;
import io.ratchet.metrics.MetricAccumulator;
import io.ratchet.requirement.Breach;
import io.ratchet.requirement.CheckResult;
import io.ratchet.requirement.DatasetRequirements;
import io.ratchet.requirement.RequirementCheck;
import io.ratchet.requirement.SegmentBounds;
import io.ratchet.requirement.Verdict;

/**
 * Judges a model's segment figures and folds their breaches into the model's verdict for
 * the period: a segment that breaches makes the period a breach; a segment with too few
 * rows is "insufficient data" on its own row and leaves the model's verdict alone (it
 * never breaches, and the overall figure may well be judged).
 */
public final class SegmentJudge {

	private SegmentJudge() {
	}

	/**
	 * Each segment's figures and check.
	 * @param requirements the dataset's requirements (their {@code segments:})
	 * @param minRows the dataset's {@code segments.min-rows}
	 * @param modelName the model's name (copied into breaches)
	 * @param modelVersionId the model's row
	 * @param period {@code YYYY-MM} or {@code ALL}
	 * @param accumulators the model's accumulators by segment
	 * @param withState whether to keep each accumulator's state (a month)
	 */
	public static List<SegmentFigures> judge(DatasetRequirements requirements, long minRows, String modelName,
			long modelVersionId, String period, Map<Segment, MetricAccumulator> accumulators, boolean withState) {
		List<SegmentFigures> figures = new ArrayList<>();
		accumulators.forEach((segment, accumulator) -> {
			var values = accumulator.result();
			figures.add(new SegmentFigures(modelVersionId, segment, values,
					RequirementCheck.checkSegment(requirements, minRows, modelName, period, segment, values),
					withState ? accumulator.toBytes() : null));
		});
		return figures;
	}

	/**
	 * The model's check with its segments' breaches added: {@code BREACH} when any
	 * segment breaches, else the overall verdict.
	 */
	public static CheckResult withSegments(CheckResult overall, Collection<SegmentFigures> segments) {
		List<Breach> breaches = new ArrayList<>(overall.breaches());
		segments.forEach((segment) -> breaches.addAll(segment.check().breaches()));
		Verdict verdict = (breaches.size() > overall.breaches().size()) ? Verdict.BREACH : overall.verdict();
		return new CheckResult(verdict, breaches, overall.notEvaluated());
	}

	/**
	 * Warnings for bounds on a level the run never saw ({@code region=west} when no row
	 * had that region): not an error, since a level may appear later (a new region), but
	 * the bound judged nothing.
	 * @param at where the dataset's requirements are written, for the message
	 */
	public static List<String> unseenLevels(DatasetRequirements requirements, Set<Segment> seen, String at) {
		List<String> warnings = new ArrayList<>();
		for (SegmentBounds bounds : requirements.segments()) {
			if (bounds.level() != null && !seen.contains(new Segment(bounds.column(), bounds.level()))) {
				warnings.add(at + ": segments." + bounds.key() + " (line " + bounds.line()
						+ ") bounds a level no row of" + " this run has; levels seen of " + bounds.column() + ": "
						+ seen.stream()
							.filter((segment) -> segment.column().equals(bounds.column()))
							.map(Segment::level)
							.sorted()
							.toList());
			}
		}
		return warnings;
	}

}
