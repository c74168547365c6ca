package io.ratchet.training;

import java.util.List;
import java.util.Map;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.Row;
import io.ratchet.model.LinearModel;
import io.ratchet.model.Link;

/**
 * L2-penalised logistic regression: minimises
 * {@code 0.5*||w||^2 + C * sum_i logloss(y_i, sigmoid(b + w.x_i))}, the intercept
 * {@code b} not penalised. Two solvers:
 * <ul>
 * <li>{@link Solver#LBFGS} (the default): limited-memory BFGS ({@link Lbfgs}) on
 * {@code objective / C}, from zero, with scikit-learn's stopping rules (largest gradient
 * component 1e-4, relative reduction 2.22e-9, 100 iterations). It stops where
 * scikit-learn's {@code LogisticRegression} stops, so a candidate trained here is the
 * model scikit-learn would have exported (within 1e-4), not a slightly different, more
 * converged one.</li>
 * <li>{@link Solver#NEWTON}: Newton's method (iteratively reweighted least squares), each
 * step a Cholesky solve of {@code H = C X'WX + diag(0, 1, ..., 1)}, halving the step
 * while the objective does not decrease, until no coefficient moves by more than
 * {@value #STEP_TOLERANCE}: the exact minimum, in a handful of iterations.</li>
 * </ul>
 */
public final class LogisticTrainer implements Trainer {

	static final double STEP_TOLERANCE = 1e-10;

	static final int MAX_ITERATIONS = 100;

	/**
	 * scikit-learn's {@code tol}: L-BFGS stops when no gradient component of
	 * {@code objective / C} exceeds it.
	 */
	static final double GRADIENT_TOLERANCE = 1e-4;

	/**
	 * SciPy's default {@code ftol} for L-BFGS-B ({@code factr} 1e7 times the machine
	 * epsilon).
	 */
	static final double REDUCTION_TOLERANCE = 1e7 * Math.ulp(1.0);

	/** How the objective is minimised. */
	public enum Solver {

		/**
		 * L-BFGS with scikit-learn's stopping rules: scikit-learn's result (the default).
		 */
		LBFGS,

		/** Newton's method with Cholesky solves: the exact minimum. */
		NEWTON

	}

	private final Solver solver;

	/** A trainer with the default solver, {@link Solver#LBFGS}. */
	public LogisticTrainer() {
		this(Solver.LBFGS);
	}

	public LogisticTrainer(Solver solver) {
		this.solver = java.util.Objects.requireNonNull(solver, "solver");
	}

	@Override
	public LinearModel train(DatasetConfig dataset, TrainingSpec spec, List<Row> rows) {
		Design design = Design.of(dataset, spec, rows);
		long positives = 0;
		for (double label : design.y) {
			if (label != 0 && label != 1) {
				throw new TrainingException("a binary label must be 0 or 1, not " + label);
			}
			positives += (long) label;
		}
		long negatives = design.rows() - positives;
		if (positives == 0 || negatives == 0) {
			throw new TrainingException("the training window " + design.first + ".." + design.last + " of dataset \""
					+ dataset.name() + "\" has " + positives + " positive and " + negatives
					+ " negative labelled rows: logistic regression needs both classes");
		}
		if (this.solver == Solver.LBFGS) {
			return lbfgs(design, spec);
		}
		double c = spec.penalty();
		int n = design.rows();
		int p = 1 + design.width();
		double[][] x = design.x;
		double[] y = design.y;
		double[] beta = new double[p];
		beta[0] = Math.log((double) positives / negatives);
		double objective = objective(x, y, beta, c);
		int iterations = 0;
		boolean converged = false;
		while (!converged) {
			if (iterations == MAX_ITERATIONS) {
				throw new TrainingException("Newton's method did not converge in " + MAX_ITERATIONS + " iterations ("
						+ spec.label() + ", window " + design.first + ".." + design.last + ")");
			}
			iterations++;
			double[] gradient = new double[p];
			double[][] hessian = new double[p][p];
			for (int i = 0; i < n; i++) {
				double[] xi = x[i];
				double z = beta[0];
				for (int j = 1; j < p; j++) {
					z += beta[j] * xi[j - 1];
				}
				double prob = sigmoid(z);
				double residual = c * (prob - y[i]);
				double weight = c * prob * (1 - prob);
				gradient[0] += residual;
				hessian[0][0] += weight;
				for (int j = 1; j < p; j++) {
					double xj = xi[j - 1];
					if (xj == 0) {
						continue;
					}
					gradient[j] += residual * xj;
					double wx = weight * xj;
					hessian[j][0] += wx;
					for (int k = 1; k <= j; k++) {
						hessian[j][k] += wx * xi[k - 1];
					}
				}
			}
			for (int j = 1; j < p; j++) {
				gradient[j] += beta[j];
				hessian[j][j] += 1.0;
			}
			double[] negative = new double[p];
			for (int j = 0; j < p; j++) {
				negative[j] = -gradient[j];
			}
			double[] step = Solve.cholesky(hessian, negative);
			double fraction = 1.0;
			double[] next = new double[p];
			double nextObjective;
			while (true) {
				for (int j = 0; j < p; j++) {
					next[j] = beta[j] + fraction * step[j];
				}
				nextObjective = objective(x, y, next, c);
				if (nextObjective <= objective || fraction < 1e-10) {
					break;
				}
				fraction /= 2;
			}
			double moved = 0;
			for (int j = 0; j < p; j++) {
				moved = Math.max(moved, Math.abs(next[j] - beta[j]));
			}
			System.arraycopy(next, 0, beta, 0, p);
			objective = nextObjective;
			converged = moved <= STEP_TOLERANCE;
		}
		double[] weights = new double[p - 1];
		System.arraycopy(beta, 1, weights, 0, p - 1);
		return design.model(Link.LOGISTIC, beta[0], weights,
				Trainings.describe(spec, design, "newton-cholesky", iterations));
	}

