package io.ratchet.metrics;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import io.ratchet.data.DataFileException;
import io.ratchet.data.DatasetConfig;
import io.ratchet.data.Row;
import io.ratchet.data.Segment;
import io.ratchet.data.SegmentLevels;

/**
 * The accumulators of every segment level, beside the overall ones of the same pass: a
 * row is added to the accumulator of its level of each segment column, for each model, as
 * {@code ScoringPass} adds it to the model's overall one. Memory is that of one
 * accumulator per level and model (each bounded, see {@link MetricAccumulator}), and the
 * levels per column are bounded by {@code segments.max-levels}: a column with more levels
 * in one file stops the read with a {@link DataFileException} naming the file and the
 * line of the first level too many. One instance per pass (not thread-safe).
 */
public final class SegmentAccumulators {

	/** The longest level kept (it becomes part of a breach's key in the database). */
	public static final int MAX_LEVEL_LENGTH = 100;

	private final DatasetConfig dataset;

	private final SegmentLevels levels;

	private final IntFunction<MetricAccumulator> empty;

	private final boolean[] skipUnscored;

	private final Path file;

	/**
	 * Whether a model's accumulator uses a row's key (a regression's bootstrap
	 * replicates): only then is it computed, once per row, as the overall pass does.
	 */
	private final boolean rowKeys;

	/** Per segment column, each level's accumulators by model. */
	private final List<Map<String, MetricAccumulator[]>> byColumn = new ArrayList<>();

	/**
	 * @param dataset the dataset (its {@code segments:})
	 * @param empty an empty accumulator for the model of that index (its task, threshold
	 * and value matrix)
	 * @param skipUnscored per model, whether a row without a score stays out of its
	 * accumulators (a logged model's row without a logged score, as in the overall
	 * figures)
	 * @param file the file the rows are read from (for the message on too many levels)
	 */
	public SegmentAccumulators(DatasetConfig dataset, IntFunction<MetricAccumulator> empty, boolean[] skipUnscored,
			Path file) {
		this.dataset = dataset;
		this.levels = new SegmentLevels(dataset);
		this.empty = empty;
		this.skipUnscored = skipUnscored.clone();
		this.file = file;
		this.rowKeys = IntStream.range(0, skipUnscored.length).anyMatch((m) -> empty.apply(m).usesRowKeys());
		for (int c = 0; c < this.levels.columns().size(); c++) {
			this.byColumn.add(new HashMap<>());
		}
	}

	/**
	 * Adds a row with every model's score to the accumulators of its levels.
	 * @throws DataFileException when the row brings a level too many, or one too long
	 */
	public void add(Row row, double[] scores) {
		long key = this.rowKeys ? RowKey.of(row) : 0;
		for (int c = 0; c < this.byColumn.size(); c++) {
			String level = this.levels.level(row, c);
			MetricAccumulator[] models = this.byColumn.get(c).get(level);
			if (models == null) {
				models = newLevel(c, level, row.line(), scores.length);
			}
			for (int m = 0; m < scores.length; m++) {
				if (!this.skipUnscored[m] || !Double.isNaN(scores[m])) {
					models[m].add(scores[m], row.label(), key);
				}
			}
		}
	}

	private MetricAccumulator[] newLevel(int c, String level, long line, int modelCount) {
		Map<String, MetricAccumulator[]> column = this.byColumn.get(c);
		String name = this.levels.columns().get(c).name();
		if (column.size() >= this.dataset.segments().maxLevels()) {
			throw new DataFileException(this.file, line,
					"segment column " + name + " has more than " + this.dataset.segments().maxLevels()
							+ " levels in this file (segments.max-levels of "
							+ ((this.dataset.source() != null) ? this.dataset.source() : "the dataset") + "); level '"
							+ level + "' is one too many: segment by a column with fewer levels, or raise max-levels");
		}
		if (level.length() > MAX_LEVEL_LENGTH) {
			throw new DataFileException(this.file, line, "segment column " + name + ": level '" + level.substring(0, 20)
					+ "...' is longer than " + MAX_LEVEL_LENGTH + " characters");
		}
		MetricAccumulator[] models = new MetricAccumulator[modelCount];
		for (int m = 0; m < modelCount; m++) {
			models[m] = this.empty.apply(m);
		}
		column.put(level, models);
		return models;
	}

	/**
	 * Each model's accumulators by segment, in column order then level order.
	 * @return per model (by index), its accumulators by segment
	 */
	public List<Map<Segment, MetricAccumulator>> byModel(int modelCount) {
		List<Map<Segment, MetricAccumulator>> models = new ArrayList<>();
		for (int m = 0; m < modelCount; m++) {
			models.add(new TreeMap<>());
		}
		for (int c = 0; c < this.byColumn.size(); c++) {
			String name = this.levels.columns().get(c).name();
			this.byColumn.get(c).forEach((level, accumulators) -> {
				for (int m = 0; m < modelCount; m++) {
					models.get(m).put(new Segment(name, level), accumulators[m]);
				}
			});
		}
		return models;
	}

}
