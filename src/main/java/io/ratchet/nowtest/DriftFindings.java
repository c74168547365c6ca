package io.ratchet.nowtest;

import java.util.ArrayList;
import java.util.List;

import io.ratchet.data.QualityCheck;
import io.ratchet.drift.Drift;
import io.ratchet.drift.DriftResult;
import io.ratchet.requirement.DriftRequirements;
import io.ratchet.requirement.DriftStatistic;

/**
 * The drift of a now-test's window against its reference: every feature's statistics and
 * every contender's score PSI, KS and KS p-value, with the values that cross the
 * {@code drift:} bounds of requirements.yml as breaches (a p-value below its minimum, any
 * other statistic above its maximum; a feature's filed under the feature owner, the
 * champion; a score's under its model). The dataset file's quality rules add each ruled
 * feature's violations in the window and, as a breach filed under the champion, a missing
 * share above {@code max-missing}.
 */
record DriftFindings(List<NowtestStore.StoredDrift> values, List<NowtestStore.DriftBreach> breaches) {

	/**
	 * The stored statistic of a feature's rows in the window that break its range or
	 * level rule ({@code quality:} in the dataset file).
	 */
	static final String QUALITY_VIOLATIONS = "quality_violations";

	/**
	 * The breach key's statistic of a missing share above the dataset file's
	 * {@code max-missing}: {@code quality_missing_rate:<feature>}.
	 */
	static final String QUALITY_MISSING_RATE = "quality_missing_rate";

	/** Nothing measured. */
	static DriftFindings none() {
		return new DriftFindings(List.of(), List.of());
	}

	/**
	 * Compares the window's profile and scores with the reference's.
	 * @param pass the pass that read both
	 * @param contenders the contenders, with their score samples
	 * @param featureOwner the model version id feature breaches are filed under
	 * @param bounds the dataset's drift bounds
	 * @param reference the reference's description, stored with each value
	 * @param bins the number of buckets of a numeric column
	 */
	static DriftFindings measure(WindowPass pass, List<Contender> contenders, long featureOwner,
			DriftRequirements bounds, String reference, int bins) {
		List<NowtestStore.StoredDrift> values = new ArrayList<>();
		List<NowtestStore.DriftBreach> breaches = new ArrayList<>();
		for (DriftResult result : pass.windowProfile().compare(pass.referenceProfile(), bins)) {
			for (DriftStatistic statistic : DriftStatistic.values()) {
				double value = value(result, statistic);
				if (Double.isNaN(value)) {
					continue;
				}
				values.add(new NowtestStore.StoredDrift(result.subject(), statistic.key(), null, value, reference,
						result.referenceRows(), result.windowRows()));
				var bound = bounds.max(result.subject(), statistic);
				if (bound.isPresent() && statistic.breaches(value, bound.getAsDouble())) {
					breaches.add(new NowtestStore.DriftBreach(featureOwner, statistic.key() + ":" + result.subject(),
							value, bound.getAsDouble()));
				}
			}
		}
		for (QualityCheck.Finding finding : pass.windowQuality().findings()) {
			String feature = finding.rule().feature();
			values.add(new NowtestStore.StoredDrift(feature, QUALITY_VIOLATIONS, null, finding.violations(), reference,
					pass.referenceProfile().rows(), finding.rows()));
			if (finding.missingBreached()) {
				breaches.add(new NowtestStore.DriftBreach(featureOwner, QUALITY_MISSING_RATE + ":" + feature,
						finding.missingRate(), finding.rule().maxMissing()));
			}
		}
		for (Contender contender : contenders) {
			DriftResult result = Drift.numeric("score:" + contender.model().key(), contender.referenceScores(),
					contender.windowScores(), bins);
			for (DriftStatistic statistic : List.of(DriftStatistic.PSI, DriftStatistic.KS, DriftStatistic.P_VALUE)) {
				double value = value(result, statistic);
				if (!Double.isNaN(value)) {
					values.add(new NowtestStore.StoredDrift(result.subject(), statistic.key(), contender.id(), value,
							reference, result.referenceRows(), result.windowRows()));
				}
			}
			if (bounds.scorePsi() != null && !Double.isNaN(result.psi()) && result.psi() > bounds.scorePsi()) {
				breaches
					.add(new NowtestStore.DriftBreach(contender.id(), "psi:score", result.psi(), bounds.scorePsi()));
			}
		}
		return new DriftFindings(values, breaches);
	}

	/** Whether a breach is filed under the model version. */
	boolean breachedBy(long modelVersionId) {
		return this.breaches.stream().anyMatch((breach) -> breach.modelVersionId() == modelVersionId);
	}

	private static double value(DriftResult result, DriftStatistic statistic) {
		return switch (statistic) {
			case PSI -> result.psi();
			case KS -> result.ks();
			case P_VALUE -> result.pValue();
			case MISSING_RATE -> result.missingRate();
			case MISSING_RATE_CHANGE -> result.missingRateChange();
		};
	}

}
