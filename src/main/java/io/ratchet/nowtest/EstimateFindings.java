package io.ratchet.nowtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.ratchet.metrics.Metric;
import io.ratchet.metrics.MetricValues;
import io.ratchet.metrics.PerformanceEstimate;
import io.ratchet.model.ScoringPass.Scored;
import io.ratchet.requirement.Bound;
import io.ratchet.requirement.Breach;
import io.ratchet.requirement.DatasetRequirements;
import io.ratchet.requirement.RequirementCheck;
import io.ratchet.run.ResultsStore;

/**
 * Turns each contender's {@link WindowEstimate} into stored figures: the estimate over
 * the rows awaiting a label, judged against the monthly bounds as realised figures are
 * (with {@code min-rows}: too few rows, no estimated breach), beside the estimate and the
 * realised figure over the labelled rows, with the calibration check.
 */
final class EstimateFindings {

	private EstimateFindings() {
	}

	/**
	 * @param maxCalibrationError the largest expected calibration error for the estimate
	 * to be trusted
	 */
	static List<EstimateStore.StoredEstimate> measure(List<Scored<Contender>> scored, DatasetRequirements requirements,
			double maxCalibrationError) {
		List<EstimateStore.StoredEstimate> estimates = new ArrayList<>();
		for (Scored<Contender> model : scored) {
			WindowEstimate gathered = model.subject().estimate();
			if (gathered == null) {
				continue;
			}
			String name = model.version().name();
			PerformanceEstimate awaiting = gathered.awaiting().estimate();
			PerformanceEstimate labelled = gathered.labelled().estimate();
			MetricValues realised = model.accumulator().result();
			Map<Metric, Breach> breaches = RequirementCheck
				.check(requirements, name, ResultsStore.ALL, false, awaiting.values())
				.breaches()
				.stream()
				.filter((breach) -> breach.metric() instanceof Metric)
				.collect(Collectors.toMap((breach) -> (Metric) breach.metric(), Function.identity(), (a, b) -> a));
			double error = gathered.calibration().expectedError();
			boolean calibrated = error <= maxCalibrationError;
			for (Metric metric : PerformanceEstimate.METRICS) {
				Bound bound = requirements.monthlyFor(name)
					.stream()
					.filter((b) -> b.metric() == metric)
					.findFirst()
					.orElse(null);
				estimates.add(new EstimateStore.StoredEstimate(model.subject().id(), null, metric.key(),
						awaiting.rows(), finite(awaiting.get(metric)), labelled.rows(), finite(labelled.get(metric)),
						value(realised.get(metric)), (bound == null) ? null : (bound.min() != null) ? "MIN" : "MAX",
						(bound == null) ? null : (bound.min() != null) ? bound.min() : bound.max(),
						breaches.containsKey(metric), finite(error), gathered.calibration().rows(), calibrated));
			}
		}
		return estimates;
	}

	private static Double finite(double value) {
		return Double.isFinite(value) ? value : null;
	}

	private static Double value(OptionalDouble value) {
		return value.isPresent() ? value.getAsDouble() : null;
	}

}
