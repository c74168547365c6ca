package io.ratchet.backtest;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.DatasetImporter;
import io.ratchet.data.ImportResult;
import io.ratchet.data.MonthFileReader;
import io.ratchet.data.MonthFiles;
import io.ratchet.data.Task;
import io.ratchet.model.BlockScorer;
import io.ratchet.model.BoundModels;
import io.ratchet.model.ModelVersion;
import io.ratchet.model.ModelZoo;
import io.ratchet.model.OnnxImport;
import io.ratchet.test.SharedBatchContextTests;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.batch.test.MetaDataInstanceFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ONNX models of the model zoo, imported and back-tested together on the real
 * weatherAUS and bike-sharing data, give every month's every metric as the library's own
 * predictions gave it ({@code monthly-metrics.csv} of each model), within the tolerance
 * their score differences imply.
 * <p>
 * ONNX Runtime computes in float32, so the scores are not the library's to the bit: they
 * differ per row by at most {@code δ = onnx.max_abs_diff_vs_native_all_labelled_rows} of
 * the model's README.json (measured by the zoo over every labelled row with ONNX Runtime
 * in Python, whose outputs Ratchet's equal to the bit: {@code OnnxZooTests}). Each stored
 * metric must then lie within the bound that δ implies for that month, computed from the
 * month's rows as Ratchet scored them: counts exact; means, MAE, RMSE, bias within δ;
 * Brier within mean(δ(2|s - y| + δ)); log loss within mean(δ / (distance of the
 * probability of the true class from 0, less δ)); R² and MAPE through the month's label
 * variance and labels; threshold metrics within the range reachable by flipping the rows
 * whose score is within δ of the threshold; ROC AUC within the share of positive-negative
 * pairs closer than 2δ; average precision within the mean, over positives, of the range
 * of its precision when the rows closer than 2δ to it fall either side. Where no row is
 * that close the bound is 0 and the metric must agree to 1e-9, as for the scikit-learn
 * oracle. Writes {@code target/onnx-zoo/monthly.md}. Skipped when the zoo is absent.
 */
class OnnxOracleBacktestTests extends SharedBatchContextTests {

	static final Path TABLE = Path.of("target", "onnx-zoo", "monthly.md");

	static final List<String> table = new ArrayList<>();

	@Autowired
	JobOperatorTestUtils jobOperatorTestUtils;

	@Autowired
	Job backtest;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void setUp() {
		ModelZoo.assumePresent();
		this.jobOperatorTestUtils.setJob(this.backtest);
	}

	@AfterAll
	static void writeTable() throws IOException {
		if (!table.isEmpty()) {
			List<String> lines = new ArrayList<>();
			lines
				.add("| case | model | months | metric values | equal (1e-9) | max abs diff | largest implied bound |");
			lines.add("|---|---|---|---|---|---|---|");
			lines.addAll(table);
			Files.createDirectories(TABLE.getParent());
			Files.write(TABLE, lines);
		}
	}

	@Test
	void weatherAusOnnxModelsMatchTheirLibrariesMonthlyMetrics() throws Exception {
		backtestAndCompare("weather-aus", 113);
	}

	@Test
	void bikeSharingOnnxModelsMatchTheirLibrariesMonthlyMetrics() throws Exception {
		backtestAndCompare("bike-sharing", 24);
	}

