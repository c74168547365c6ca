package io.ratchet.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Checks that two back-tests of the peer corpus computed the same monthly figures: the
 * reference is a peer's output ({@code month,model,n,roc_auc,log_loss,brier,accuracy,
 * precision,recall,f1} per line, as {@code peer_pandas.py} prints it), the other either a
 * peer's output too or Ratchet's {@code metrics.csv} (model {@code peer-logit} version
 * {@code k + 1} is the peers' model {@code k}; the whole-period rows are left aside).
 * Every (month, model) of either side must be on the other, {@code n} equal, and every
 * other figure within the tolerance; the peers print six decimals, so 1e-6 is the finest
 * tolerance that means anything.
 *
 * <p>
 * {@code jobs/dev/tool io.ratchet.bench.PeerAgreement <tolerance> <reference> <other>}
 * prints the largest difference and exits with 1 when the two disagree.
 */
public final class PeerAgreement {

	/** The figures the peers print, in their order (after month and model). */
	static final List<String> FIGURES = List.of("n", "roc_auc", "log_loss", "brier", "accuracy", "precision", "recall",
			"f1");

	private PeerAgreement() {
	}

	public static void main(String[] args) throws IOException {
		if (args.length != 3) {
			System.err.println("usage: PeerAgreement <tolerance> <reference peer output> <peer output or metrics.csv>");
			System.exit(2);
		}
		double tolerance = Double.parseDouble(args[0]);
		Comparison comparison = compare(read(Path.of(args[1])), read(Path.of(args[2])));
		System.out.println(comparison.describe(tolerance));
		System.exit(comparison.agrees(tolerance) ? 0 : 1);
	}

	/**
	 * The largest difference between two sets of figures, and where it is.
	 *
	 * @param largest the largest absolute difference ({@code +Infinity} when a month or
	 * model is missing on one side or {@code n} differs)
	 * @param where month, model and figure of the largest difference, or what is missing
	 * @param compared how many (month, model) pairs were compared
	 */
	public record Comparison(double largest, String where, int compared) {

		public boolean agrees(double tolerance) {
			return this.largest <= tolerance;
		}

		public String describe(double tolerance) {
			return String.format(Locale.ROOT,
					"%s: largest difference %.3g (%s) over %d month-model pairs, tolerance %g",
					agrees(tolerance) ? "agree" : "DISAGREE", this.largest, this.where, this.compared, tolerance);
		}

	}

	static Comparison compare(Map<String, double[]> reference, Map<String, double[]> other) {
		double largest = 0;
		String where = "none";
		for (String key : reference.keySet()) {
			if (!other.containsKey(key)) {
				return new Comparison(Double.POSITIVE_INFINITY, key + " missing from the other", reference.size());
			}
		}
		for (String key : other.keySet()) {
			if (!reference.containsKey(key)) {
				return new Comparison(Double.POSITIVE_INFINITY, key + " missing from the reference", reference.size());
			}
		}
		for (Map.Entry<String, double[]> entry : reference.entrySet()) {
			double[] mine = entry.getValue();
			double[] theirs = other.get(entry.getKey());
			for (int i = 0; i < FIGURES.size(); i++) {
				double difference = Math.abs(mine[i] - theirs[i]);
				if (i == 0 && difference != 0) {
					return new Comparison(Double.POSITIVE_INFINITY,
							entry.getKey() + " n " + (long) mine[i] + " against " + (long) theirs[i], reference.size());
				}
				if (!(difference <= largest)) {
					// NaN on one side only counts as infinitely far
					largest = Double.isNaN(difference) ? Double.POSITIVE_INFINITY : difference;
					where = entry.getKey() + " " + FIGURES.get(i);
				}
			}
		}
		return new Comparison(largest, where, reference.size());
	}

	/**
	 * The monthly figures in {@code file}, keyed {@code "<month> model <k>"}: a peer's
	 * output, or Ratchet's {@code metrics.csv} (recognised by its header).
	 * @throws IllegalArgumentException naming the file and the line of a malformed line
	 */
	static Map<String, double[]> read(Path file) throws IOException {
		List<String> lines = Files.readAllLines(file);
		return (!lines.isEmpty() && lines.get(0).startsWith("run,")) ? readMetricsCsv(file) : readPeer(file, lines);
	}

	private static Map<String, double[]> readPeer(Path file, List<String> lines) {
		Map<String, double[]> figures = new TreeMap<>();
		for (int l = 0; l < lines.size(); l++) {
			String line = lines.get(l).strip();
			if (line.isEmpty()) {
				continue;
			}
			String[] fields = line.split(",");
			if (fields.length != 2 + FIGURES.size() || !fields[0].matches("\\d{4}-\\d{2}")) {
				throw new IllegalArgumentException(file + ", line " + (l + 1) + ": expected month,model,"
						+ String.join(",", FIGURES) + " but got '" + line + "'");
			}
			double[] values = new double[FIGURES.size()];
			try {
				for (int i = 0; i < values.length; i++) {
					values[i] = Double.parseDouble(fields[2 + i]);
				}
				figures.put(key(fields[0], Integer.parseInt(fields[1])), values);
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException(
						file + ", line " + (l + 1) + ": not a number (" + ex.getMessage() + ") in '" + line + "'");
			}
		}
		return figures;
	}

	private static Map<String, double[]> readMetricsCsv(Path file) throws IOException {
		Map<String, double[]> figures = new TreeMap<>();
		try (Reader in = Files.newBufferedReader(file)) {
			for (CSVRecord record : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
				String period = record.get("period");
				if (!PeerCorpus.MODEL.equals(record.get("model")) || !period.matches("\\d{4}-\\d{2}")) {
					continue;
				}
				double[] values = new double[FIGURES.size()];
				for (int i = 0; i < values.length; i++) {
					String text = record.get(FIGURES.get(i));
					values[i] = text.isEmpty() ? Double.NaN : Double.parseDouble(text);
				}
				figures.put(key(period, Integer.parseInt(record.get("version")) - 1), values);
			}
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(
					file + ": not a metrics.csv of the peer corpus (" + ex.getMessage() + ")", ex);
		}
		return figures;
	}

	private static String key(String month, int model) {
		return month + " model " + model;
	}

}
