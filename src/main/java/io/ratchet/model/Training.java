package io.ratchet.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deep, unmodifiable copies of the free-form {@code training} object (strings, numbers,
 * booleans, lists, maps).
 */
final class Training {

	private Training() {
	}

	static Map<String, Object> copy(Map<String, ?> training) {
		if (training == null) {
			return Map.of();
		}
		Map<String, Object> copy = new LinkedHashMap<>();
		training.forEach((key, value) -> copy.put(key, copyValue(value)));
		return Collections.unmodifiableMap(copy);
	}

	@SuppressWarnings("unchecked")
	private static Object copyValue(Object value) {
		if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
			return value;
		}
		if (value instanceof Map<?, ?> map) {
			Map<String, Object> copy = new LinkedHashMap<>();
			map.forEach((key, item) -> copy.put(String.valueOf(key), copyValue(item)));
			return Collections.unmodifiableMap(copy);
		}
		if (value instanceof List<?> list) {
			List<Object> copy = new ArrayList<>();
			list.forEach((item) -> copy.add(copyValue(item)));
			return Collections.unmodifiableList(copy);
		}
		throw new InvalidModelException("/training",
				"may hold only strings, numbers, booleans, lists and objects, not " + value.getClass().getSimpleName());
	}

}