	private void backtestAndCompare(String zooCase, int months) throws Exception {
		// given: every ONNX model of the case imported (the first as champion, the others
		// as candidates)
		DatasetConfig dataset = ModelZoo.dataset(zooCase, root.resolve("config"));
		List<ModelZoo.ZooOnnx> zoo = ModelZoo.onnxModels().stream().filter((m) -> m.zooCase().equals(zooCase)).toList();
		List<ModelVersion> versions = new ArrayList<>();
		for (ModelZoo.ZooOnnx model : zoo) {
			versions.add(OnnxImport.importModel(model.request(), dataset, root.resolve("config/models")).version());
		}
		List<String> keys = versions.stream().map(ModelVersion::key).toList();
		Files.writeString(root.resolve("config/registry.yml"),
				zooCase + ":\n  champion: " + keys.get(0) + "\n  candidates: ["
						+ String.join(", ", keys.subList(1, keys.size())) + "]\n",
				Files.exists(root.resolve("config/registry.yml")) ? java.nio.file.StandardOpenOption.APPEND
						: java.nio.file.StandardOpenOption.CREATE);
		// figures only, compared with the libraries': the dataset is run unjudged on
		// purpose
		Files.writeString(root.resolve("config/requirements.yml"), zooCase + ": {unmonitored: true}\n",
				Files.exists(root.resolve("config/requirements.yml")) ? java.nio.file.StandardOpenOption.APPEND
						: java.nio.file.StandardOpenOption.CREATE);
		Path data = root.resolve("historical-data").resolve(zooCase);
		ImportResult imported = new DatasetImporter(dataset, data).importFile(ModelZoo.DATA.get(zooCase));
		assertThat(imported.rejected()).isZero();

		// when
		JobExecution execution = this.jobOperatorTestUtils.startJob(new BacktestParameters(zooCase, null, null,
				List.of(), LocalDateTime.now().truncatedTo(ChronoUnit.MILLIS))
			.toJobParameters());

		// then
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		long runId = execution.getJobInstance().getInstanceId();
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM run_partition WHERE run_id = ?")
			.param(runId)
			.query(Long.class)
			.single()).isEqualTo(months);
		Map<String, Map<String, Scored>> scored = rescore(dataset, data, versions);
		for (int m = 0; m < zoo.size(); m++) {
			compare(runId, zoo.get(m), versions.get(m), dataset.task(), scored.get(versions.get(m).key()));
		}
	}

	/**
	 * Each model's scores and labels per month, as the back-test scored them (labelled
	 * rows only).
	 */
	private static Map<String, Map<String, Scored>> rescore(DatasetConfig dataset, Path data,
			List<ModelVersion> versions) {
		Map<String, Map<String, Scored>> scored = new HashMap<>();
		versions.forEach((version) -> scored.put(version.key(), new TreeMap<>()));
		MonthFileReader reader = new MonthFileReader(dataset);
		try (BoundModels scorers = BoundModels.bind(versions, dataset)) {
			for (Map.Entry<YearMonth, Path> month : MonthFiles.list(data).entrySet()) {
				List<double[]> rows = new ArrayList<>();
				BlockScorer blocks = scorers.blocks((row, scores) -> {
					double[] copy = Arrays.copyOf(scores, scores.length + 1);
					copy[scores.length] = row.label();
					rows.add(copy);
				});
				reader.read(month.getValue(), month.getKey(), (row) -> {
					if (row.labelled()) {
						blocks.add(row);
					}
				}, (rejection) -> {
				});
				blocks.flush();
				for (int v = 0; v < versions.size(); v++) {
					int index = v;
					double[] s = rows.stream().mapToDouble((r) -> r[index]).toArray();
					double[] y = rows.stream().mapToDouble((r) -> r[versions.size()]).toArray();
					scored.get(versions.get(v).key()).put(month.getKey().toString(), new Scored(s, y));
				}
			}
		}
		return scored;
	}

	private void compare(long runId, ModelZoo.ZooOnnx model, ModelVersion version, Task task,
			Map<String, Scored> months) throws IOException {
		double delta = model.readme().get("onnx").get("max_abs_diff_vs_native_all_labelled_rows").asDouble();
		Map<String, Double> stored = new HashMap<>();
		this.jdbc.sql("""
				SELECT v.period, v.metric, v.val FROM metric_value v JOIN model_version m ON m.id = v.model_version_id
				WHERE v.run_id = ? AND m.name = ? AND m.version = ?""")
			.params(runId, version.name(), version.version())
			.query((rs) -> {
				double value = rs.getDouble(3);
				stored.put(rs.getString(1).strip() + "|" + rs.getString(2), rs.wasNull() ? null : value);
			});
		int compared = 0;
		int equal = 0;
		double worst = 0;
		double widest = 0;
		List<CSVRecord> records = csv(model.folder().resolve("monthly-metrics.csv"));
		List<String> metrics = records.get(0)
			.getParser()
			.getHeaderNames()
			.subList(2, records.get(0).getParser().getHeaderNames().size());
		for (CSVRecord record : records) {
			String month = record.get("month");
			Scored rows = months.get(month);
			assertThat(rows).as("%s: month %s scored", model.name(), month).isNotNull();
			for (String metric : metrics) {
				String text = record.get(metric);
				Double actual = stored.get(month + "|" + metric);
				String key = model.name() + " " + month + " " + metric;
				if (text.isEmpty()) {
					assertThat(actual).as("%s should be absent", key).isNull();
					continue;
				}
				double expected = Double.parseDouble(text);
				assertThat(actual).as("%s missing", key).isNotNull();
				double bound = (task == Task.BINARY) ? rows.binaryBound(metric, delta, expected)
						: rows.regressionBound(metric, delta);
				double diff = Math.abs(actual - expected);
				assertThat(diff).as("%s: got %s, library %s, implied bound %s", key, actual, expected, bound)
					.isLessThanOrEqualTo(bound + 1e-9 * Math.max(1.0, Math.abs(expected)));
				compared++;
				equal += (diff <= 1e-9 * Math.max(1.0, Math.abs(expected))) ? 1 : 0;
				worst = Math.max(worst, diff);
				widest = Math.max(widest, bound);
			}
		}
		assertThat(compared).isGreaterThan(records.size() * (metrics.size() - 3));
		table.add(String.format(Locale.ROOT, "| %s | %s | %d | %d | %d | %.3g | %.3g |", model.zooCase(), model.model(),
				records.size(), compared, equal, worst, widest));
	}

	/** One model's scores {@code s} and labels {@code y} of one month's labelled rows. */
	record Scored(double[] s, double[] y) {

		double regressionBound(String metric, double delta) {
			int n = this.s.length;
			double mae = 0;
			double meanY = Arrays.stream(this.y).average().orElse(0);
			double variance = 0;
			double inverse = 0;
			for (int i = 0; i < n; i++) {
				mae += Math.abs(this.s[i] - this.y[i]) / n;
				variance += (this.y[i] - meanY) * (this.y[i] - meanY) / n;
				inverse += 1 / Math.max(Math.abs(this.y[i]), Math.ulp(1.0)) / n;
			}
			return switch (metric) {
				case "n", "mean_label" -> 0;
				case "mean_prediction", "mae", "rmse", "bias" -> delta;
				case "r2" -> delta * (2 * mae + delta) / variance;
				case "mape" -> delta * inverse;
				default -> throw new IllegalArgumentException("unknown regression metric " + metric);
			};
		}

		double binaryBound(String metric, double delta, double expected) {
			return switch (metric) {
				case "n", "positives" -> 0;
				case "mean_score" -> delta;
				case "brier" -> Arrays.stream(indices())
					.mapToDouble((i) -> delta * (2 * Math.abs(this.s[i] - this.y[i]) + delta))
					.average()
					.orElse(0);
				case "log_loss" -> Arrays.stream(indices()).mapToDouble((i) -> {
					double p = (this.y[i] == 1) ? this.s[i] : 1 - this.s[i];
					return delta / Math.max(1e-15, p - delta);
				}).average().orElse(0);
				case "accuracy", "precision", "recall", "f1" -> thresholdBound(metric, delta, expected);
				case "roc_auc" -> aucBound(delta);
				case "average_precision" -> averagePrecisionBound(delta);
				default -> throw new IllegalArgumentException("unknown binary metric " + metric);
			};
		}

		private int[] indices() {
			return java.util.stream.IntStream.range(0, this.s.length).toArray();
		}

		/**
		 * How far a threshold metric can be from {@code expected}: 0 when the value at
		 * Ratchet's scores is within reach of every flip of the rows within δ of 0.5,
		 * else the distance to the range those flips reach.
		 */
		private double thresholdBound(String metric, double delta, double expected) {
			int tp = 0;
			int fp = 0;
			int nearPositives = 0;
			int nearNegatives = 0;
			int positives = 0;
			for (int i = 0; i < this.s.length; i++) {
				boolean positive = this.y[i] == 1;
				positives += positive ? 1 : 0;
				if (Math.abs(this.s[i] - 0.5) <= delta) {
					nearPositives += positive ? 1 : 0;
					nearNegatives += positive ? 0 : 1;
				}
				else if (this.s[i] >= 0.5) {
					tp += positive ? 1 : 0;
					fp += positive ? 0 : 1;
				}
			}
			double low = Double.POSITIVE_INFINITY;
			double high = Double.NEGATIVE_INFINITY;
			for (int x = 0; x <= nearPositives; x++) {
				for (int z = 0; z <= nearNegatives; z++) {
					double value = threshold(metric, tp + x, fp + z, positives, this.s.length);
					low = Math.min(low, value);
					high = Math.max(high, value);
				}
			}
			return (expected < low) ? low - expected : (expected > high) ? expected - high : 0;
		}

		private static double threshold(String metric, int tp, int fp, int positives, int n) {
			int fn = positives - tp;
			int tn = n - positives - fp;
			return switch (metric) {
				case "accuracy" -> (double) (tp + tn) / n;
				case "precision" -> (tp + fp == 0) ? 0 : (double) tp / (tp + fp);
				case "recall" -> (positives == 0) ? 0 : (double) tp / positives;
				default -> (2 * tp + fp + fn == 0) ? 0 : 2.0 * tp / (2 * tp + fp + fn);
			};
		}

		/**
		 * The share of positive-negative pairs whose scores are within 2δ: only those can
		 * change order.
		 */
		private double aucBound(double delta) {
			double[] negatives = scores(false);
			double[] positives = scores(true);
			long near = 0;
			for (double p : positives) {
				near += count(negatives, p - 2 * delta, p + 2 * delta);
			}
			return (double) near / ((double) positives.length * negatives.length);
		}

		/**
		 * Average precision is the mean over positives of the precision at their score; a
		 * positive's precision can change only through the rows within 2δ of it, which
		 * may fall on either side: its range is [(1 + p) / (1 + a + nearNegatives), (1 +
		 * p + nearPositives) / (1 + a + nearPositives)], p and a the positives and rows
		 * more than 2δ above it.
		 */
		private double averagePrecisionBound(double delta) {
			double[] all = this.s.clone();
			Arrays.sort(all);
			double[] positives = scores(true);
			double sum = 0;
			for (double p : positives) {
				int nearAll = count(all, p - 2 * delta, p + 2 * delta) - 1;
				int nearPositives = count(positives, p - 2 * delta, p + 2 * delta) - 1;
				int nearNegatives = nearAll - nearPositives;
				if (nearAll == 0) {
					continue;
				}
				int above = all.length - upper(all, p + 2 * delta);
				int positivesAbove = positives.length - upper(positives, p + 2 * delta);
				double low = (1.0 + positivesAbove) / (1 + above + nearNegatives);
				double high = (1.0 + positivesAbove + nearPositives) / (1 + above + nearPositives);
				sum += high - low;
			}
			return sum / positives.length;
		}

		private double[] scores(boolean positive) {
			double[] scores = Arrays.stream(indices())
				.filter((i) -> (this.y[i] == 1) == positive)
				.mapToDouble((i) -> this.s[i])
				.toArray();
			Arrays.sort(scores);
			return scores;
		}

		/** How many of the sorted values lie in [low, high]. */
		private static int count(double[] sorted, double low, double high) {
			return upper(sorted, high) - lower(sorted, low);
		}

		/** The first index whose value is at least {@code value}. */
		private static int lower(double[] sorted, double value) {
			int lo = 0;
			int hi = sorted.length;
			while (lo < hi) {
				int mid = (lo + hi) >>> 1;
				if (sorted[mid] < value) {
					lo = mid + 1;
				}
				else {
					hi = mid;
				}
			}
			return lo;
		}

		/** The first index whose value is above {@code value}. */
		private static int upper(double[] sorted, double value) {
			int lo = 0;
			int hi = sorted.length;
			while (lo < hi) {
				int mid = (lo + hi) >>> 1;
				if (sorted[mid] <= value) {
					lo = mid + 1;
				}
				else {
					hi = mid;
				}
			}
			return lo;
		}

	}

	/** The job-scope context {@code @SpringBatchTest} opens around each test method. */
	public JobExecution getJobExecution() {
		return MetaDataInstanceFactory.createJobExecution();
	}

	private static List<CSVRecord> csv(Path file) throws IOException {
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
		}
	}

}
