package io.ratchet.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

import io.ratchet.data.Feature;
import io.ratchet.data.FeatureType;
import io.ratchet.data.Row;
import io.ratchet.model.LinearModel;
import io.ratchet.model.Link;

/**
 * L2-penalised logistic regression fitted by Newton's method (IRLS). It minimises
 * {@code 0.5*||w||^2 + C * sum_i logloss(y_i, sigmoid(b + w.x_i))} with the intercept
 * {@code b} not penalised, where {@code x} holds each numeric feature standardised with
 * the training mean and population standard deviation (a missing value imputed with the
 * mean, i.e. 0 after standardising) and each categorical feature one-hot over the levels
 * seen in training (a missing level is all zeros, hence {@code unknown} 0.0). The
 * objective is strictly convex, so Newton's steps converge in a handful of iterations to
 * the unique minimum. The result is a logistic {@link LinearModel} of the model package,
 * one term per feature in dataset order.
 */
final class LogisticFit {

	static final String OBJECTIVE = "minimise 0.5*||w||^2 + C * sum_i logloss(y_i, sigmoid(b + w.x_i)); intercept b not penalised";

	private LogisticFit() {
	}

	/**
	 * The {@code training} fields describing this algorithm for a penalty {@code c}
	 * (without the window).
	 */
	static Map<String, Object> describe(double c) {
		Map<String, Object> training = new LinkedHashMap<>();
		training.put("algorithm", "logistic_regression");
		training.put("penalty", "l2");
		training.put("C", c);
		training.put("objective", OBJECTIVE);
		return training;
	}

	/**
	 * Fits the labelled rows (rows without a label are ignored).
	 * @param features the dataset's features, in the order of {@link Row#numbers()} and
	 * {@link Row#levels()}
	 * @param rows the training rows
	 * @param c the weight of the data term against the penalty
	 * @param training the informational {@code training} object the model carries
	 */
	static LinearModel fit(List<Feature> features, List<Row> rows, double c, Map<String, Object> training) {
		List<Row> labelled = rows.stream().filter(Row::labelled).toList();
		List<Column> columns = columns(features, labelled);
		int p = 1 + columns.size();
		int n = labelled.size();
		double[][] x = new double[n][p];
		double[] y = new double[n];
		for (int i = 0; i < n; i++) {
			Row row = labelled.get(i);
			x[i][0] = 1;
			for (int j = 0; j < columns.size(); j++) {
				x[i][j + 1] = columns.get(j).value(row);
			}
			y[i] = row.label();
		}
		double[] beta = new double[p];
		for (int iteration = 0; iteration < 100; iteration++) {
			double[] gradient = new double[p];
			double[][] hessian = new double[p][p];
			for (int i = 0; i < n; i++) {
				double[] xi = x[i];
				double eta = 0;
				for (int j = 0; j < p; j++) {
					eta += beta[j] * xi[j];
				}
				double prob = ChurnWorld.sigmoid(eta);
				double residual = c * (prob - y[i]);
				double weight = c * prob * (1 - prob);
				for (int j = 0; j < p; j++) {
					gradient[j] += residual * xi[j];
					if (xi[j] != 0) {
						for (int k = 0; k <= j; k++) {
							hessian[j][k] += weight * xi[j] * xi[k];
						}
					}
				}
			}
			for (int j = 1; j < p; j++) {
				gradient[j] += beta[j];
				hessian[j][j] += 1;
			}
			double[] step = Cholesky.solve(hessian, gradient);
			double largest = 0;
			for (int j = 0; j < p; j++) {
				beta[j] -= step[j];
				largest = StrictMath.max(largest, StrictMath.abs(step[j]));
			}
			if (largest < 1e-12) {
				break;
			}
		}
		return model(features, columns, beta, training);
	}

	private static LinearModel model(List<Feature> features, List<Column> columns, double[] beta,
			Map<String, Object> training) {
		List<LinearModel.Term> terms = new ArrayList<>();
		for (int f = 0; f < features.size(); f++) {
			Feature feature = features.get(f);
			if (feature.type() == FeatureType.NUMERIC) {
				for (int j = 0; j < columns.size(); j++) {
					if (columns.get(j) instanceof Standardised column && column.index() == f) {
						terms.add(new LinearModel.NumericTerm(feature.name(), column.mean(), column.mean(),
								column.scale(), beta[j + 1]));
					}
				}
			}
			else {
				SortedMap<String, Double> weights = new TreeMap<>();
				for (int j = 0; j < columns.size(); j++) {
					if (columns.get(j) instanceof Indicator column && column.index() == f) {
						weights.put(column.level(), beta[j + 1]);
					}
				}
				terms.add(new LinearModel.CategoricalTerm(feature.name(), weights, 0.0));
			}
		}
		return new LinearModel(Link.LOGISTIC, beta[0], terms, training);
	}

	private static List<Column> columns(List<Feature> features, List<Row> rows) {
		List<Column> columns = new ArrayList<>();
		for (int f = 0; f < features.size(); f++) {
			if (features.get(f).type() == FeatureType.NUMERIC) {
				double sum = 0;
				int count = 0;
				for (Row row : rows) {
					double value = row.numbers()[f];
					if (!Double.isNaN(value)) {
						sum += value;
						count++;
					}
				}
				double mean = sum / count;
				double squares = 0;
				for (Row row : rows) {
					double value = row.numbers()[f];
					if (!Double.isNaN(value)) {
						squares += (value - mean) * (value - mean);
					}
				}
				double scale = StrictMath.sqrt(squares / count);
				columns.add(new Standardised(f, mean, (scale > 0) ? scale : 1.0));
			}
			else {
				TreeSet<String> levels = new TreeSet<>();
				for (Row row : rows) {
					if (row.levels()[f] != null) {
						levels.add(row.levels()[f]);
					}
				}
				for (String level : levels) {
					columns.add(new Indicator(f, level));
				}
			}
		}
		return columns;
	}

	/** One column of the design matrix. */
	private sealed interface Column {

		double value(Row row);

	}

	private record Standardised(int index, double mean, double scale) implements Column {

		@Override
		public double value(Row row) {
			double x = row.numbers()[this.index];
			return Double.isNaN(x) ? 0 : (x - this.mean) / this.scale;
		}

	}

	private record Indicator(int index, String level) implements Column {

		@Override
		public double value(Row row) {
			return this.level.equals(row.levels()[this.index]) ? 1 : 0;
		}

	}

	/**
	 * Solves {@code A x = b} for a symmetric positive-definite {@code A} given by its
	 * lower triangle.
	 */
	private static final class Cholesky {

		private Cholesky() {
		}

		static double[] solve(double[][] a, double[] b) {
			int p = b.length;
			double[][] l = new double[p][p];
			for (int i = 0; i < p; i++) {
				for (int j = 0; j <= i; j++) {
					double sum = a[i][j];
					for (int k = 0; k < j; k++) {
						sum -= l[i][k] * l[j][k];
					}
					l[i][j] = (i == j) ? StrictMath.sqrt(sum) : sum / l[j][j];
				}
			}
			double[] z = new double[p];
			for (int i = 0; i < p; i++) {
				double sum = b[i];
				for (int k = 0; k < i; k++) {
					sum -= l[i][k] * z[k];
				}
				z[i] = sum / l[i][i];
			}
			double[] x = new double[p];
			for (int i = p - 1; i >= 0; i--) {
				double sum = z[i];
				for (int k = i + 1; k < p; k++) {
					sum -= l[k][i] * x[k];
				}
				x[i] = sum / l[i][i];
			}
			return x;
		}

	}

}
