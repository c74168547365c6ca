package io.ratchet.demo;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.DatasetConfigs;
import io.ratchet.data.Feature;
import io.ratchet.data.FeatureType;
import io.ratchet.data.Row;
import io.ratchet.data.Task;
import io.ratchet.metrics.Accumulators;
import io.ratchet.metrics.ExpectedPerformance;
import io.ratchet.metrics.Metric;
import io.ratchet.metrics.MetricAccumulator;
import io.ratchet.metrics.MetricValues;
import io.ratchet.model.LinearModel;
import io.ratchet.model.ModelCases;
import io.ratchet.model.ModelDefinition;
import io.ratchet.model.ModelFiles;
import io.ratchet.model.ModelVersion;
import io.ratchet.model.Scorer;
import io.ratchet.model.TreeEnsemble;
import io.ratchet.model.importers.ModelFormat;
import io.ratchet.model.importers.ModelImport;
import io.ratchet.training.Algorithm;
import io.ratchet.training.LogisticTrainer;
import io.ratchet.training.TrainingSpec;

/**
 * Writes Ratchet's demo: a subscription-churn dataset over {@value #MONTHS} calendar
 * months whose last {@value ChurnWorld#DRIFT_MONTHS} months have drifted, a champion
 * trained on the first year that meets its requirements before the drift and breaches
 * them after, and two candidates.
 * <p>
 * Files written under the project root (each replaced when present):
 * <ul>
 * <li>{@code config/datasets/churn.yml}</li>
 * <li>{@code historical-data/churn/YYYY-MM.csv}, one per month; other {@code YYYY-MM.csv}
 * files of that folder (a previous demo over other months) are deleted so that the
 * dataset is exactly the generated one</li>
 * <li>{@code config/models/churn-logit-v1.json} (champion: logistic regression on months
 * 1–12), {@code churn-logit-v2.json} (candidate: logistic regression on months 9–20) and
 * {@code churn-gbt-v1.json} (candidate: gradient-boosted trees on months 1–12)</li>
 * <li>{@code config/imports/churn-xgb.json}: gradient-boosted trees on months 9–20 in
 * XGBoost's JSON format, and {@code config/models/churn-xgb-v1.json} (candidate) imported
 * from it as {@code jobs/import-model} does</li>
 * <li>{@code config/models/<file>.cases.csv} beside each model: its regression cases,
 * outputs recorded now</li>
 * <li>{@code config/search/churn.yml}: the search space of {@code jobs/challenge}</li>
 * <li>the {@code churn:} entries of {@code config/registry.yml} and
 * {@code config/requirements.yml}; other entries of those files are kept as they are</li>
 * </ul>
 * The logistic models are fitted by the training package's {@link LogisticTrainer} (the
 * trainer of {@code jobs/challenge}), the boosted trees here ({@link BoostingFit}); they
 * are the model package's {@link LinearModel} and {@link TreeEnsemble}, written with
 * {@link ModelFiles#toJson}; each written file is read back with {@link ModelFiles#load}
 * and bound to the written dataset, so a file Ratchet could not use is never left behind
 * silently, and the requirements are chosen by scoring with exactly what Ratchet will
 * score.
 * <p>
 * The same seed and last month give byte-identical files: the data and the boosted trees
 * use only {@link StrictMath}, so they are the same on any JVM; the logistic fit uses the
 * trainer's {@link Math}, whose {@code exp} and {@code log1p} may differ by an ulp
 * between JVMs, which could move the last digits of the logistic models' weights (never
 * their figures). The requirement bounds come from Ratchet's own scorers and metrics,
 * rounded to two or three decimals, so they are equally stable unless a figure lies
 * within rounding noise of a rounding boundary.
 */
public final class DemoGenerator {

	/** The seed used when none is given. */
	public static final long DEFAULT_SEED = 42;

	/** Months of history generated. */
	public static final int MONTHS = 24;

	/** The dataset's name. */
	static final String DATASET = "churn";

	/** The dataset's configuration file, under the project root. */
	private static final String DATASET_FILE = "config/datasets/" + DATASET + ".yml";

	/**
	 * The XGBoost model file the demo's imported candidate comes from, under the project
	 * root.
	 */
	static final String XGBOOST_FILE = "config/imports/churn-xgb.json";

