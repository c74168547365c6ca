package io.ratchet.promotion;

import io.ratchet.metrics.Metric;

/**
 * The promotion settings of one dataset, defaults and overrides resolved
 * ({@link PromotionProperties#forDataset}).
 *
 * @param auto whether a challenge run may promote by itself
 * @param primaryMetric the metric to beat the champion on
 * @param margin the oriented improvement needed
 * @param monthlyTolerance how much worse any one month may be
 * @param shadowRuns nightly now-tests needed without a breach
 * @param ratchetTolerance distance of a ratcheted bound from the new champion's figure
 * @param resamples bootstrap resamples
 * @param seed bootstrap seed
 */
public record PromotionSettings(boolean auto, Metric primaryMetric, double margin, double monthlyTolerance,
		int shadowRuns, double ratchetTolerance, int resamples, long seed) {

}
