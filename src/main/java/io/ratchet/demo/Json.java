package io.ratchet.demo;

import java.util.List;
import java.util.Map;

/**
 * Just enough JSON writing for model files: strings are escaped, numbers are written with {@link Double#toString}
 * (full precision, so a file is reproduced byte for byte), and the caller decides the layout.
 */
final class Json {

	private Json() {
	}

	static String string(String text) {
		StringBuilder out = new StringBuilder("\"");
		for (char c : text.toCharArray()) {
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\t' -> out.append("\\t");
				default -> {
					if (c < 0x20) {
						out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		return out.append('"').toString();
	}

	static String number(double value) {
		if (!Double.isFinite(value)) {
			throw new IllegalStateException("not a finite number: " + value);
		}
		return Double.toString(value);
	}

	static String strings(List<String> texts) {
		return "[" + String.join(", ", texts.stream().map(Json::string).toList()) + "]";
	}

	/** An object of number values, keys in the map's order. */
	static String numbers(Map<String, Double> values) {
		return "{" + String.join(", ",
				values.entrySet().stream().map((entry) -> string(entry.getKey()) + ": " + number(entry.getValue())).toList())
				+ "}";
	}

}
