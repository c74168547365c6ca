package io.ratchet.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.DatasetConfigs;
import io.ratchet.data.Row;
import io.ratchet.metrics.Metric;

/**
 * The multiclass reference of {@code src/test/resources/multiclass-models/} (made by its
 * {@code make_models.py} with scikit-learn 1.2.1): the dataset "tiers", its held-out rows
 * by month, and per model ({@code gb}, {@code rf}, {@code lr}) scikit-learn's
 * {@code predict_proba} of every row and its monthly figures.
 */
public final class MulticlassReference {

	/** Where the generated files are. */
	public static final Path DIR = Path.of("src/test/resources/multiclass-models");

	/** The dataset file of the rows. */
	public static final String DATASET_YML = """
			name: tiers
			date: {column: day, format: yyyy-MM-dd}
			label: {column: tier, task: multiclass, classes: [bronze, silver, gold]}
			features:
			  - {name: x1, type: numeric}
			  - {name: x2, type: numeric}
			  - {name: x3, type: numeric}
			  - {name: x4, type: numeric}
			  - {name: x5, type: numeric}
			  - {name: x6, type: numeric}
			  - {name: region, type: categorical}
			""";

	/** The ONNX graph's single input, its columns in order ({@code --inputs}). */
	public static final String ONNX_INPUTS = "x1,x2,x3,x4,x5,x6,region=north,region=south,region=east,region=west";

	/** The months of the rows. */
	public static final List<String> MONTHS = List.of("2024-01", "2024-02", "2024-03", "2024-04");

	/** The figures {@code monthly.csv} gives, in its column order. */
	public static final List<Metric> METRICS = List.of(Metric.N, Metric.ROC_AUC_OVR_MACRO, Metric.ROC_AUC_OVR_WEIGHTED,
			Metric.LOG_LOSS, Metric.ACCURACY, Metric.F1_MACRO);

	private MulticlassReference() {
	}

	/** The dataset, read from {@link #DATASET_YML} written into {@code dir}. */
	public static DatasetConfig dataset(Path dir) {
		try {
			Path yml = dir.resolve("tiers.yml");
			Files.writeString(yml, DATASET_YML);
			return DatasetConfigs.load(yml);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The rows of a month's file, with their lines, as the dataset's reader gives them.
	 */
	public static List<Row> rows(DatasetConfig dataset, String month) {
		List<Row> rows = new ArrayList<>();
		List<String> lines = lines(DIR.resolve("data").resolve(month + ".csv"));
		for (int i = 1; i < lines.size(); i++) {
			String[] cells = lines.get(i).split(",");
			double[] numbers = new double[7];
			String[] levels = new String[7];
			for (int f = 0; f < 6; f++) {
				numbers[f] = Double.parseDouble(cells[1 + f]);
			}
			numbers[6] = Double.NaN;
			levels[6] = cells[7];
			rows.add(new Row(i + 1, LocalDate.parse(cells[0]), dataset.classIndex(cells[8]), numbers, levels));
		}
		return rows;
	}

	/**
	 * scikit-learn's class probabilities of a model's rows of a month, by line.
	 */
	public static Map<Long, double[]> predictions(String model, String month) {
		Map<Long, double[]> byLine = new LinkedHashMap<>();
		List<String> lines = lines(DIR.resolve("predictions.csv"));
		for (String line : lines.subList(1, lines.size())) {
			String[] cells = line.split(",");
			if (cells[0].equals(month + ".csv") && cells[2].equals(model)) {
				byLine.put(Long.parseLong(cells[1]), new double[] { Double.parseDouble(cells[3]),
						Double.parseDouble(cells[4]), Double.parseDouble(cells[5]) });
			}
		}
		return byLine;
	}

	/** scikit-learn's figures of a model for a month (or {@code ALL}), by metric. */
	public static Map<Metric, Double> monthly(String model, String period) {
		for (String line : lines(DIR.resolve("monthly.csv"))) {
			String[] cells = line.split(",");
			if (cells[0].equals(model) && cells[1].equals(period)) {
				Map<Metric, Double> figures = new LinkedHashMap<>();
				for (int m = 0; m < METRICS.size(); m++) {
					figures.put(METRICS.get(m), Double.parseDouble(cells[2 + m]));
				}
				return figures;
			}
		}
		throw new IllegalArgumentException("no figures of " + model + " for " + period + " in monthly.csv");
	}

	private static List<String> lines(Path file) {
		try {
			return Files.readAllLines(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
