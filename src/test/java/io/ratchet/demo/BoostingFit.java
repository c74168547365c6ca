package io.ratchet.demo;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.IntStream;

import io.ratchet.data.Feature;
import io.ratchet.data.FeatureType;
import io.ratchet.data.Row;
import io.ratchet.model.Link;
import io.ratchet.model.TreeEnsemble;

/**
 * A small gradient-boosted tree ensemble for the logistic loss, in the second-order
 * (Newton) form: each tree is grown breadth first to {@code depth} levels on the
 * gradients {@code p - y} and hessians {@code p(1 - p)}, a split's gain is
 * {@code GL²/(HL+λ) + GR²/(HR+λ) - G²/(H+λ)}, a leaf is {@code -G/(H+λ)} times the
 * learning rate.
 * <p>
 * Numeric split candidates are the midpoints between consecutive distinct
 * {@value #QUANTILES}-quantiles of the training values; categorical splits send a set of
 * levels "yes", found by ordering the node's levels by {@code G/H} and trying every
 * prefix (optimal for this gain). Missing values are tried on both sides and go the
 * better one; when a node has none, they go the side with more weight.
 * <p>
 * While growing, rows are routed by their bins (a numeric split at the threshold between
 * bins {@code k} and {@code k + 1} sends bins {@code 0..k} "yes", which is exactly
 * {@code x < threshold}), and each row's raw score is updated with the leaf it ended in;
 * the result is a logistic {@link TreeEnsemble} of the model package whose nodes are
 * numbered breadth first.
 */
final class BoostingFit {

	static final int QUANTILES = 32;

	private final List<Feature> features;

	private final int trees;

	private final int depth;

	private final double learningRate;

	private final double lambda;

	private final double minChildWeight;

	BoostingFit(List<Feature> features, int trees, int depth, double learningRate, double lambda,
			double minChildWeight) {
		this.features = List.copyOf(features);
		this.trees = trees;
		this.depth = depth;
		this.learningRate = learningRate;
		this.lambda = lambda;
		this.minChildWeight = minChildWeight;
	}

	/** The {@code training} fields describing this algorithm (without the window). */
	Map<String, Object> describe() {
		Map<String, Object> training = new LinkedHashMap<>();
		training.put("algorithm", "gradient_boosting");
		training.put("loss", "logistic");
		training.put("trees", this.trees);
		training.put("max_depth", this.depth);
		training.put("learning_rate", this.learningRate);
		training.put("lambda", this.lambda);
		training.put("min_child_weight", this.minChildWeight);
		training.put("numeric_splits", "midpoints between consecutive distinct " + QUANTILES + "-quantiles");
		return training;
	}

	/**
	 * Fits the labelled rows (rows without a label are ignored).
	 * @param rows the training rows
	 * @param training the informational {@code training} object the model carries
	 */
	TreeEnsemble fit(List<Row> rows, Map<String, Object> training) {
		List<Row> labelled = rows.stream().filter(Row::labelled).toList();
		int n = labelled.size();
		Binned[] binned = new Binned[this.features.size()];
		for (int f = 0; f < binned.length; f++) {
			binned[f] = bin(f, labelled);
		}
		double[] y = new double[n];
		double positives = 0;
		for (int i = 0; i < n; i++) {
			y[i] = labelled.get(i).label();
			positives += y[i];
		}
		double base = StrictMath.log(positives / (n - positives));
		double[] f = new double[n];
		Arrays.fill(f, base);
		List<TreeEnsemble.Tree> ensemble = new ArrayList<>();
		for (int t = 0; t < this.trees; t++) {
			double[] g = new double[n];
			double[] h = new double[n];
			for (int i = 0; i < n; i++) {
				double p = ChurnWorld.sigmoid(f[i]);
				g[i] = p - y[i];
				h[i] = p * (1 - p);
			}
			double[] leaves = new double[n];
			ensemble.add(new TreeEnsemble.Tree(grow(binned, g, h, leaves)));
			for (int i = 0; i < n; i++) {
				f[i] += leaves[i];
			}
		}
		return new TreeEnsemble(Link.LOGISTIC, base, ensemble, training);
	}

