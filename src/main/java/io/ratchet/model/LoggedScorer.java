package io.ratchet.model;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.Map;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.LogCoverage;
import io.ratchet.data.MonthPredictions;
import io.ratchet.data.PredictionLog;
import io.ratchet.data.Row;

/**
 * The scorer of a {@link LoggedModel}: a row's score is the one logged for it in
 * production, from the dataset's score column or from the model's prediction log (joined
 * on the row's month and id), and {@link Double#NaN} when none was logged. A job never
 * scores such a row as something: it leaves it out of the model's metrics and counts it
 * ({@link #count}, {@link #coverage}).
 *
 * <p>
 * Unlike other scorers it has state: the month of the prediction log in hand (one month
 * at a time, besides the few months of the period it counts, so memory does not grow with
 * the length of the log) and what a pass has counted. Make one per pass over the data
 * ({@link ModelVersion#bind(DatasetConfig, Path)}) and do not share it between threads.
 */
public final class LoggedScorer implements Scorer {

	/**
	 * The score column's position in {@link Row#scores()}, or -1 for a prediction log.
	 */
	private final int column;

	private final PredictionLog log;

	private MonthPredictions month;

	private LocalDate from;

	private LocalDate to;

	/**
	 * The log's months of the counting period, kept with their marks until
	 * {@link #coverage}.
	 */
	private final Map<YearMonth, MonthPredictions> kept = new HashMap<>();

	private long joined;

	private long unlogged;

	/**
	 * Rows of the period with a score but not judged (a score column's awaiting-label
	 * rows).
	 */
	private long awaitingRows;

	private LoggedScorer(int column, PredictionLog log) {
		this.column = column;
		this.log = log;
	}

	/**
	 * Binds a logged model to a dataset.
	 * @throws ModelFileException (naming the model file) when the dataset does not
	 * declare the score column, or has no id columns (or another number of them) to join
	 * a prediction log with, or when the log's folder is not given
	 */
	static LoggedScorer bind(ModelVersion version, LoggedModel definition, DatasetConfig dataset, Path datasetDir) {
		String from = (dataset.source() != null) ? " (" + dataset.source() + ")" : "";
		if (definition.column() != null) {
			int index = dataset.scoreIndex(definition.column());
			if (index < 0) {
				String hint = (dataset.featureIndex(definition.column()) >= 0)
						? " it is declared as a feature: a logged score must be listed under scores: instead"
						: " its score columns: " + (dataset.scoreColumns().isEmpty() ? "none"
								: String.join(", ", dataset.scoreColumns()));
				throw new ModelFileException(version.file(), 0,
						"model " + version.key() + " reads its logged scores" + " from column \"" + definition.column()
								+ "\", which dataset \"" + dataset.name() + "\"" + from
								+ " does not declare under scores:;" + hint);
			}
			return new LoggedScorer(index, null);
		}
		if (dataset.idColumns().isEmpty()) {
			throw new ModelFileException(version.file(), 0,
					"model " + version.key() + " reads a prediction log, which"
							+ " is joined with the rows by id, but dataset \"" + dataset.name() + "\"" + from
							+ " declares no id: columns");
		}
		if (dataset.idColumns().size() != definition.log().idColumns().size()) {
			throw new ModelFileException(version.file(), 0,
					"the prediction log of model " + version.key() + " has id column"
							+ ((definition.log().idColumns().size() > 1) ? "s " : " ")
							+ String.join(", ", definition.log().idColumns()) + " but dataset \"" + dataset.name()
							+ "\"" + from + " is identified by " + String.join(", ", dataset.idColumns())
							+ " (log.id lists the log's columns in the order of the dataset's id:)");
		}
		if (datasetDir == null) {
			throw new ModelFileException(version.file(), 0, "model " + version.key() + " reads a prediction log: bind"
					+ " it with the dataset's folder, where the log is kept");
		}
		return new LoggedScorer(-1, new PredictionLog(dataset,
				PredictionLog.folderOf(datasetDir, version.name(), version.version()), definition.log()));
	}

	/** The score logged for the row, {@link Double#NaN} when none was. */
	@Override
	public double score(Row row) {
		if (this.column >= 0) {
			return row.scores()[this.column];
		}
		return month(YearMonth.from(row.date())).score(row.ids());
	}

	/**
	 * Sets the period whose predictions {@link #coverage} counts (both days included);
	 * call it before the pass. Without it only the rows counted are.
	 */
	public void countBetween(LocalDate from, LocalDate to) {
		this.from = from;
		this.to = to;
	}

	/**
	 * Counts a row of the period, right after {@link #score} gave its score.
	 * @param row the row
	 * @param score what {@link #score} gave for it
	 * @param judged whether the metrics judge the row (it is labelled, and not awaiting
	 * its label)
	 */
	public void count(Row row, double score, boolean judged) {
		boolean logged = !Double.isNaN(score);
		if (judged && logged) {
			this.joined++;
			if (this.column < 0) {
				this.month.judge(row.ids());
			}
		}
		else if (judged) {
			this.unlogged++;
		}
		else if (logged && this.column >= 0) {
			this.awaitingRows++;
		}
	}

	/**
	 * What the pass counted. For a prediction log, the predictions of the period that no
	 * judged row was joined with are awaiting a label: the months of the period the pass
	 * did not read are read now to count them.
	 */
	public LogCoverage coverage() {
		long awaiting = this.awaitingRows;
		if (this.column < 0 && this.from != null) {
			for (YearMonth m = YearMonth.from(this.from); !m.isAfter(YearMonth.from(this.to)); m = m.plusMonths(1)) {
				MonthPredictions predictions = this.kept.get(m);
				awaiting += ((predictions != null) ? predictions : this.log.read(m)).unjudged(this.from, this.to);
			}
		}
		return new LogCoverage(this.joined + awaiting, this.joined, this.unlogged, awaiting);
	}

	/**
	 * The log's month in hand: one at a time, except the months of the counting period,
	 * kept with their marks (a pass may read such a month again, e.g. a now-test's
	 * reference and window).
	 */
	private MonthPredictions month(YearMonth wanted) {
		if (this.month == null || !this.month.month().equals(wanted)) {
			MonthPredictions known = this.kept.get(wanted);
			this.month = (known != null) ? known : this.log.read(wanted);
			if (known == null && inPeriod(wanted)) {
				this.kept.put(wanted, this.month);
			}
		}
		return this.month;
	}

	private boolean inPeriod(YearMonth month) {
		return this.from != null && !month.isBefore(YearMonth.from(this.from))
				&& !month.isAfter(YearMonth.from(this.to));
	}

}
