package io.ratchet.data;

import java.util.List;

import io.ratchet.config.ConfigNode.Field;
import io.ratchet.config.ConfigNode.Mapping;

/**
 * Reads {@code value:} of a dataset file, the value matrix: every cell of the task's,
 * each a finite number ({@code {tp, fp, tn, fn}} for binary, {@code {under, over}} for
 * regression); a cell of the other task's is refused. Every error names the file and the
 * line.
 */
final class ValueSection {

	private ValueSection() {
	}

	/**
	 * @param field the {@code value:} field, or {@code null}
	 * @param task the dataset's task
	 * @return the matrix, or {@code null} without {@code value:}
	 */
	static ValueMatrix read(Field field, Task task) {
		if (field == null) {
			return null;
		}
		boolean binary = task == Task.BINARY;
		List<String> cells = binary ? List.of("tp", "fp", "tn", "fn") : List.of("under", "over");
		List<String> others = binary ? List.of("under", "over") : List.of("tp", "fp", "tn", "fn");
		if (!(field.value() instanceof Mapping matrix)) {
			throw field.error("value: expected a mapping of " + String.join(", ", cells) + " (a value per "
					+ (binary ? "row" : "unit") + "), e.g. "
					+ (binary ? "{tp: 10, fp: -5, fn: -20, tn: 0}" : "{under: -2, over: -1}"));
		}
		for (Field cell : matrix.fields().values()) {
			if (others.contains(cell.key())) {
				throw cell.error("value." + cell.key() + " is for " + (binary ? "regression" : "binary")
						+ " datasets; a " + task.key() + " value matrix has " + String.join(", ", cells));
			}
		}
		matrix.allowOnly("value", cells.toArray(String[]::new));
		double[] values = new double[cells.size()];
		for (int i = 0; i < values.length; i++) {
			Field cell = matrix.required("value", cells.get(i));
			double number = cell.scalar("value." + cell.key()).number("value." + cell.key());
			if (!Double.isFinite(number)) {
				throw cell.error("value." + cell.key() + " must be a finite number, not " + number);
			}
			values[i] = number;
		}
		return binary ? ValueMatrix.binary(values[0], values[1], values[2], values[3])
				: ValueMatrix.regression(values[0], values[1]);
	}

}
