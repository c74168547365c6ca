package io.ratchet.promotion;

import java.util.Arrays;

import io.ratchet.metrics.Metric;

/**
 * DeLong's test for two correlated ROC AUCs measured on the same rows (DeLong, DeLong and
 * Clarke-Pearson, 1988), in the fast midrank form (Sun and Xu, 2014): O(n log n) per
 * model. With m positives and n negatives, and midranks T<sub>z</sub> over all rows,
 * T<sub>x</sub> among positives and T<sub>y</sub> among negatives, a model's AUC is
 * (Σ<sub>positives</sub> T<sub>z</sub> − m(m+1)/2)/(mn); its structural components are
 * V<sub>10</sub>(i) = (T<sub>z</sub>(i) − T<sub>x</sub>(i))/n for each positive and
 * V<sub>01</sub>(j) = 1 − (T<sub>z</sub>(j) − T<sub>y</sub>(j))/m for each negative. The
 * covariance of the two AUCs is S<sub>10</sub>/m + S<sub>01</sub>/n (sample covariances
 * of the components), the variance of the difference (candidate − champion) is
 * Var<sub>1</sub> + Var<sub>2</sub> − 2Cov, z = difference / its standard error, the
 * p-value two-sided normal, and the 95% interval difference ± 1.959964 standard errors.
 */
public final class DeLong {

	/** The 97.5th percentile of the standard normal distribution. */
	static final double Z_975 = 1.959963984540054;

	private DeLong() {
	}

	/**
	 * Compares the candidate's ROC AUC with the champion's.
	 * @param labels 1 (positive) or 0 (negative) per row
	 * @throws IllegalArgumentException when there are fewer than two rows of either class
	 */
	public static Comparison compare(double[] labels, double[] champion, double[] candidate) {
		Result result = test(labels, champion, candidate);
		return new Comparison(Metric.ROC_AUC, "delong", result.championAuc(), result.candidateAuc(),
				result.difference(), result.difference() - Z_975 * result.standardError(),
				result.difference() + Z_975 * result.standardError(), result.z(), result.p(), labels.length, 0);
	}

	/** The test's figures. */
	public static Result test(double[] labels, double[] champion, double[] candidate) {
		int m = 0;
		for (double label : labels) {
			if (label == 1.0) {
				m++;
			}
			else if (label != 0.0) {
				throw new IllegalArgumentException("DeLong's test needs labels 0 or 1, not " + label);
			}
		}
		int n = labels.length - m;
		if (m < 2 || n < 2) {
			throw new IllegalArgumentException(
					"DeLong's test needs at least two rows of each class (" + m + " positive, " + n + " negative)");
		}
		Components a = components(labels, champion, m, n);
		Components b = components(labels, candidate, m, n);
		double s10aa = covariance(a.v10(), a.v10());
		double s10bb = covariance(b.v10(), b.v10());
		double s10ab = covariance(a.v10(), b.v10());
		double s01aa = covariance(a.v01(), a.v01());
		double s01bb = covariance(b.v01(), b.v01());
		double s01ab = covariance(a.v01(), b.v01());
		double varA = s10aa / m + s01aa / n;
		double varB = s10bb / m + s01bb / n;
		double cov = s10ab / m + s01ab / n;
		double variance = Math.max(varA + varB - 2 * cov, 0);
		double difference = b.auc() - a.auc();
		double se = Math.sqrt(variance);
		double z = (se > 0) ? difference / se
				: (difference == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, difference));
		double p = 2 * Normal.upperTail(Math.abs(z));
		return new Result(a.auc(), b.auc(), difference, varA, varB, cov, variance, se, z, p);
	}

	/**
	 * @param championAuc the champion's AUC
	 * @param candidateAuc the candidate's AUC
	 * @param difference candidate minus champion
	 * @param championVariance the variance of the champion's AUC
	 * @param candidateVariance the variance of the candidate's AUC
	 * @param covariance their covariance
	 * @param variance the variance of the difference
	 * @param standardError its square root
	 * @param z difference / standard error
	 * @param p two-sided p-value
	 */
	public record Result(double championAuc, double candidateAuc, double difference, double championVariance,
			double candidateVariance, double covariance, double variance, double standardError, double z, double p) {
	}

	private record Components(double auc, double[] v10, double[] v01) {
	}

	private static Components components(double[] labels, double[] scores, int m, int n) {
		double[] positives = new double[m];
		double[] negatives = new double[n];
		int i = 0;
		int j = 0;
		for (int r = 0; r < labels.length; r++) {
			if (!Double.isFinite(scores[r])) {
				throw new IllegalArgumentException("score of row " + r + " is not a finite number: " + scores[r]);
			}
			if (labels[r] == 1.0) {
				positives[i++] = scores[r];
			}
			else {
				negatives[j++] = scores[r];
			}
		}
		double[] all = new double[m + n];
		System.arraycopy(positives, 0, all, 0, m);
		System.arraycopy(negatives, 0, all, m, n);
		double[] tx = midranks(positives);
		double[] ty = midranks(negatives);
		double[] tz = midranks(all);
		double sum = 0;
		double[] v10 = new double[m];
		for (int k = 0; k < m; k++) {
			sum += tz[k];
			v10[k] = (tz[k] - tx[k]) / n;
		}
		double[] v01 = new double[n];
		for (int k = 0; k < n; k++) {
			v01[k] = 1 - (tz[m + k] - ty[k]) / m;
		}
		double auc = (sum - m * (m + 1.0) / 2) / ((double) m * n);
		return new Components(auc, v10, v01);
	}

	/** The 1-based midranks of values: ties share the mean of their ranks. */
	static double[] midranks(double[] values) {
		int count = values.length;
		Integer[] order = new Integer[count];
		for (int k = 0; k < count; k++) {
			order[k] = k;
		}
		Arrays.sort(order, (x, y) -> Double.compare(values[x], values[y]));
		double[] ranks = new double[count];
		int start = 0;
		while (start < count) {
			int end = start;
			while (end + 1 < count && values[order[end + 1]] == values[order[start]]) {
				end++;
			}
			double rank = (start + end) / 2.0 + 1;
			for (int k = start; k <= end; k++) {
				ranks[order[k]] = rank;
			}
			start = end + 1;
		}
		return ranks;
	}

	/** The sample covariance (divisor count − 1). */
	private static double covariance(double[] x, double[] y) {
		int count = x.length;
		double meanX = 0;
		double meanY = 0;
		for (int k = 0; k < count; k++) {
			meanX += x[k];
			meanY += y[k];
		}
		meanX /= count;
		meanY /= count;
		double sum = 0;
		for (int k = 0; k < count; k++) {
			sum += (x[k] - meanX) * (y[k] - meanY);
		}
		return sum / (count - 1);
	}

}