	/** The dataset's search space for the challenge job, under the project root. */
	private static final String SEARCH_FILE = "config/search/" + DATASET + ".yml";

	/**
	 * Candidates for {@code jobs/challenge}: logistic regressions on the months just
	 * before the evaluation months, so that the short windows see the drift the champion
	 * never saw.
	 */
	static final String SEARCH_SPACE = """
			# Candidate search of the churn demo (jobs/challenge); see src/main/java/io/ratchet/training/README.md
			algorithm: logistic                 # C below: weight of the data against the L2 penalty
			penalty: [0.1, 1, 10]
			features:
			  all: all
			  no-region: [tenure_months, monthly_charges, support_tickets, usage_hours, days_since_login, plan, payment_method]
			window-months: [2, 4, 8]            # training windows end just before the evaluation months; in the demo only the
			                                    # shortest (the drifted months alone) meets the old requirements
			evaluation-months: 2                # the last 2 months: never trained on, back-tested beside the champion
			search: grid
			""";

	/** The penalty parameter of both logistic models. */
	static final double C = 1.0;

	/**
	 * What a decision is worth, per customer (the dataset's {@code value:}): a customer
	 * called who would have left is kept, worth 40 once the offer is paid; an offer to
	 * one who would have stayed costs 10; a customer not called costs nothing more than
	 * today. Calling pays above a churn probability of 0.2.
	 */
	static final String VALUE_MATRIX = "{tp: 40, fp: -10, fn: 0, tn: 0}";

	/**
	 * The logistic models' decision threshold: a little above the break-even 0.2 of
	 * {@link #VALUE_MATRIX}, since the retention team calls at most so many customers.
	 */
	static final double LOGISTIC_THRESHOLD = 0.3;

	/** The boosted trees' decision threshold (their scores are less spread). */
	static final double TREES_THRESHOLD = 0.35;

	private static final Pattern MONTH_FILE = Pattern.compile("\\d{4}-\\d{2}\\.csv");

	private DemoGenerator() {
	}

	/**
	 * What was generated.
	 *
	 * @param first the first month of history
	 * @param last the last month of history
	 * @param rows the number of data rows over all months (labelled or not)
	 * @param written every file written, under the project root, in the order written
	 */
	public record Result(YearMonth first, YearMonth last, long rows, List<Path> written) {

		public Result {
			written = List.copyOf(written);
		}

	}

	/**
	 * The default last month for a given day: the month before it (the last complete
	 * month).
	 */
	public static YearMonth defaultLastMonth(LocalDate today) {
		return YearMonth.from(today).minusMonths(1);
	}

	/**
	 * Generates the demo under {@code projectRoot}.
	 * @param projectRoot the project's root folder (created when absent)
	 * @param lastMonth the last month of history; the first is {@value #MONTHS} − 1
	 * months earlier
	 * @param seed the seed of every random draw
	 * @return what was written
	 * @throws DemoException when a file cannot be written, naming it
	 */
	public static Result generate(Path projectRoot, YearMonth lastMonth, long seed) {
		Objects.requireNonNull(projectRoot, "projectRoot");
		Objects.requireNonNull(lastMonth, "lastMonth");
		return new Generation(projectRoot, lastMonth, seed).run();
	}

	/** One generation: the history in memory, then the files. */
	private static final class Generation {

		private final Path root;

		private final List<YearMonth> months = new ArrayList<>();

		private final List<List<ChurnWorld.Customer>> history = new ArrayList<>();

		private final List<Path> written = new ArrayList<>();

		Generation(Path root, YearMonth lastMonth, long seed) {
			this.root = root;
			ChurnWorld world = new ChurnWorld(seed);
			int nextId = 100001;
			for (int i = 0; i < MONTHS; i++) {
				YearMonth month = lastMonth.minusMonths(MONTHS - 1 - i);
				List<ChurnWorld.Customer> customers = world.month(month, i, MONTHS, nextId);
				nextId += customers.size();
				this.months.add(month);
				this.history.add(customers);
			}
		}

