package io.ratchet.training;

import java.util.List;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.Row;
import io.ratchet.model.LinearModel;
import io.ratchet.model.Link;

/**
 * Ridge linear regression: minimises {@code ||y - b - Xw||^2 + alpha*||w||^2}, the
 * intercept {@code b} not penalised, exactly: with the design columns and the labels
 * centred on their means, {@code (Xc'Xc + alpha I) w = Xc'yc} is solved by a Cholesky
 * decomposition, and {@code b = mean(y) - mean(X).w}.
 */
public final class RidgeTrainer implements Trainer {

	@Override
	public LinearModel train(DatasetConfig dataset, TrainingSpec spec, List<Row> rows) {
		Design design = Design.of(dataset, spec, rows);
		int n = design.rows();
		int p = design.width();
		double[][] x = design.x;
		double[] y = design.y;
		double[] means = new double[p];
		double yMean = 0;
		for (int i = 0; i < n; i++) {
			for (int j = 0; j < p; j++) {
				means[j] += x[i][j];
			}
			yMean += y[i];
		}
		for (int j = 0; j < p; j++) {
			means[j] /= n;
		}
		yMean /= n;
		double[][] gram = new double[p][p];
		double[] right = new double[p];
		double[] centred = new double[p];
		for (int i = 0; i < n; i++) {
			for (int j = 0; j < p; j++) {
				centred[j] = x[i][j] - means[j];
			}
			double yc = y[i] - yMean;
			for (int j = 0; j < p; j++) {
				double xj = centred[j];
				right[j] += xj * yc;
				for (int k = 0; k <= j; k++) {
					gram[j][k] += xj * centred[k];
				}
			}
		}
		for (int j = 0; j < p; j++) {
			gram[j][j] += spec.penalty();
		}
		double[] weights = Solve.cholesky(gram, right);
		double intercept = yMean;
		for (int j = 0; j < p; j++) {
			intercept -= means[j] * weights[j];
		}
		return design.model(Link.IDENTITY, intercept, weights, Trainings.describe(spec, design, "cholesky", 1));
	}

}
