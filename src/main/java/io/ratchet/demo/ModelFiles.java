package io.ratchet.demo;

import java.time.YearMonth;
import java.util.List;

/** The parts every demo model file shares: the header fields and the training window. */
final class ModelFiles {

	private ModelFiles() {
	}

	static String header(String name, String version, String kind) {
		return "  \"format\": \"ratchet-model/1\", \"name\": " + Json.string(name) + ", \"version\": "
				+ Json.string(version) + ", \"dataset\": \"churn\", \"task\": \"binary\",\n  \"kind\": "
				+ Json.string(kind) + ", \"link\": \"logistic\",\n";
	}

	static String window(YearMonth first, YearMonth last, long rows) {
		return "\"window\": " + Json.strings(List.of(first.toString(), last.toString())) + ", \"rows\": " + rows;
	}

}
