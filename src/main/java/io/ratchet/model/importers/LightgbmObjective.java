package io.ratchet.model.importers;

import io.ratchet.data.Task;

/**
 * What a LightGBM objective predicts and the factor of its raw score inside the link:
 * {@code sigmoid(k * sum)} for {@code binary sigmoid:k}, {@code sigmoid(sum)} for
 * {@code cross_entropy}, the sum itself for the regression objectives. Multi-class,
 * ranking and the other objectives (and {@code reg_sqrt}) are refused naming the line.
 */
record LightgbmObjective(Task task, double scale) {

	/** Reads the {@code objective=} line's value. */
	static LightgbmObjective of(String objective, int line, LightgbmText text) {
		String[] words = objective.split(" ");
		String name = words[0];
		for (String word : words) {
			if (word.equals("sqrt")) {
				throw text.error(line, "not supported: objective \"" + objective + "\" (reg_sqrt: the model predicts"
						+ " the square root of the label)");
			}
		}
		switch (name) {
			case "binary":
				double sigmoid = 1.0;
				for (String word : words) {
					if (word.startsWith("sigmoid:")) {
						sigmoid = text.number(new LightgbmText.Field(word.substring("sigmoid:".length()), line),
								"sigmoid");
					}
				}
				return new LightgbmObjective(Task.BINARY, sigmoid);
			case "cross_entropy", "xentropy":
				return new LightgbmObjective(Task.BINARY, 1.0);
			case "regression", "regression_l2", "l2", "mean_squared_error", "mse", "regression_l1", "l1",
					"mean_absolute_error", "mae", "huber", "fair", "quantile", "mape", "mean_absolute_percentage_error":
				return new LightgbmObjective(Task.REGRESSION, 1.0);
			case "multiclass", "softmax", "multiclassova", "multiclass_ova", "ova", "ovr":
				throw text.error(line, "not supported: the multi-class objective \"" + objective + "\"");
			case "lambdarank", "rank_xendcg", "xendcg", "xe_ndcg", "xe_ndcg_mart", "xendcg_mart":
				throw text.error(line, "not supported: the ranking objective \"" + objective + "\"");
			default:
				throw text.error(line, "not supported: the objective \"" + objective + "\" (supported: binary,"
						+ " cross_entropy and the regression objectives with an identity link)");
		}
	}

}
