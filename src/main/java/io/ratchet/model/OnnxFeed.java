package io.ratchet.model;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import io.ratchet.data.Row;

/**
 * One input of an ONNX graph and where each of its columns comes from: a block of rows
 * becomes one tensor of the input's element type, {@code [rows, columns]} (or
 * {@code [rows]}). A float input takes each number rounded to float32 (a missing value is
 * NaN); an indicator column is 1 for its level, else 0; a code column is the level's
 * position in its list, a missing or unseen level NaN (float, double) or -1 (int64); a
 * string input takes the level (missing: the empty string).
 */
final class OnnxFeed {

	private static final int VALUE = 0;

	private static final int INDICATOR = 1;

	private static final int CODE = 2;

	private final String name;

	private final OnnxModel.ElementType type;

	private final boolean vector;

	private final int[] feature;

	private final int[] kind;

	private final String[] level;

	private final Map<String, Integer>[] codes;

	/** {@code vector}: the input is {@code [rows]}, not {@code [rows, columns]}. */
	@SuppressWarnings("unchecked")
	OnnxFeed(OnnxModel.Input input, boolean vector, ToIntFunction<String> featureIndex) {
		this.name = input.name();
		this.type = input.type();
		this.vector = vector;
		int width = input.columns().size();
		this.feature = new int[width];
		this.kind = new int[width];
		this.level = new String[width];
		this.codes = new Map[width];
		for (int c = 0; c < width; c++) {
			OnnxModel.Column column = input.columns().get(c);
			this.feature[c] = featureIndex.applyAsInt(column.feature());
			if (column instanceof OnnxModel.Indicator indicator) {
				this.kind[c] = INDICATOR;
				this.level[c] = indicator.level();
			}
			else if (column instanceof OnnxModel.Code code) {
				this.kind[c] = CODE;
				Map<String, Integer> positions = new HashMap<>();
				for (int i = 0; i < code.levels().size(); i++) {
					positions.put(code.levels().get(i), i);
				}
				this.codes[c] = positions;
			}
		}
	}

	/** The input's tensor for a block of rows. */
	OnnxTensor tensor(OrtEnvironment environment, List<Row> rows) throws OrtException {
		int n = rows.size();
		int width = this.feature.length;
		long[] shape = this.vector ? new long[] { n } : new long[] { n, width };
		switch (this.type) {
			case FLOAT -> {
				float[] data = new float[n * width];
				for (int r = 0; r < n; r++) {
					Row row = rows.get(r);
					for (int c = 0; c < width; c++) {
						data[r * width + c] = (float) number(row, c, Double.NaN);
					}
				}
				return OnnxTensor.createTensor(environment, FloatBuffer.wrap(data), shape);
			}
			case DOUBLE -> {
				double[] data = new double[n * width];
				for (int r = 0; r < n; r++) {
					Row row = rows.get(r);
					for (int c = 0; c < width; c++) {
						data[r * width + c] = number(row, c, Double.NaN);
					}
				}
				return OnnxTensor.createTensor(environment, DoubleBuffer.wrap(data), shape);
			}
			case INT64 -> {
				long[] data = new long[n * width];
				for (int r = 0; r < n; r++) {
					Row row = rows.get(r);
					for (int c = 0; c < width; c++) {
						data[r * width + c] = (long) number(row, c, -1);
					}
				}
				return OnnxTensor.createTensor(environment, LongBuffer.wrap(data), shape);
			}
			default -> {
				String[] data = new String[n * width];
				for (int r = 0; r < n; r++) {
					String[] levels = rows.get(r).levels();
					for (int c = 0; c < width; c++) {
						String value = levels[this.feature[c]];
						data[r * width + c] = (value != null) ? value : "";
					}
				}
				return OnnxTensor.createTensor(environment, data, shape);
			}
		}
	}

	/**
	 * The number column {@code c} takes from a row; {@code absent} for a missing or
	 * unseen category code.
	 */
	private double number(Row row, int c, double absent) {
		int index = this.feature[c];
		switch (this.kind[c]) {
			case INDICATOR -> {
				return this.level[c].equals(row.levels()[index]) ? 1 : 0;
			}
			case CODE -> {
				String value = row.levels()[index];
				Integer code = (value != null) ? this.codes[c].get(value) : null;
				return (code != null) ? code : absent;
			}
			default -> {
				return row.numbers()[index];
			}
		}
	}

	String name() {
		return this.name;
	}

}
