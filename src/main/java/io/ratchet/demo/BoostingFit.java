package io.ratchet.demo;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.IntStream;

import io.ratchet.data.Feature;
import io.ratchet.data.FeatureType;
import io.ratchet.data.Row;

/**
 * A small gradient-boosted tree ensemble for the logistic loss, in the second-order (Newton) form: each tree is grown
 * breadth first to {@code depth} levels on the gradients {@code p - y} and hessians {@code p(1 - p)}, a split's gain is
 * {@code GL²/(HL+λ) + GR²/(HR+λ) - G²/(H+λ)}, a leaf is {@code -G/(H+λ)} times the learning rate.
 * <p>
 * Numeric split candidates are the midpoints between consecutive distinct {@value #QUANTILES}-quantiles of the
 * training values; categorical splits send a set of levels "yes", found by ordering the node's levels by
 * {@code G/H} and trying every prefix (optimal for this gain). Missing values are tried on both sides and go the
 * better one; when a node has none, they go the side with more weight.
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
	String describe() {
		return "\"algorithm\": \"gradient_boosting\", \"loss\": \"logistic\", \"trees\": " + this.trees
				+ ", \"max_depth\": " + this.depth + ", \"learning_rate\": " + Json.number(this.learningRate)
				+ ", \"lambda\": " + Json.number(this.lambda) + ", \"min_child_weight\": "
				+ Json.number(this.minChildWeight) + ", \"numeric_splits\": \"midpoints between consecutive distinct "
				+ QUANTILES + "-quantiles\"";
	}

	/** Fits the labelled rows (rows without a label are ignored). */
	TreeEnsemble fit(List<Row> rows) {
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
		List<List<TreeEnsemble.Node>> ensemble = new ArrayList<>();
		for (int t = 0; t < this.trees; t++) {
			double[] g = new double[n];
			double[] h = new double[n];
			for (int i = 0; i < n; i++) {
				double p = ChurnWorld.sigmoid(f[i]);
				g[i] = p - y[i];
				h[i] = p * (1 - p);
			}
			List<TreeEnsemble.Node> tree = grow(binned, g, h);
			TreeEnsemble.Node[] byId = tree.toArray(new TreeEnsemble.Node[0]);
			for (int i = 0; i < n; i++) {
				TreeEnsemble.Node node = byId[0];
				while (node instanceof TreeEnsemble.Split split) {
					node = byId[split.next(labelled.get(i))];
				}
				f[i] += ((TreeEnsemble.Leaf) node).value();
			}
			ensemble.add(tree);
		}
		return new TreeEnsemble(base, ensemble);
	}

	/** Grows one tree breadth first, so that ids are given in breadth-first order as nodes are created. */
	private List<TreeEnsemble.Node> grow(Binned[] binned, double[] g, double[] h) {
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
				nodes.add(new TreeEnsemble.Leaf(pending.id(), -gs / (hs + this.lambda) * this.learningRate));
				continue;
			}
			int yes = nextId++;
			int no = nextId++;
			Binned feature = binned[best.feature()];
			TreeEnsemble.Split split = new TreeEnsemble.Split(pending.id(), feature.name(), feature.index(),
					best.threshold(), best.levels(), yes, no, best.missingYes());
			nodes.add(split);
			int[] yesRows = Arrays.stream(pending.rows()).filter((i) -> split.next(feature.rows()[i]) == yes).toArray();
			int[] noRows = Arrays.stream(pending.rows()).filter((i) -> split.next(feature.rows()[i]) == no).toArray();
			queue.add(new Pending(yes, pending.level() + 1, yesRows));
			queue.add(new Pending(no, pending.level() + 1, noRows));
		}
		return nodes; // popped in id order, so already sorted by id
	}

	/** The best split of a node on one feature, or {@code null} when none gains or respects the minimum weight. */
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
			// "yes" for the first k + 1 levels present in the node, ordered by G/H; the last prefix would be all
			order = IntStream.range(0, bins).filter((b) -> hb[b] > 0).boxed()
					.sorted(Comparator.comparingDouble((Integer b) -> gb[b] / hb[b]).thenComparingInt((b) -> b))
					.mapToInt(Integer::intValue).toArray();
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
					List<String> levels = null;
					if (!feature.numeric()) {
						TreeSet<String> set = new TreeSet<>();
						for (int j = 0; j <= k; j++) {
							set.add(feature.levels().get(order[j]));
						}
						levels = List.copyOf(set);
					}
					double threshold = feature.numeric() ? feature.thresholds()[k] : Double.NaN;
					best = new Candidate(feature.index(), gain, threshold, levels, missingYes);
				}
			}
		}
		return best;
	}

	private Binned bin(int f, List<Row> rows) {
		Feature feature = this.features.get(f);
		int n = rows.size();
		Row[] array = rows.toArray(new Row[0]);
		int[] bin = new int[n];
		if (feature.type() == FeatureType.NUMERIC) {
			double[] values = rows.stream().mapToDouble((row) -> row.numbers()[f]).filter((x) -> !Double.isNaN(x))
					.sorted().toArray();
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
				double x = array[i].numbers()[f];
				if (Double.isNaN(x)) {
					bin[i] = -1;
				}
				else {
					int b = Arrays.binarySearch(thresholds, x);
					bin[i] = (b >= 0) ? b + 1 : -b - 1; // the number of thresholds <= x
				}
			}
			return new Binned(feature.name(), f, array, bin, thresholds.length + 1, thresholds, null);
		}
		List<String> levels = List.copyOf(new TreeSet<>(rows.stream().map((row) -> row.levels()[f])
				.filter((level) -> level != null).toList()));
		for (int i = 0; i < n; i++) {
			String level = array[i].levels()[f];
			bin[i] = (level != null) ? levels.indexOf(level) : -1;
		}
		return new Binned(feature.name(), f, array, bin, levels.size(), null, levels);
	}

	/** A feature's values as bin numbers (-1 = missing): thresholds for numeric features, levels for categorical. */
	private record Binned(String name, int index, Row[] rows, int[] bin, int bins, double[] thresholds,
			List<String> levels) {

		boolean numeric() {
			return this.levels == null;
		}

	}

	private record Candidate(int feature, double gain, double threshold, List<String> levels, boolean missingYes) {
	}

	private record Pending(int id, int level, int[] rows) {
	}

}
