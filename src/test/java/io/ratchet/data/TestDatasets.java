package io.ratchet.data;

import java.util.List;
import java.util.Set;

/** Dataset configurations built in code for the tests. */
final class TestDatasets {

	static final String HEADER = "customer_id,event_date,tenure_months,plan,churned";

	private TestDatasets() {
	}

	/**
	 * A binary churn dataset: label {@code churned} yes/no, features
	 * {@code tenure_months} and {@code plan}.
	 */
	static DatasetConfig churn(String... idColumns) {
		return churnDated("yyyy-MM-dd", idColumns);
	}

	/** As {@link #churn(String...)}, with another date pattern. */
	static DatasetConfig churnDated(String dateFormat, String... idColumns) {
		return DatasetConfig.builder("churn", null)
			.date("event_date", dateFormat)
			.binaryLabel("churned", "yes", "no")
			.missingTokens(Set.of("NA"))
			.features(List.of(new Feature("tenure_months", FeatureType.NUMERIC),
					new Feature("plan", FeatureType.CATEGORICAL)))
			.idColumns(List.of(idColumns))
			.build();
	}

}
