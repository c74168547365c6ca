package io.ratchet.model.importers;

import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

import io.ratchet.model.TreeEnsemble;
import io.ratchet.model.importers.LightgbmText.Field;

/**
 * One {@code Tree=} block of a LightGBM text model converted into a Ratchet tree:
 * internal nodes 0..num_leaves-2, a negative child {@code c} is leaf {@code ~c}. A
 * numeric node goes left when {@code x <= threshold} (written as
 * {@code x < nextUp(threshold)}); {@code decision_type} bit 2 is "default left" and bits
 * 2-3 the missing type: NaN (a missing x goes the default way), Zero (a missing x and any
 * x with {@code |x| <= 1e-35f} go the default way; where that is not one interval of the
 * split, the split becomes a few Ratchet splits and a child subtree is copied) or None (a
 * missing x is scored as 0.0). A categorical node ({@code decision_type} bit 1) is read
 * by {@link LightgbmBitsets}. Each leaf is multiplied by the objective's scale.
 */
final class LightgbmTree {

	/**
	 * LightGBM's {@code kZeroThreshold}, a float: {@code |x| <= 1e-35f} is zero for the
	 * missing type Zero.
	 */
	static final double ZERO = 1e-35f;

	private static final int MISSING_NONE = 0;

	private static final int MISSING_ZERO = 1;

	private static final int MISSING_NAN = 2;

	private final LightgbmText text;

	private final List<Input> inputs;

	private final Map<String, Field> fields;

	private final int line;

	private final double scale;

	private final TreeWriter writer = new TreeWriter();

	private int[] feature;

	private double[] threshold;

	private int[] decision;

	private int[] left;

	private int[] right;

	private double[] leaf;

	private LightgbmBitsets bitsets;

	LightgbmTree(LightgbmText text, List<Input> inputs, Map<String, Field> fields, int line, double scale) {
		this.text = text;
		this.inputs = inputs;
		this.fields = fields;
		this.line = line;
		this.scale = scale;
	}

	TreeEnsemble.Tree convert() {
		Field linear = this.fields.get("is_linear");
		if (linear != null && this.text.integer(linear, "is_linear") != 0) {
			throw this.text.error(linear.line(),
					"not supported: a linear tree (is_linear=1: leaves hold linear" + " models)");
		}
		int leaves = (int) this.text.integer(this.text.required(this.fields, "num_leaves", this.line), "num_leaves");
		this.leaf = doubles("leaf_value", leaves);
		if (leaves == 1) {
			this.writer.leaf(this.leaf[0] * this.scale);
			return this.writer.tree();
		}
		int splits = leaves - 1;
		this.feature = ints("split_feature", splits);
		this.threshold = doubles("threshold", splits);
		this.decision = ints("decision_type", splits);
		this.left = ints("left_child", splits);
		this.right = ints("right_child", splits);
		if (this.fields.containsKey("cat_boundaries")) {
			this.bitsets = new LightgbmBitsets(this.text, ints("cat_boundaries", -1), ints("cat_threshold", -1),
					this.fields.get("cat_boundaries").line());
		}
		emit(0, 0);
		return this.writer.tree();
	}

	private int emit(int node, int depth) {
		if (node < 0) {
			int index = ~node;
			if (index >= this.leaf.length) {
				throw this.text.error(this.line, "a child refers to leaf " + index + ", which does not exist");
			}
			return this.writer.leaf(this.leaf[index] * this.scale);
		}
		if (node >= this.feature.length || depth > this.feature.length) {
			throw this.text.error(this.line, "node " + node + " does not exist or is its own ancestor (not a tree)");
		}
		int f = this.feature[node];
		if (f < 0 || f >= this.inputs.size()) {
			throw this.text.error(this.fields.get("split_feature").line(),
					"node " + node + " splits on feature " + f + ", which the model does not have");
		}
		Input input = this.inputs.get(f);
		IntSupplier toLeft = () -> emit(this.left[node], depth + 1);
		IntSupplier toRight = () -> emit(this.right[node], depth + 1);
		int type = this.decision[node];
		if ((type & 1) != 0) {
			if (!(input instanceof Input.Code code)) {
				throw this.text.error(this.fields.get("decision_type").line(), "node " + node + " is a categorical"
						+ " split on \"" + input.feature() + "\", which the model reads as a number");
			}
			if (this.bitsets == null) {
				throw this.text.error(this.line, "categorical node " + node + " but no cat_boundaries line");
			}
			return this.writer.levels(code.feature(), this.bitsets.goesLeft(code, node, (int) this.threshold[node]),
					false, toLeft, toRight);
		}
		double t = this.threshold[node];
		if (input instanceof Input.Number number) {
			return numeric(number.feature(), t, type, toLeft, toRight);
		}
		if (input instanceof Input.Indicator indicator) {
			return this.writer.levels(indicator.feature(), Map.of(indicator.level(), goesLeft(1.0, t, type)),
					goesLeft(0.0, t, type), toLeft, toRight);
		}
		throw this.text.error(this.fields.get("decision_type").line(),
				"node " + node + " is a numeric split on the" + " categorical feature \"" + input.feature() + "\"");
	}

