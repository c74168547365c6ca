package io.ratchet.model.importers;

import java.nio.file.Path;
import java.util.List;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.Feature;
import io.ratchet.data.FeatureType;
import io.ratchet.model.ModelFileException;

/**
 * How one input column of a library's model reads a row of the dataset: a numeric feature
 * as it is, a one-hot indicator of one level of a categorical feature, or a categorical
 * feature as the library's category code.
 */
sealed interface Input permits Input.Number, Input.Indicator, Input.Code {

	/** The dataset feature the column reads. */
	String feature();

	/**
	 * A numeric feature; a missing value is NaN.
	 *
	 * @param feature the numeric feature
	 */
	record Number(String feature) implements Input {
	}

	/**
	 * The column {@code feature=level}: 1.0 when the feature has that level, 0.0 for any
	 * other level, an unseen one or a missing one (what a one-hot encoder with
	 * {@code handle_unknown='ignore'} gives). Never NaN.
	 *
	 * @param feature the categorical feature
	 * @param level the level
	 */
	record Indicator(String feature, String level) implements Input {
	}

	/**
	 * A categorical feature given to the library as a code: the position of its level in
	 * {@code levels}, or, when {@code levels} is {@code null}, the level read as an
	 * integer (a column the user coded himself). A missing level and a level the list
	 * lacks have no code.
	 *
	 * @param feature the categorical feature
	 * @param levels the level of each code, or {@code null} for integer codes
	 */
	record Code(String feature, List<String> levels) implements Input {

		public Code {
			levels = (levels != null) ? List.copyOf(levels) : null;
		}

		/** The level whose code is {@code code}, or {@code null} when no level has it. */
		String level(int code) {
			if (this.levels == null) {
				return Integer.toString(code);
			}
			return (code >= 0 && code < this.levels.size()) ? this.levels.get(code) : null;
		}

	}

	/**
	 * How the model's column {@code column} reads the dataset: by name a numeric or
	 * categorical feature, or {@code feature=level} an indicator of a categorical
	 * feature.
	 * @param categorical whether the model reads the column as category codes
	 * ({@code levels} then gives them)
	 * @throws ModelFileException naming the model file when the dataset has no such
	 * feature or declares it otherwise
	 */
	static Input resolve(Path file, String column, boolean categorical, List<String> levels, DatasetConfig dataset) {
		int index = dataset.featureIndex(column);
		String declaredIn = "dataset \"" + dataset.name() + "\""
				+ ((dataset.source() != null) ? " (" + dataset.source() + ")" : "");
		if (index >= 0) {
			FeatureType type = dataset.features().get(index).type();
			if (categorical && type == FeatureType.CATEGORICAL) {
				return new Code(column, levels);
			}
			if (!categorical && type == FeatureType.NUMERIC) {
				return new Number(column);
			}
			throw new ModelFileException(file, 0, "the model reads column \"" + column + "\" as "
					+ (categorical ? "categorical" : "a number") + " but " + declaredIn + " declares it " + type.key());
		}
		if (!categorical) {
			for (int equals = column.indexOf('='); equals > 0; equals = column.indexOf('=', equals + 1)) {
				int feature = dataset.featureIndex(column.substring(0, equals));
				if (feature >= 0 && dataset.features().get(feature).type() == FeatureType.CATEGORICAL
						&& equals + 1 < column.length()) {
					return new Indicator(column.substring(0, equals), column.substring(equals + 1));
				}
			}
		}
		throw new ModelFileException(file, 0,
				"the model reads column \"" + column + "\", which is not a feature of " + declaredIn
						+ " (its features: "
						+ String.join(", ", dataset.features().stream().map(Feature::name).toList())
						+ ") nor a one-hot indicator \"feature=level\" of one of its categorical features");
	}

}
