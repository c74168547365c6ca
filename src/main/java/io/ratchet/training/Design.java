package io.ratchet.training;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.Feature;
import io.ratchet.data.FeatureType;
import io.ratchet.data.Row;
import io.ratchet.model.LinearModel;
import io.ratchet.model.Link;

/**
 * The design matrix of a training window: the labelled rows, preprocessed as the
 * {@link Trainer} documents, one dense row of standardised numbers and one-hot levels per
 * training row (without the intercept column), and the labels.
 */
final class Design {

	final List<Column> columns;

	/** {@code x[i][j]}: row i, design column j. */
	final double[][] x;

	final double[] y;

	final YearMonth first;

	final YearMonth last;

	private Design(List<Column> columns, double[][] x, double[] y, YearMonth first, YearMonth last) {
		this.columns = columns;
		this.x = x;
		this.y = y;
		this.first = first;
		this.last = last;
	}

	int rows() {
		return this.y.length;
	}

	/** Number of design columns (without the intercept). */
	int width() {
		int width = 0;
		for (Column column : this.columns) {
			width += column.width();
		}
		return width;
	}

	static Design of(DatasetConfig dataset, TrainingSpec spec, List<Row> rows) {
		if (spec.algorithm().task() != dataset.task()) {
			throw new TrainingException(spec.algorithm().key() + " fits " + spec.algorithm().task().key()
					+ " datasets, but dataset \"" + dataset.name() + "\" is " + dataset.task().key());
		}
		List<Row> labelled = rows.stream().filter(Row::labelled).toList();
		if (labelled.isEmpty()) {
			throw new TrainingException("no labelled rows to train " + spec.label() + " on (dataset \"" + dataset.name()
					+ "\", " + rows.size() + " rows given, none with a label)");
		}
		YearMonth first = null;
		YearMonth last = null;
		for (Row row : labelled) {
			YearMonth month = YearMonth.from(row.date());
			first = (first == null || month.isBefore(first)) ? month : first;
			last = (last == null || month.isAfter(last)) ? month : last;
			if (!Double.isFinite(row.label())) {
				throw new TrainingException("non-finite label " + row.label() + " in the row of " + row.date()
						+ " (line " + row.line() + ")");
			}
		}
		List<Column> columns = new ArrayList<>();
		for (String name : spec.features()) {
			int index = dataset.featureIndex(name);
			if (index < 0) {
				throw new TrainingException("feature \"" + name + "\" is not a feature of dataset \"" + dataset.name()
						+ "\" (its features: "
						+ String.join(", ", dataset.features().stream().map(Feature::name).toList()) + ")");
			}
			columns.add((dataset.features().get(index).type() == FeatureType.NUMERIC)
					? numeric(name, index, labelled, first, last) : categorical(name, index, labelled));
		}
		int width = columns.stream().mapToInt(Column::width).sum();
		double[][] x = new double[labelled.size()][width];
		double[] y = new double[labelled.size()];
		for (int i = 0; i < labelled.size(); i++) {
			Row row = labelled.get(i);
			int at = 0;
			for (Column column : columns) {
				column.fill(row, x[i], at);
				at += column.width();
			}
			y[i] = row.label();
		}
		return new Design(List.copyOf(columns), x, y, first, last);
	}

	/**
	 * Mean imputation, then centring and scaling of the imputed column (population
	 * standard deviation).
	 */
	private static Column numeric(String name, int index, List<Row> rows, YearMonth first, YearMonth last) {
		double sum = 0;
		long present = 0;
		for (Row row : rows) {
			double value = row.numbers()[index];
			if (Double.isNaN(value)) {
				continue;
			}
			if (Double.isInfinite(value)) {
				throw new TrainingException("non-finite value " + value + " of feature \"" + name + "\" in the row of "
						+ row.date() + " (line " + row.line() + ")");
			}
			sum += value;
			present++;
		}
		if (present == 0) {
			throw new TrainingException("feature \"" + name + "\" has no value in the training window " + first + ".."
					+ last + " (" + rows.size() + " labelled rows, every one missing it): leave it out");
		}
		double impute = sum / present;
		double total = 0;
		for (Row row : rows) {
			double value = row.numbers()[index];
			total += Double.isNaN(value) ? impute : value;
		}
		double center = total / rows.size();
		double squares = 0;
		for (Row row : rows) {
			double value = row.numbers()[index];
			double deviation = (Double.isNaN(value) ? impute : value) - center;
			squares += deviation * deviation;
		}
		double scale = Math.sqrt(squares / rows.size());
		if (!(scale > 1e-300)) {
			// a constant column: left unscaled, as scikit-learn's StandardScaler does
			scale = 1.0;
		}
		return new Numeric(name, index, impute, center, scale);
	}

	private static Column categorical(String name, int index, List<Row> rows) {
		TreeSet<String> levels = new TreeSet<>();
		for (Row row : rows) {
			String level = row.levels()[index];
			if (level != null) {
				levels.add(level);
			}
		}
		Map<String, Integer> positions = new LinkedHashMap<>();
		for (String level : levels) {
			positions.put(level, positions.size());
		}
		return new Categorical(name, index, positions);
	}

	/**
	 * The model of an intercept and design weights, one term per column.
	 * @param weights per design column, in the order of {@link #columns}
	 */
	LinearModel model(Link link, double intercept, double[] weights, Map<String, Object> training) {
		List<LinearModel.Term> terms = new ArrayList<>();
		int at = 0;
		for (Column column : this.columns) {
			terms.add(column.term(weights, at));
			at += column.width();
		}
		return new LinearModel(link, intercept, terms, training);
	}

	/** One feature's columns of the design. */
	sealed interface Column permits Numeric, Categorical {

		String feature();

		int width();

		void fill(Row row, double[] into, int at);

		LinearModel.Term term(double[] weights, int at);

	}

	record Numeric(String feature, int index, double impute, double center, double scale) implements Column {

		@Override
		public int width() {
			return 1;
		}

		@Override
		public void fill(Row row, double[] into, int at) {
			double value = row.numbers()[this.index];
			into[at] = ((Double.isNaN(value) ? this.impute : value) - this.center) / this.scale;
		}

		@Override
		public LinearModel.Term term(double[] weights, int at) {
			return new LinearModel.NumericTerm(this.feature, this.impute, this.center, this.scale, weights[at]);
		}

	}

	record Categorical(String feature, int index, Map<String, Integer> levels) implements Column {

		@Override
		public int width() {
			return this.levels.size();
		}

		@Override
		public void fill(Row row, double[] into, int at) {
			String level = row.levels()[this.index];
			Integer position = (level != null) ? this.levels.get(level) : null;
			if (position != null) {
				into[at + position] = 1.0;
			}
		}

		@Override
		public LinearModel.Term term(double[] weights, int at) {
			Map<String, Double> levelWeights = new LinkedHashMap<>();
			this.levels.forEach((level, position) -> levelWeights.put(level, weights[at + position]));
			return new LinearModel.CategoricalTerm(this.feature, levelWeights, 0.0);
		}

	}

}