		Result run() {
			write(DATASET_FILE, datasetYaml());
			DatasetConfig dataset = DatasetConfigs.load(this.root.resolve(DATASET_FILE));
			deleteOtherMonths();
			long rows = 0;
			for (int i = 0; i < MONTHS; i++) {
				write("historical-data/churn/" + this.months.get(i) + ".csv", csv(this.history.get(i)));
				rows += this.history.get(i).size();
			}
			Scorer championScorer = writeModel("churn-logit", "1", logistic(dataset, 0, 12), dataset,
					LOGISTIC_THRESHOLD);
			writeModel("churn-logit", "2", logistic(dataset, 8, 20), dataset, LOGISTIC_THRESHOLD);
			BoostingFit boosting = new BoostingFit(ChurnWorld.FEATURES, 30, 3, 0.1, 1.0, 10.0);
			TreeEnsemble gbt = boosting.fit(rows(0, 12), training(0, 12, boosting.describe()));
			writeModel("churn-gbt", "1", gbt, dataset, TREES_THRESHOLD);
			importXgboost(dataset);
			write(SEARCH_FILE, SEARCH_SPACE);
			merge("config/registry.yml", "churn:\n  champion: churn-logit@1\n"
					+ "  candidates: [churn-logit@2, churn-gbt@1, churn-xgb@1]\n");
			merge("config/requirements.yml", requirements(championScorer));
			return new Result(this.months.get(0), this.months.get(MONTHS - 1), rows, this.written);
		}

		/**
		 * A logistic regression with penalty {@link #C} on every feature of months
		 * {@code from} to {@code to} (exclusive), fitted by the training package's
		 * {@link LogisticTrainer} with Newton's method (the exact minimum, as
		 * {@code jobs/challenge} trains with scikit-learn's stopping rules instead). The
		 * model keeps the demo's {@code training} object: window, rows, algorithm,
		 * penalty, {@code C} and objective.
		 */
		private LinearModel logistic(DatasetConfig dataset, int from, int to) {
			List<String> features = ChurnWorld.FEATURES.stream().map(Feature::name).toList();
			TrainingSpec spec = new TrainingSpec(Algorithm.LOGISTIC, C, "all", features, to - from);
			LinearModel fitted = new LogisticTrainer(LogisticTrainer.Solver.NEWTON).train(dataset, spec,
					rows(from, to));
			Map<String, Object> algorithm = new LinkedHashMap<>();
			algorithm.put("algorithm", Algorithm.LOGISTIC.trainingName());
			algorithm.put("penalty", "l2");
			algorithm.put(Algorithm.LOGISTIC.penaltyName(), C);
			algorithm.put("objective", Algorithm.LOGISTIC.objective());
			return new LinearModel(fitted.link(), fitted.intercept(), fitted.terms(), training(from, to, algorithm));
		}

		/**
		 * The imported candidate: gradient-boosted trees fitted on months 9 to 20 (as
		 * {@code churn-logit@2}), written as the XGBoost JSON model
		 * {@value #XGBOOST_FILE} (what {@code save_model("m.json")} writes) and imported
		 * from it with {@link ModelImport}, as {@code jobs/import-model} does: a float32
		 * model scored as XGBoost would.
		 */
		private void importXgboost(DatasetConfig dataset) {
			BoostingFit boosting = new BoostingFit(ChurnWorld.FEATURES, 40, 3, 0.15, 1.0, 10.0);
			TreeEnsemble fitted = boosting.fit(rows(8, 20), training(8, 20, boosting.describe()));
			Map<String, List<String>> levels = new LinkedHashMap<>();
			for (int f = 0; f < ChurnWorld.FEATURES.size(); f++) {
				if (ChurnWorld.FEATURES.get(f).type() == FeatureType.CATEGORICAL) {
					int index = f;
					levels.put(ChurnWorld.FEATURES.get(f).name(), List.copyOf(new TreeSet<>(
							rows(8, 20).stream().map((row) -> row.levels()[index]).filter(Objects::nonNull).toList())));
				}
			}
			write(XGBOOST_FILE, XgboostFile.write(fitted, ChurnWorld.FEATURES, levels));
			ModelImport.Result imported = ModelImport.convert(this.root.resolve(XGBOOST_FILE), ModelFormat.XGBOOST,
					dataset, "churn-xgb", "1");
			writeModelText("churn-xgb", "1",
					ModelFiles.withThreshold(imported.json(), TREES_THRESHOLD, this.root.resolve(XGBOOST_FILE)),
					dataset);
		}