	/**
	 * Grows one tree breadth first, so that ids are given in breadth-first order as nodes
	 * are created.
	 * @param leaves receives, per row, the value of the leaf the row ends in
	 */
	private List<TreeEnsemble.Node> grow(Binned[] binned, double[] g, double[] h, double[] leaves) {
		int[] all = new int[g.length];
		Arrays.setAll(all, (i) -> i);
		Deque<Pending> queue = new ArrayDeque<>();
		queue.add(new Pending(0, 0, all));
		int nextId = 1;
		List<TreeEnsemble.Node> nodes = new ArrayList<>();
		while (!queue.isEmpty()) {
			Pending pending = queue.removeFirst();
			double gs = 0;
			double hs = 0;
			for (int i : pending.rows()) {
				gs += g[i];
				hs += h[i];
			}
			Candidate best = null;
			if (pending.level() < this.depth) {
				for (Binned feature : binned) {
					Candidate candidate = best(feature, pending.rows(), g, h, gs, hs);
					if (candidate != null && (best == null || candidate.gain() > best.gain())) {
						best = candidate;
					}
				}
			}
			if (best == null) {
				double value = -gs / (hs + this.lambda) * this.learningRate;
				nodes.add(new TreeEnsemble.Leaf(pending.id(), value));
				for (int i : pending.rows()) {
					leaves[i] = value;
				}
				continue;
			}
			int yes = nextId++;
			int no = nextId++;
			Binned feature = binned[best.feature()];
			TreeEnsemble.Branch missing = best.missingYes() ? TreeEnsemble.Branch.YES : TreeEnsemble.Branch.NO;
			nodes.add(feature.numeric()
					? new TreeEnsemble.NumericSplit(pending.id(), feature.name(), best.threshold(), yes, no, missing)
					: new TreeEnsemble.CategoricalSplit(pending.id(), feature.name(), best.levels(), yes, no, missing));
			Candidate split = best;
			int[] yesRows = Arrays.stream(pending.rows()).filter((i) -> split.yes(feature.bin()[i])).toArray();
			int[] noRows = Arrays.stream(pending.rows()).filter((i) -> !split.yes(feature.bin()[i])).toArray();
			queue.add(new Pending(yes, pending.level() + 1, yesRows));
			queue.add(new Pending(no, pending.level() + 1, noRows));
		}
		return nodes; // popped in id order, so already sorted by id
	}

	/**
	 * The best split of a node on one feature, or {@code null} when none gains or
	 * respects the minimum weight.
	 */
	private Candidate best(Binned feature, int[] rows, double[] g, double[] h, double gs, double hs) {
		int bins = feature.bins();
		double[] gb = new double[bins];
		double[] hb = new double[bins];
		double gm = 0;
		double hm = 0;
		for (int i : rows) {
			int bin = feature.bin()[i];
			if (bin < 0) {
				gm += g[i];
				hm += h[i];
			}
			else {
				gb[bin] += g[i];
				hb[bin] += h[i];
			}
		}
		int[] order;
		if (feature.numeric()) {
			// "yes" below a threshold: bins 0..k for the threshold k
			order = new int[feature.thresholds().length];
			Arrays.setAll(order, (b) -> b);
		}
		else {
			// "yes" for the first k + 1 levels present in the node, ordered by G/H; the
			// last prefix would be all
			order = IntStream.range(0, bins)
				.filter((b) -> hb[b] > 0)
				.boxed()
				.sorted(Comparator.comparingDouble((Integer b) -> gb[b] / hb[b]).thenComparingInt((b) -> b))
				.mapToInt(Integer::intValue)
				.toArray();
			order = Arrays.copyOf(order, StrictMath.max(0, order.length - 1));
		}
		double parent = gs * gs / (hs + this.lambda);
		Candidate best = null;
		double gl = 0;
		double hl = 0;
		for (int k = 0; k < order.length; k++) {
			gl += gb[order[k]];
			hl += hb[order[k]];
			for (boolean missingYes : new boolean[] { true, false }) {
				double gy = gl + (missingYes ? gm : 0);
				double hy = hl + (missingYes ? hm : 0);
				double gn = gs - gy;
				double hn = hs - hy;
				if (hy < this.minChildWeight || hn < this.minChildWeight) {
					continue;
				}
				double gain = gy * gy / (hy + this.lambda) + gn * gn / (hn + this.lambda) - parent;
				if (hm == 0 && missingYes != (hl >= hs - hl)) {
					continue; // no missing value here: they go the heavier side
				}
				if (gain > 1e-9 && (best == null || gain > best.gain())) {
					boolean[] yesBins = new boolean[bins];
					List<String> levels = null;
					if (!feature.numeric()) {
						TreeSet<String> set = new TreeSet<>();
						for (int j = 0; j <= k; j++) {
							set.add(feature.levels().get(order[j]));
							yesBins[order[j]] = true;
						}
						levels = List.copyOf(set);
					}
					else {
						Arrays.fill(yesBins, 0, k + 1, true);
					}
					double threshold = feature.numeric() ? feature.thresholds()[k] : Double.NaN;
					best = new Candidate(feature.index(), gain, threshold, levels, yesBins, missingYes);
				}
			}
		}
		return best;
	}

