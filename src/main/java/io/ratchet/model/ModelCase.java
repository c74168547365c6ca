package io.ratchet.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One regression case of a model version: a contrived input and the output recorded when
 * the version was made.
 *
 * @param name what the case tries, e.g. {@code tenure_months = 1e300} or
 * {@code plan unseen level}; unique per file
 * @param values per feature the model reads, in the model's order: the cell text (a Java
 * {@code double} for a numeric feature, a level for a categorical one), {@code null} for
 * a missing value
 * @param expected the output recorded at creation ({@code NaN} and infinities allowed)
 */
public record ModelCase(String name, Map<String, String> values, double expected) {

	public ModelCase {
		Map<String, String> copy = new LinkedHashMap<>(values);
		values = Collections.unmodifiableMap(copy);
	}

}