		/**
		 * Writes {@code config/models/<name>-v<version>.json} and reads it back as
		 * Ratchet does.
		 * @return the model as loaded from the file and bound to the dataset
		 */
		private Scorer writeModel(String name, String version, ModelDefinition definition, DatasetConfig dataset,
				double threshold) {
			return writeModelText(name, version,
					ModelFiles.toJson(name, version, DATASET, Task.BINARY, definition, threshold), dataset);
		}

		/** {@link #writeModel} for the text of a model file. */
		private Scorer writeModelText(String name, String version, String json, DatasetConfig dataset) {
			String relative = "config/models/" + name + "-v" + version + ".json";
			write(relative, json);
			ModelVersion written = ModelFiles.load(this.root.resolve(relative));
			Scorer scorer = written.bind(dataset);
			this.written.add(ModelCases.write(written, dataset, true));
			return scorer;
		}

		/**
		 * The {@code training} object of a model fitted on months {@code from} to
		 * {@code to} (exclusive).
		 */
		private Map<String, Object> training(int from, int to, Map<String, Object> algorithm) {
			Map<String, Object> training = new LinkedHashMap<>();
			training.put("window", List.of(this.months.get(from).toString(), this.months.get(to - 1).toString()));
			training.put("rows", labelled(from, to));
			training.putAll(algorithm);
			return training;
		}

		/**
		 * Drift bounds for the now-test (window against the champion's training window):
		 * the pre-drift windows measure PSI below 0.01 and KS below 0.04 on every
		 * feature; the drifted ones reach PSI 0.8 and KS 0.18-0.20 on
		 * {@code monthly_charges}.
		 */
		private static final String DRIFT_BOUNDS = """
				  drift:                        # now-test: window against the champion's training window (ratchet.nowtest.drift)
				    psi: {max: 0.2}             # every feature; the demo's drifted months reach 0.8 on monthly_charges, earlier ones < 0.01
				    ks: {max: 0.1}              # numeric features; drifted 0.18-0.20, earlier < 0.04
				    missing_rate_change: {max: 0.05}
				    score_psi: {max: 0.1}       # each model's score
				""";

		/**
		 * Bounds the champion meets in every month before the drift, a little below its
		 * worst such month, rounded outwards; the period bounds are a little below its
		 * figures over those months pooled. The false-positive rate is taken at the
		 * champion's own threshold, and every drifted month must breach its maximum (the
		 * price rise raises the champion's scores of customers who stay). The figures are
		 * Ratchet's own ({@link Accumulators}), so the bounds are checked against the
		 * very numbers a back-test gives.
		 */
		private String requirements(Scorer champion) {
			int early = MONTHS - ChurnWorld.DRIFT_MONTHS;
			double worstAuc = Double.POSITIVE_INFINITY;
			double worstLogLoss = 0;
			double worstBrier = 0;
			double worstFalsePositives = 0;
			List<Double> drifted = new ArrayList<>();
			MetricAccumulator period = Accumulators.create(Task.BINARY, LOGISTIC_THRESHOLD);
			for (int i = 0; i < MONTHS; i++) {
				MetricAccumulator month = Accumulators.create(Task.BINARY, LOGISTIC_THRESHOLD);
				for (Row row : rows(i, i + 1)) {
					month.add(champion.score(row), row.label());
				}
				MetricValues figures = month.result();
				if (i >= early) {
					drifted.add(value(figures, Metric.FALSE_POSITIVE_RATE));
					continue;
				}
				worstAuc = StrictMath.min(worstAuc, value(figures, Metric.ROC_AUC));
				worstLogLoss = StrictMath.max(worstLogLoss, value(figures, Metric.LOG_LOSS));
				worstBrier = StrictMath.max(worstBrier, value(figures, Metric.BRIER));
				worstFalsePositives = StrictMath.max(worstFalsePositives, value(figures, Metric.FALSE_POSITIVE_RATE));
				period.merge(month);
			}
			MetricValues pooled = period.result();
			String regionBound = regionBound(champion, worstAuc);
			String minAuc = bound(worstAuc - 0.005, 2, RoundingMode.FLOOR);
			requireEarlyWarning(champion, Double.parseDouble(minAuc));
			String falsePositives = bound(worstFalsePositives + 0.01, 2, RoundingMode.CEILING);
			if (drifted.stream().anyMatch((rate) -> rate <= Double.parseDouble(falsePositives))) {
				throw new DemoException("the drifted months' false-positive rates " + drifted
						+ " do not all breach the maximum " + falsePositives + " the earlier months meet");
			}
			return "churn:\n  min-rows: 200\n  monthly:\n" //
					+ "    roc_auc: {min: " + minAuc + "}\n" + "    log_loss: {max: "
					+ bound(worstLogLoss + 0.005, 2, RoundingMode.CEILING) + "}\n" + "    brier: {max: "
					+ bound(worstBrier + 0.002, 3, RoundingMode.CEILING) + "}\n" //
					+ "    false_positive_rate: {max: " + falsePositives
					+ "}   # share of the customers who stay that the champion calls, at its threshold\n" //
					+ "  period:\n" //
					+ "    roc_auc: {min: " + bound(value(pooled, Metric.ROC_AUC) - 0.01, 2, RoundingMode.FLOOR) + "}\n"
					+ "    log_loss: {max: " + bound(value(pooled, Metric.LOG_LOSS) + 0.01, 2, RoundingMode.CEILING)
					+ "}\n" //
					+ "  segments:\n" //
					+ "    region=" + ChurnWorld.FADING_REGION + ": {roc_auc: {min: " + regionBound
					+ "}}   # a competitor's offer there before the price rise\n" //
					+ DRIFT_BOUNDS;
		}