	private Binned bin(int f, List<Row> rows) {
		Feature feature = this.features.get(f);
		int n = rows.size();
		int[] bin = new int[n];
		if (feature.type() == FeatureType.NUMERIC) {
			double[] values = rows.stream()
				.mapToDouble((row) -> row.numbers()[f])
				.filter((x) -> !Double.isNaN(x))
				.sorted()
				.toArray();
			TreeSet<Double> quantiles = new TreeSet<>();
			for (int q = 0; q <= QUANTILES; q++) {
				quantiles.add(values[(int) ((long) q * (values.length - 1) / QUANTILES)]);
			}
			Double[] points = quantiles.toArray(new Double[0]);
			double[] thresholds = new double[points.length - 1];
			for (int k = 0; k < thresholds.length; k++) {
				thresholds[k] = (points[k] + points[k + 1]) / 2;
			}
			for (int i = 0; i < n; i++) {
				double x = rows.get(i).numbers()[f];
				if (Double.isNaN(x)) {
					bin[i] = -1;
				}
				else {
					int b = Arrays.binarySearch(thresholds, x);
					bin[i] = (b >= 0) ? b + 1 : -b - 1; // the number of thresholds <= x
				}
			}
			return new Binned(feature.name(), f, bin, thresholds.length + 1, thresholds, null);
		}
		List<String> levels = List.copyOf(
				new TreeSet<>(rows.stream().map((row) -> row.levels()[f]).filter((level) -> level != null).toList()));
		for (int i = 0; i < n; i++) {
			String level = rows.get(i).levels()[f];
			bin[i] = (level != null) ? levels.indexOf(level) : -1;
		}
		return new Binned(feature.name(), f, bin, levels.size(), null, levels);
	}

	/**
	 * A feature's values as bin numbers (-1 = missing): thresholds for numeric features,
	 * levels for categorical.
	 */
	private record Binned(String name, int index, int[] bin, int bins, double[] thresholds, List<String> levels) {

		boolean numeric() {
			return this.levels == null;
		}

	}

	/**
	 * A possible split: {@code threshold} for a numeric feature, {@code levels} for a
	 * categorical one, and for either the bins that go "yes".
	 */
	private record Candidate(int feature, double gain, double threshold, List<String> levels, boolean[] yesBins,
			boolean missingYes) {

		/** Whether a row in bin {@code bin} (-1 = missing) goes "yes". */
		boolean yes(int bin) {
			return (bin < 0) ? this.missingYes : this.yesBins[bin];
		}

	}

	private record Pending(int id, int level, int[] rows) {
	}

}
