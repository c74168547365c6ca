package io.ratchet.promotion;

import io.ratchet.model.ModelVersion;

/**
 * Condition (a) of the gate: a model version's regression cases. An implementation runs the version's golden cases
 * and says whether they pass; a bean of this type, when the application has one, is used by the gate.
 */
@FunctionalInterface
public interface RegressionCases {

	/**
	 * Runs the cases of a model version.
	 * @return {@code null} when every case gives its expected output, otherwise a readable one-line summary of the
	 * difference (case, expected, got)
	 */
	String failures(ModelVersion model);

}