	private static LinearModel lbfgs(Design design, TrainingSpec spec) {
		double[][] x = design.x;
		double[] y = design.y;
		double penalty = 1.0 / spec.penalty();
		int p = 1 + design.width();
		Lbfgs.Objective objective = (beta, gradient) -> {
			java.util.Arrays.fill(gradient, 0);
			double loss = 0;
			for (int i = 0; i < y.length; i++) {
				double[] xi = x[i];
				double z = beta[0];
				for (int j = 1; j < p; j++) {
					z += beta[j] * xi[j - 1];
				}
				loss += softplus(z) - y[i] * z;
				double residual = sigmoid(z) - y[i];
				gradient[0] += residual;
				for (int j = 1; j < p; j++) {
					gradient[j] += residual * xi[j - 1];
				}
			}
			double squares = 0;
			for (int j = 1; j < p; j++) {
				squares += beta[j] * beta[j];
				gradient[j] += penalty * beta[j];
			}
			return loss + 0.5 * penalty * squares;
		};
		Lbfgs.Result result = Lbfgs.minimise(objective, new double[p], GRADIENT_TOLERANCE, REDUCTION_TOLERANCE,
				MAX_ITERATIONS);
		double[] weights = new double[p - 1];
		System.arraycopy(result.x(), 1, weights, 0, p - 1);
		Map<String, Object> training = Trainings.describe(spec, design, "lbfgs", result.iterations());
		training.put("stopped", result.stop().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
		return design.model(Link.LOGISTIC, result.x()[0], weights, training);
	}

	/** {@code log(1 + e^z)} without overflow. */
	static double softplus(double z) {
		return (z > 0) ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
	}

	/**
	 * {@code 0.5*||w||^2 + C * sum_i logloss}, with the log-loss computed without
	 * overflow.
	 */
	static double objective(double[][] x, double[] y, double[] beta, double c) {
		double loss = 0;
		for (int i = 0; i < y.length; i++) {
			double[] xi = x[i];
			double z = beta[0];
			for (int j = 1; j < beta.length; j++) {
				z += beta[j] * xi[j - 1];
			}
			// log(1 + e^z) - y z
			loss += softplus(z) - y[i] * z;
		}
		double penalty = 0;
		for (int j = 1; j < beta.length; j++) {
			penalty += beta[j] * beta[j];
		}
		return 0.5 * penalty + c * loss;
	}

	static double sigmoid(double z) {
		if (z >= 0) {
			return 1 / (1 + Math.exp(-z));
		}
		double e = Math.exp(z);
		return e / (1 + e);
	}

}
