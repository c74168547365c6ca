package io.ratchet.training;

/**
 * Limited-memory BFGS for an unconstrained smooth function, following the steps L-BFGS-B
 * 3.0 takes on a problem without bounds (the solver behind scikit-learn's
 * {@code LogisticRegression(solver="lbfgs")}, through SciPy): start with the
 * steepest-descent direction and a first step of {@code 1/||g||}, then the quasi-Newton
 * direction of the last {@value #MEMORY} corrections with the initial matrix scaled by
 * {@code y's/y'y}, a Moré–Thuente line search ({@code ftol} 1e-3, {@code gtol} 0.9,
 * {@code xtol} 0.1) trying the unit step first, a correction skipped when
 * {@code y's <= eps * (-g'd * stp)}; and stop when the largest gradient component is at
 * most {@code gtol}, when the relative reduction of the function
 * {@code (f_old - f)/max(|f_old|, |f|, 1)} is at most {@code ftol}, or after
 * {@code maxIterations} iterations. With scikit-learn's settings ({@code gtol} 1e-4,
 * {@code ftol} 2.22e-9, 100 iterations) the result is scikit-learn's, to rounding.
 */
final class Lbfgs {

	/** Corrections kept (SciPy's {@code maxcor} default). */
	static final int MEMORY = 10;

	/** Function evaluations allowed per line search (SciPy's {@code maxls} default). */
	static final int MAX_LINE_SEARCH = 20;

	private static final double EPS = Math.ulp(1.0);

	/** A function and its gradient. */
	@FunctionalInterface
	interface Objective {

		/** Returns {@code f(x)} and writes its gradient into {@code gradient}. */
		double evaluate(double[] x, double[] gradient);

	}

	/** Why the iteration stopped. */
	enum Stop {

		GRADIENT, REDUCTION, ITERATIONS, LINE_SEARCH

	}

	/** The end point. */
	record Result(double[] x, double f, int iterations, int evaluations, Stop stop) {
	}

	private Lbfgs() {
	}

	static Result minimise(Objective objective, double[] start, double gtol, double ftol, int maxIterations) {
		int n = start.length;
		double[] x = start.clone();
		double[] g = new double[n];
		double f = objective.evaluate(x, g);
		int evaluations = 1;
		double[][] s = new double[MEMORY][];
		double[][] y = new double[MEMORY][];
		double[] rho = new double[MEMORY];
		int stored = 0;
		int newest = -1;
		double theta = 1.0;
		int iterations = 0;
		if (maxNorm(g) <= gtol) {
			return new Result(x, f, 0, evaluations, Stop.GRADIENT);
		}
		double[] d = new double[n];
		double[] xStart = new double[n];
		double[] gStart = new double[n];
		double[] trialGradient = new double[n];
		while (true) {
			// direction: -g (no corrections) or -H g (two-loop recursion, H0 = I / theta)
			if (stored == 0) {
				for (int i = 0; i < n; i++) {
					d[i] = -g[i] / theta;
				}
			}
			else {
				double[] q = new double[n];
				for (int i = 0; i < n; i++) {
					q[i] = -g[i];
				}
				double[] alpha = new double[MEMORY];
				for (int k = 0; k < stored; k++) {
					int index = Math.floorMod(newest - k, MEMORY);
					alpha[index] = rho[index] * dot(s[index], q);
					axpy(-alpha[index], y[index], q);
				}
				for (int i = 0; i < n; i++) {
					q[i] /= theta;
				}
				for (int k = stored - 1; k >= 0; k--) {
					int index = Math.floorMod(newest - k, MEMORY);
					double beta = rho[index] * dot(y[index], q);
					axpy(alpha[index] - beta, s[index], q);
				}
				System.arraycopy(q, 0, d, 0, n);
			}
			double gd = dot(g, d);
			if (gd >= 0) {
				if (stored == 0) {
					return new Result(x, f, iterations, evaluations, Stop.LINE_SEARCH);
				}
				// not a descent direction: forget the corrections and start again (as
				// L-BFGS-B does)
				stored = 0;
				theta = 1.0;
				continue;
			}
			double dnorm = Math.sqrt(dot(d, d));
			double stp = (iterations == 0) ? Math.min(1.0 / dnorm, 1e10) : 1.0;
			System.arraycopy(x, 0, xStart, 0, n);
			System.arraycopy(g, 0, gStart, 0, n);
			double fStart = f;
			LineSearch search = new LineSearch(f, gd, stp, 1e-3, 0.9, 0.1, 0, 1e10);
			int tries = 0;
			double gdNew = gd;
			boolean failed = false;
			while (true) {
				stp = search.step();
				for (int i = 0; i < n; i++) {
					x[i] = xStart[i] + stp * d[i];
				}
				f = objective.evaluate(x, trialGradient);
				evaluations++;
				tries++;
				gdNew = dot(trialGradient, d);
				LineSearch.Status status = search.next(f, gdNew);
				if (status != LineSearch.Status.EVALUATE) {
					break;
				}
				if (tries >= MAX_LINE_SEARCH || !Double.isFinite(f)) {
					failed = true;
					break;
				}
			}
			if (failed) {
				System.arraycopy(xStart, 0, x, 0, n);
				f = fStart;
				if (stored == 0) {
					return new Result(x, f, iterations, evaluations, Stop.LINE_SEARCH);
				}
				stored = 0;
				theta = 1.0;
				continue;
			}
			System.arraycopy(trialGradient, 0, g, 0, n);
			iterations++;
			if (iterations >= maxIterations) {
				return new Result(x, f, iterations, evaluations, Stop.ITERATIONS);
			}
			if (maxNorm(g) <= gtol) {
				return new Result(x, f, iterations, evaluations, Stop.GRADIENT);
			}
			if (fStart - f <= ftol * Math.max(Math.max(Math.abs(fStart), Math.abs(f)), 1.0)) {
				return new Result(x, f, iterations, evaluations, Stop.REDUCTION);
			}
			double[] sNew = new double[n];
			double[] yNew = new double[n];
			for (int i = 0; i < n; i++) {
				sNew[i] = x[i] - xStart[i];
				yNew[i] = g[i] - gStart[i];
			}
			double rr = dot(yNew, yNew);
			double dr = dot(yNew, sNew);
			double ddum = -dot(gStart, d) * stp;
			if (dr <= EPS * ddum) {
				continue; // skip the correction: the curvature condition fails
			}
			newest = (newest + 1) % MEMORY;
			s[newest] = sNew;
			y[newest] = yNew;
			rho[newest] = 1.0 / dr;
			stored = Math.min(stored + 1, MEMORY);
			theta = rr / dr;
		}
	}

	private static double dot(double[] a, double[] b) {
		double sum = 0;
		for (int i = 0; i < a.length; i++) {
			sum += a[i] * b[i];
		}
		return sum;
	}

	private static void axpy(double a, double[] x, double[] y) {
		for (int i = 0; i < x.length; i++) {
			y[i] += a * x[i];
		}
	}

	private static double maxNorm(double[] v) {
		double max = 0;
		for (double value : v) {
			max = Math.max(max, Math.abs(value));
		}
		return max;
	}

}
