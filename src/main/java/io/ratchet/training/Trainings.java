package io.ratchet.training;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code training} object of a trained model. */
final class Trainings {

	private Trainings() {
	}

	/**
	 * {@code window}, {@code rows}, {@code algorithm}, {@code penalty}, {@code C} or
	 * {@code alpha}, {@code objective} (the same keys and texts as the scikit-learn
	 * exports), then {@code features}, {@code feature_set}, {@code window_months},
	 * {@code solver} and {@code iterations}.
	 */
	static Map<String, Object> describe(TrainingSpec spec, Design design, String solver, int iterations) {
		Map<String, Object> training = new LinkedHashMap<>();
		training.put("window", List.of(design.first.toString(), design.last.toString()));
		training.put("rows", design.rows());
		training.put("algorithm", spec.algorithm().trainingName());
		training.put("penalty", "l2");
		training.put(spec.algorithm().penaltyName(), spec.penalty());
		training.put("objective", spec.algorithm().objective());
		training.put("features", spec.features());
		training.put("feature_set", spec.featureSet());
		training.put("window_months", spec.windowMonths());
		training.put("solver", solver);
		training.put("iterations", iterations);
		return training;
	}

}
