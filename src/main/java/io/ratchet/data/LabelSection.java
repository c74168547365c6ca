package io.ratchet.data;

import java.util.ArrayList;
import java.util.List;

import io.ratchet.config.ConfigNode.Field;
import io.ratchet.config.ConfigNode.Mapping;
import io.ratchet.config.ConfigNode.Scalar;

/**
 * Reads {@code label:} of a dataset file: the label column and its task, for a binary
 * label the value meaning class 1 ({@code positive}, required) and optionally class 0
 * ({@code negative}), for a multiclass label its classes in the order of the model's
 * probabilities ({@code classes: [a, b, c]}, 2 to {@value DatasetConfigs#MAX_CLASSES},
 * distinct). A field of another task is refused. Every error names the file and the line.
 *
 * @param column the label column
 * @param task the task
 * @param positive for binary: the value meaning class 1, else {@code null}
 * @param negative for binary: the value meaning class 0, or {@code null} for "any other"
 * @param classes for multiclass: the label's values; empty for the other tasks
 */
record LabelSection(String column, Task task, String positive, String negative, List<String> classes) {

	/**
	 * @param field the {@code label:} field (required, so never {@code null})
	 */
	static LabelSection read(Field field) {
		Mapping label = field.value().mapping("a mapping of label fields");
		label.allowOnly("label", "column", "task", "positive", "negative", "classes");
		String column = label.required("label", "column").text("label.column");
		Field taskField = label.required("label", "task");
		Task task;
		try {
			task = Task.parse(taskField.text("label.task"));
		}
		catch (IllegalArgumentException ex) {
			throw taskField.error("label.task: " + ex.getMessage());
		}
		Field positiveField = label.get("positive");
		Field negativeField = label.get("negative");
		String positive = null;
		String negative = null;
		if (task == Task.BINARY) {
			if (positiveField == null) {
				throw label.error("label.positive is required for a binary label");
			}
			positive = positiveField.text("label.positive");
			if (negativeField != null) {
				negative = negativeField.text("label.negative");
				if (negative.equals(positive)) {
					throw negativeField.error("label.negative equals label.positive '" + positive + "'");
				}
			}
		}
		else {
			Field binaryOnly = (positiveField != null) ? positiveField : negativeField;
			if (binaryOnly != null) {
				throw binaryOnly.error("label." + binaryOnly.key() + " is for binary labels only");
			}
		}
		return new LabelSection(column, task, positive, negative, classes(label, task));
	}

	/**
	 * {@code label.classes}: a multiclass label's values, at least 2, distinct, in the
	 * order of the model's probabilities; only for a multiclass label.
	 */
	private static List<String> classes(Mapping label, Task task) {
		Field field = label.get("classes");
		if (task != Task.MULTICLASS) {
			if (field != null) {
				throw field.error("label.classes is for multiclass labels only");
			}
			return List.of();
		}
		if (field == null) {
			throw label.error("label.classes is required for a multiclass label, e.g. classes: [a, b, c]");
		}
		List<String> classes = new ArrayList<>();
		for (Scalar item : field.scalars("label.classes")) {
			String value = item.text();
			if (value == null || value.isBlank()) {
				throw item.error("label.classes has an empty class");
			}
			if (classes.contains(value)) {
				throw item.error("label.classes lists '" + value + "' twice");
			}
			classes.add(value);
		}
		if (classes.size() < 2 || classes.size() > DatasetConfigs.MAX_CLASSES) {
			throw field.error("label.classes has " + classes.size() + " classes; a multiclass label has 2 to "
					+ DatasetConfigs.MAX_CLASSES);
		}
		return List.copyOf(classes);
	}

}
