package io.ratchet.alert;

import java.util.Comparator;

import io.ratchet.run.StoredBreach;

/**
 * How far a breach is from its bound, relative to the bound: {@code roc_auc 0.68 < 0.76}
 * falls short by about 10.5%. The worst breach of a run is the one with the largest
 * shortfall, whatever its metric. A bound of 0 gives the plain distance.
 */
final class Shortfall {

	/**
	 * Worst (largest shortfall) first; ties by period then metric, so the order is
	 * stable.
	 */
	static final Comparator<StoredBreach> WORST_FIRST = Comparator.comparingDouble(Shortfall::of)
		.reversed()
		.thenComparing(StoredBreach::period)
		.thenComparing(StoredBreach::metric);

	private Shortfall() {
	}

	static double of(StoredBreach breach) {
		double distance = "MIN".equals(breach.boundKind()) ? breach.bound() - breach.value()
				: breach.value() - breach.bound();
		double scale = Math.abs(breach.bound());
		return (scale > 0) ? distance / scale : distance;
	}

	/**
	 * Keys with a colon ({@code psi:tenure_months}) are drift figures, the rest model
	 * metrics.
	 */
	static boolean isDrift(String metric) {
		return metric.indexOf(':') >= 0;
	}

}