	/**
	 * A numeric node on a numeric feature: {@code x <= t} is {@code x < nextUp(t)}, then
	 * the missing type.
	 */
	private int numeric(String feature, double t, int type, IntSupplier left, IntSupplier right) {
		boolean defaultLeft = (type & 2) != 0;
		double atMost = Math.nextUp(t);
		switch ((type >> 2) & 3) {
			case MISSING_NAN:
				return this.writer.numeric(feature, atMost, defaultLeft, left, right);
			case MISSING_NONE:
				return this.writer.numeric(feature, atMost, 0.0 <= t, left, right);
			case MISSING_ZERO:
				return zeroAsMissing(feature, t, defaultLeft, left, right);
			default:
				throw this.text.error(this.fields.get("decision_type").line(),
						"unknown missing type in decision_type " + type);
		}
	}

	/**
	 * Missing type Zero: a missing x and {@code -1e-35f <= x <= 1e-35f} go the default
	 * way, any other x left when {@code x <= t}. When the zero interval and the default
	 * way agree with {@code x <= t} this is one split; otherwise the values fall into up
	 * to four intervals alternating left and right, and both subtrees are built twice.
	 */
	private int zeroAsMissing(String feature, double t, boolean defaultLeft, IntSupplier left, IntSupplier right) {
		double zeroOrBelow = Math.nextUp(ZERO); // x < this: x <= 1e-35f
		if (t >= -ZERO && t <= ZERO) {
			// below the interval left, above it right, in it (or missing) the default way
			return defaultLeft ? this.writer.numeric(feature, zeroOrBelow, true, left, right)
					: this.writer.numeric(feature, -ZERO, false, left, right);
		}
		if (t > ZERO) {
			if (defaultLeft) {
				return this.writer.numeric(feature, Math.nextUp(t), true, left, right);
			}
			// x < -zero: left; zero interval or missing: right; up to t: left; above:
			// right
			return this.writer.numeric(feature, -ZERO, false, left, () -> this.writer.numeric(feature, zeroOrBelow,
					true, right, () -> this.writer.numeric(feature, Math.nextUp(t), false, left, right)));
		}
		if (!defaultLeft) {
			return this.writer.numeric(feature, Math.nextUp(t), false, left, right);
		}
		// t below the interval: x <= t: left; up to -zero: right; zero interval or
		// missing: left; above: right
		return this.writer.numeric(feature, Math.nextUp(t), true, left, () -> this.writer.numeric(feature, -ZERO, false,
				right, () -> this.writer.numeric(feature, zeroOrBelow, false, left, right)));
	}

	/** The values of a line, {@code size} of them ({@code -1}: any number). */
	private String[] values(String key, int size) {
		Field field = this.text.required(this.fields, key, this.line);
		String[] values = field.value().isBlank() ? new String[0] : field.value().strip().split(" ");
		if (size >= 0 && values.length != size) {
			throw this.text.error(field.line(), key + " has " + values.length + " values, expected " + size);
		}
		return values;
	}

	private int[] ints(String key, int size) {
		String[] values = values(key, size);
		int[] result = new int[values.length];
		for (int i = 0; i < values.length; i++) {
			// cat_threshold holds unsigned 32-bit words
			result[i] = (int) this.text.integer(new Field(values[i], this.fields.get(key).line()), key);
		}
		return result;
	}

	private double[] doubles(String key, int size) {
		String[] values = values(key, size);
		double[] result = new double[values.length];
		for (int i = 0; i < values.length; i++) {
			result[i] = this.text.number(new Field(values[i], this.fields.get(key).line()), key);
		}
		return result;
	}

	/**
	 * Whether a value that is never missing (a one-hot indicator) goes left at a numeric
	 * node: LightGBM's numerical decision for a number.
	 */
	static boolean goesLeft(double x, double threshold, int decisionType) {
		if (((decisionType >> 2) & 3) == MISSING_ZERO && x >= -ZERO && x <= ZERO) {
			return (decisionType & 2) != 0;
		}
		return x <= threshold;
	}

}