		/**
		 * The monthly ROC AUC minimum of {@link ChurnWorld#FADING_REGION}: a little below
		 * the champion's worst figure there before the region fades, rounded down. Every
		 * fading month before the drift must breach it while the overall figure of that
		 * month (at least {@code worstOverallAuc}) meets the overall minimum: the segment
		 * breach the overall figure hides.
		 */
		private String regionBound(Scorer champion, double worstOverallAuc) {
			int drift = MONTHS - ChurnWorld.DRIFT_MONTHS;
			int fading = drift - ChurnWorld.REGION_FADE_MONTHS;
			double worst = Double.POSITIVE_INFINITY;
			List<Double> faded = new ArrayList<>();
			for (int i = 0; i < drift; i++) {
				double auc = value(regionFigures(champion, i), Metric.ROC_AUC);
				if (i < fading) {
					worst = StrictMath.min(worst, auc);
				}
				else {
					faded.add(auc);
				}
			}
			String bound = bound(worst - 0.01, 2, RoundingMode.FLOOR);
			if (faded.stream().anyMatch((auc) -> auc >= Double.parseDouble(bound))) {
				throw new DemoException("the ROC AUC of region " + ChurnWorld.FADING_REGION + " in its fading months "
						+ faded + " does not all breach the minimum " + bound + " the earlier months meet");
			}
			return bound;
		}

		/**
		 * Checks the demo's early warning: the champion's ROC AUC estimated from its
		 * scores alone (CBPE, as the now-test estimates it) over the last month's rows
		 * awaiting labels breaches the monthly minimum, while the same estimate over the
		 * month's labelled rows meets it (the concept drift CBPE cannot see).
		 */
		private void requireEarlyWarning(Scorer champion, double minAuc) {
			ExpectedPerformance awaiting = new ExpectedPerformance(LOGISTIC_THRESHOLD);
			ExpectedPerformance labelled = new ExpectedPerformance(LOGISTIC_THRESHOLD);
			for (Row row : rows(MONTHS - 1, MONTHS)) {
				(row.labelled() ? labelled : awaiting).add(champion.score(row));
			}
			double estimated = awaiting.estimate().get(Metric.ROC_AUC);
			double before = labelled.estimate().get(Metric.ROC_AUC);
			if (estimated >= minAuc || before < minAuc) {
				throw new DemoException("the champion's estimated ROC AUC over the last month's rows awaiting labels ("
						+ estimated + ") must breach the minimum " + minAuc
						+ " that its estimate over the labelled rows (" + before + ") meets");
			}
		}

		/**
		 * The champion's figures over the fading region's rows of month {@code index}.
		 */
		private MetricValues regionFigures(Scorer champion, int index) {
			MetricAccumulator month = Accumulators.create(Task.BINARY, LOGISTIC_THRESHOLD);
			for (Row row : rows(index, index + 1)) {
				if (ChurnWorld.FADING_REGION.equals(row.levels()[ChurnWorld.REGION])) {
					month.add(champion.score(row), row.label());
				}
			}
			return month.result();
		}

