package io.ratchet.promotion;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.MonthSource;
import io.ratchet.data.MonthFiles;
import io.ratchet.model.BlockScorer;
import io.ratchet.model.BoundModels;
import io.ratchet.model.ModelVersion;

/**
 * The paired rows of an evidence run: its months read again from the dataset's month
 * files and scored by both models (a block of rows at a time), one pass per month.
 * Unlabelled rows are left out, rejected rows too (as the back-test did), and rows a
 * logged model has no logged score for (the back-test left them out of its metrics).
 */
final class PairedScoring {

	private PairedScoring() {
	}

	static PairedRows score(MonthSource reader, Path datasetDir, List<String> months, ModelVersion champion,
			ModelVersion candidate, long runId) {
		Growing rows = new Growing();
		DatasetConfig dataset = reader.dataset();
		try (BoundModels scorers = BoundModels.bind(List.of(champion, candidate), dataset, datasetDir)) {
			for (int m = 0; m < months.size(); m++) {
				YearMonth month = YearMonth.parse(months.get(m));
				Path file = MonthFiles.fileFor(datasetDir, month);
				if (!Files.exists(file)) {
					throw new PromotionException("the month file " + file + " of evidence run " + runId
							+ " is gone; run the back-test again");
				}
				int index = m;
				BlockScorer blocks = scorers.blocks((row, scores) -> {
					if (!Double.isNaN(scores[0]) && !Double.isNaN(scores[1])) {
						rows.add(row.label(), scores[0], scores[1], index);
					}
				});
				reader.read(file, month, (row) -> {
					if (row.labelled()) {
						blocks.add(row);
					}
				}, (rejection) -> {
				});
				blocks.flush();
			}
		}
		return rows.build(months.toArray(String[]::new));
	}

	/** Columns that grow by doubling. */
	private static final class Growing {

		private double[] labels = new double[1024];

		private double[] champion = new double[1024];

		private double[] candidate = new double[1024];

		private int[] month = new int[1024];

		private int size;

		void add(double label, double a, double b, int m) {
			if (this.size == this.labels.length) {
				int capacity = this.size * 2;
				this.labels = Arrays.copyOf(this.labels, capacity);
				this.champion = Arrays.copyOf(this.champion, capacity);
				this.candidate = Arrays.copyOf(this.candidate, capacity);
				this.month = Arrays.copyOf(this.month, capacity);
			}
			this.labels[this.size] = label;
			this.champion[this.size] = a;
			this.candidate[this.size] = b;
			this.month[this.size] = m;
			this.size++;
		}

		PairedRows build(String[] months) {
			return new PairedRows(Arrays.copyOf(this.labels, this.size), Arrays.copyOf(this.champion, this.size),
					Arrays.copyOf(this.candidate, this.size), Arrays.copyOf(this.month, this.size), months);
		}

	}

}
