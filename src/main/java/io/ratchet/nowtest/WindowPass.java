package io.ratchet.nowtest;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.MonthSource;
import io.ratchet.data.QualityCheck;
import io.ratchet.data.ReadStats;
import io.ratchet.data.Rejection;
import io.ratchet.drift.DatasetProfile;
import io.ratchet.model.BlockScorer;
import io.ratchet.model.ScoringPass;
import io.ratchet.report.FeatureMeans;

/**
 * What the now-test's score step gathers reading the reference months and then the
 * window: the feature profiles and means that drift and the report compare, every
 * contender's score samples, the window's metrics (through the {@link ScoringPass}) and
 * its row counts. One instance per step execution.
 */
final class WindowPass {

	/*
	 * The seeds of the drift samples' reservoirs (a feature profile's numeric column i
	 * adds i to its profile's seed; a contender's score sample adds its position). Fixed,
	 * so that the same run computed again (a restart, a test against reference figures)
	 * samples the same values and reports the same drift; distinct, so that no two
	 * samples pick the same positions.
	 */

	/** Seed of the reference's feature profile. */
	static final long REFERENCE_SEED = 42;

	/** Seed of the window's feature profile. */
	static final long WINDOW_SEED = 4242;

	/** Seed of the first contender's score sample over the reference. */
	static final long REFERENCE_SCORE_SEED = 7;

	/** Seed of the first contender's score sample over the window. */
	static final long WINDOW_SCORE_SEED = 77;

	private final DatasetConfig dataset;

	private final NowtestWindow window;

	private final MonthSource reader;

	private final DatasetProfile referenceProfile;

	private final DatasetProfile windowProfile;

	private final Map<YearMonth, FeatureMeans> referenceMeans = new TreeMap<>();

	private final FeatureMeans windowMeans;

	private final KnownLevels knownLevels;

	/** Per contender, in the scoring pass's order: its surprising rows. */
	private final List<SurprisingRows> surprises = new ArrayList<>();

	private final QualityCheck windowQuality;

	/** Rows of the window read (judged or not). */
	long inWindow;

	/** Rows of the window judged: labelled, and not awaiting their label. */
	long scored;

	/** Rows of the window after the label cut-off. */
	long awaiting;

	/** Rows of the window up to the label cut-off without a label. */
	long unlabelled;

	/** Rows rejected in the reference months and the window's month files. */
	long rejected;

	/**
	 * @param source where the months are read (the month cache or the CSV)
	 * @param capacity the most values kept per numeric column and side
	 * ({@code ratchet.nowtest.drift.sample-size})
	 */
	WindowPass(MonthSource source, DatasetConfig dataset, NowtestWindow window, int capacity) {
		this.dataset = dataset;
		this.window = window;
		this.reader = source;
		this.referenceProfile = new DatasetProfile(dataset, capacity, REFERENCE_SEED);
		this.windowProfile = new DatasetProfile(dataset, capacity, WINDOW_SEED);
		this.windowMeans = new FeatureMeans(dataset);
		this.knownLevels = new KnownLevels(dataset);
		this.windowQuality = new QualityCheck(dataset);
	}

	/**
	 * Reads the reference months: every row's features and every contender's score, for
	 * drift.
	 */
	void readReference(ScoringPass<Contender> pass, SortedMap<YearMonth, Path> files, List<YearMonth> months,
			Consumer<Rejection> rejects) {
		List<ScoringPass.Scored<Contender>> models = pass.models();
		List<SurprisingRows> surprising = surprises(models.size());
		// rows are scored a block at a time (one call per block for an ONNX model), in
		// file order
		BlockScorer blocks = pass.blocks((row, scores) -> {
			for (int i = 0; i < scores.length; i++) {
				surprising.get(i).addReference(scores[i]);
				Contender contender = models.get(i).subject();
				contender.referenceScores().add(scores[i]);
				if (contender.estimate() != null) {
					contender.estimate().addReference(scores[i], row.label());
				}
			}
		});
		for (YearMonth month : months) {
			FeatureMeans monthMeans = this.referenceMeans.computeIfAbsent(month, (m) -> new FeatureMeans(this.dataset));
			ReadStats stats = this.reader.read(files.get(month), month, (row) -> {
				this.referenceProfile.add(row);
				this.knownLevels.add(row);
				monthMeans.add(row);
				blocks.add(row);
			}, rejects);
			this.rejected += stats.rejected();
		}
		blocks.flush();
	}

	/**
	 * Reads the rows of the window in the month files it touches: features and scores for
	 * drift; the labelled rows up to the label cut-off are judged (metrics, logged
	 * coverage).
	 */
	void readWindow(ScoringPass<Contender> pass, SortedMap<YearMonth, Path> files, List<YearMonth> months,
			Consumer<Rejection> rejects) {
		List<ScoringPass.Scored<Contender>> models = pass.models();
		List<SurprisingRows> surprising = surprises(models.size());
		BlockScorer blocks = pass.blocks((row, scores) -> {
			boolean judged = !this.window.awaitingLabel(row.date()) && row.labelled();
			// a month file holds the rows dated in its month
			String file = files.get(YearMonth.from(row.date())).toString();
			for (int i = 0; i < scores.length; i++) {
				surprising.get(i).addWindow(row, scores[i], judged, file);
				Contender contender = models.get(i).subject();
				contender.windowScores().add(scores[i]);
				if (contender.estimate() != null) {
					contender.estimate().addWindow(scores[i], judged);
				}
			}
			pass.count(row, scores, judged);
			if (this.window.awaitingLabel(row.date())) {
				this.awaiting++;
			}
			else if (!row.labelled()) {
				this.unlabelled++;
			}
			else {
				this.scored++;
				pass.accumulate(row, scores);
			}
		});
		for (YearMonth month : months) {
			ReadStats stats = this.reader.read(files.get(month), month, (row) -> {
				if (!this.window.contains(row.date())) {
					return;
				}
				this.inWindow++;
				this.windowProfile.add(row);
				this.windowMeans.add(row);
				this.windowQuality.add(row);
				blocks.add(row);
			}, rejects);
			this.rejected += stats.rejected();
		}
		blocks.flush();
	}

	/**
	 * Each contender's surprising rows, in the scoring pass's order (made on first use).
	 */
	List<SurprisingRows> surprises(int contenders) {
		while (this.surprises.size() < contenders) {
			this.surprises.add(new SurprisingRows(this.dataset, this.knownLevels, SurprisingRows.LIMIT));
		}
		return this.surprises;
	}

	DatasetProfile referenceProfile() {
		return this.referenceProfile;
	}

	DatasetProfile windowProfile() {
		return this.windowProfile;
	}

	/** The window's data-quality counts (the dataset file's {@code quality:} rules). */
	QualityCheck windowQuality() {
		return this.windowQuality;
	}

	/** Each numeric feature's mean per reference month, in month order. */
	Map<YearMonth, FeatureMeans> referenceMeans() {
		return this.referenceMeans;
	}

	/** Each numeric feature's mean over the window. */
	FeatureMeans windowMeans() {
		return this.windowMeans;
	}

	/** Where the months were read, with its counts. */
	MonthSource source() {
		return this.reader;
	}

}