		private static double value(MetricValues figures, Metric metric) {
			return figures.get(metric)
				.orElseThrow(() -> new IllegalStateException(metric.key() + " is undefined for a pre-drift month"));
		}

		private static String bound(double value, int decimals, RoundingMode rounding) {
			return BigDecimal.valueOf(value).setScale(decimals, rounding).toPlainString();
		}

		/**
		 * The rows of months {@code from} (inclusive) to {@code to} (exclusive), by
		 * index.
		 */
		private List<Row> rows(int from, int to) {
			return this.history.subList(from, to).stream().flatMap(List::stream).map(ChurnWorld.Customer::row).toList();
		}

		private long labelled(int from, int to) {
			return rows(from, to).stream().filter(Row::labelled).count();
		}

		private static String datasetYaml() {
			StringBuilder yaml = new StringBuilder("name: churn\n" //
					+ "date:\n  column: event_date\n  format: yyyy-MM-dd\n" //
					+ "label:\n  column: churned\n  task: binary\n  positive: \"yes\"\n  negative: \"no\"\n" //
					+ "missing: [\"\", \"NA\"]\n" //
					+ "value: " + VALUE_MATRIX + "   # per customer: a kept churner, an offer to a stayer\n" //
					+ "id: [customer_id]\n" //
					+ "estimate: cbpe   # now-test: performance of rows awaiting labels, estimated from the scores\n" //
					+ "segments: [region, plan]   # every month, each level's own figures (bounds: requirements.yml)\n" //
					+ "features:\n");
			for (Feature feature : ChurnWorld.FEATURES) {
				yaml.append("  - {name: ")
					.append(feature.name())
					.append(", type: ")
					.append(feature.type().key())
					.append("}\n");
			}
			return yaml.toString();
		}

		private static String csv(List<ChurnWorld.Customer> customers) {
			StringBuilder csv = new StringBuilder("customer_id,event_date");
			ChurnWorld.FEATURES.forEach((feature) -> csv.append(',').append(feature.name()));
			csv.append(",churned\n");
			for (ChurnWorld.Customer customer : customers) {
				Row row = customer.row();
				csv.append(customer.id()).append(',').append(row.date());
				for (int f = 0; f < ChurnWorld.FEATURES.size(); f++) {
					csv.append(',');
					if (ChurnWorld.FEATURES.get(f).type() == FeatureType.NUMERIC) {
						double value = row.numbers()[f];
						if (!Double.isNaN(value)) {
							csv.append(BigDecimal.valueOf(value)
								.setScale(ChurnWorld.DECIMALS[f], RoundingMode.HALF_UP)
								.toPlainString());
						}
					}
					else if (row.levels()[f] != null) {
						csv.append(row.levels()[f]);
					}
					else if (f == ChurnWorld.REGION) {
						// the region's source system writes NA; the others leave the cell
						// empty
						csv.append("NA");
					}
				}
				csv.append(',').append(row.labelled() ? ((row.label() == 1) ? "yes" : "no") : "").append('\n');
			}
			return csv.toString();
		}

		private void deleteOtherMonths() {
			Path folder = this.root.resolve("historical-data/churn");
			if (!Files.isDirectory(folder)) {
				return;
			}
			List<String> keep = this.months.stream().map((month) -> month + ".csv").toList();
			try (Stream<Path> files = Files.list(folder)) {
				for (Path file : files.toList()) {
					String name = file.getFileName().toString();
					if (MONTH_FILE.matcher(name).matches() && !keep.contains(name) && Files.isRegularFile(file)) {
						Files.delete(file);
					}
				}
			}
			catch (IOException ex) {
				throw new DemoException("historical-data/churn: cannot remove an old month file: " + ex, ex);
			}
		}

		private void merge(String relative, String block) {
			Path file = this.root.resolve(relative);
			try {
				String existing = Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
				write(relative, ConfigBlocks.replace(existing, DATASET, block));
			}
			catch (IOException ex) {
				throw new DemoException(relative + ": cannot read: " + ex, ex);
			}
		}

		private void write(String relative, String text) {
			Path file = this.root.resolve(relative);
			try {
				Files.createDirectories(file.getParent());
				Files.writeString(file, text, StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new DemoException(relative + ": cannot write: " + ex, ex);
			}
			this.written.add(file);
		}

	}

}
