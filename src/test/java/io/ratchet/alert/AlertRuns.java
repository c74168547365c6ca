package io.ratchet.alert;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.ratchet.data.Task;
import io.ratchet.metrics.Metric;
import io.ratchet.metrics.MetricValues;
import io.ratchet.model.LinearModel;
import io.ratchet.model.Link;
import io.ratchet.model.ModelVersion;
import io.ratchet.requirement.BoundKind;
import io.ratchet.requirement.Breach;
import io.ratchet.requirement.CheckResult;
import io.ratchet.requirement.Verdict;
import io.ratchet.run.ModelVersionStore;
import io.ratchet.run.ResultsStore;
import io.ratchet.run.RunStatus;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Writes finished runs into the results store the way the jobs do, so alert tests control
 * every figure: a now-test-like run with whole-window figures (period {@code ALL}) of a
 * champion and a candidate, its breaches (drift keys included) and a {@code metrics.csv}
 * beside its report path.
 */
final class AlertRuns {

	private static final AtomicLong ids = new AtomicLong(70_000);

	private final ResultsStore results;

	private final ModelVersionStore models;

	private final JdbcClient jdbc;

	private final Path reports;

	AlertRuns(ResultsStore results, ModelVersionStore models, JdbcClient jdbc, Path reports) {
		this.results = results;
		this.models = models;
		this.jdbc = jdbc;
		this.reports = reports;
	}

	/** A run being described. */
	final class Run {

		private final String dataset;

		private final LocalDate asOf;

		private double rocAuc = 0.80;

		private double logLoss = 0.41;

		private final List<Breach> breaches = new ArrayList<>();

		private final List<Object[]> drift = new ArrayList<>();

		private boolean insufficient;

		private String job = "nowtest";

		Run(String dataset, LocalDate asOf) {
			this.dataset = dataset;
			this.asOf = asOf;
		}

		/** The champion's ROC AUC, below the minimum of 0.75 when less. */
		Run rocAuc(double value) {
			this.rocAuc = value;
			if (value < 0.75) {
				this.breaches.add(new Breach(this.dataset + "-logit", ResultsStore.ALL, Metric.ROC_AUC, value,
						BoundKind.MIN, 0.75));
			}
			return this;
		}

		Run logLoss(double value) {
			this.logLoss = value;
			this.breaches.add(
					new Breach(this.dataset + "-logit", ResultsStore.ALL, Metric.LOG_LOSS, value, BoundKind.MAX, 0.55));
			return this;
		}

		Run drift(String key, double value, double bound) {
			this.drift.add(new Object[] { key, value, bound });
			return this;
		}

		Run insufficient() {
			this.insufficient = true;
			return this;
		}

		Run job(String name) {
			this.job = name;
			return this;
		}

		/** Stores the run as completed and returns its id. */
		long store() {
			long runId = ids.incrementAndGet();
			long champion = AlertRuns.this.models.register(model(this.dataset + "-logit", "1"));
			long candidate = AlertRuns.this.models.register(model(this.dataset + "-gbt", "1"));
			ResultsStore results = AlertRuns.this.results;
			results.openRun(runId, this.job, this.dataset, null, null, this.asOf.atStartOfDay(),
					"dataset=" + this.dataset + " asOf=" + this.asOf, 1);
			results.recordRunModel(runId, champion, "champion");
			results.recordRunModel(runId, candidate, "candidate");
			Verdict verdict = this.insufficient ? Verdict.INSUFFICIENT_DATA
					: (this.breaches.isEmpty() && this.drift.isEmpty()) ? Verdict.PASS : Verdict.BREACH;
			long rows = this.insufficient ? 40 : 1200;
			results.saveWholePeriod(runId,
					List.of(figures(champion, values(rows, this.rocAuc, this.logLoss), verdict, this.breaches),
							figures(candidate, values(rows, 0.83, 0.39), Verdict.PASS, List.of())));
			for (Object[] figure : this.drift) {
				AlertRuns.this.jdbc.sql("""
						INSERT INTO breach (run_id, model_version_id, period, metric, bound_kind, bound, val)
						VALUES (?, ?, ?, ?, 'MAX', ?, ?)""")
					.params(runId, champion, ResultsStore.ALL, figure[0], figure[2], figure[1])
					.update();
			}
			Path dir = AlertRuns.this.reports.resolve(this.job).resolve(Long.toString(runId));
			Path csv = dir.resolve("metrics.csv");
			write(csv, "run,dataset,model,period,roc_auc\n" + runId + "," + this.dataset + "," + this.dataset
					+ "-logit@1,ALL," + this.rocAuc + "\n");
			results.finishRun(runId, RunStatus.COMPLETED, verdict.name(), rows, 0, 0, csv.toString(), null);
			return runId;
		}

	}

	Run run(String dataset, LocalDate asOf) {
		return new Run(dataset, asOf);
	}

	/** A run that failed: no alerts are decided for it. */
	long failed(String dataset, LocalDate asOf) {
		long runId = ids.incrementAndGet();
		this.results.openRun(runId, "nowtest", dataset, null, null, asOf.atStartOfDay(), "dataset=" + dataset, 1);
		this.results.failRun(runId, "disk full");
		return runId;
	}

	private static io.ratchet.run.ModelFigures figures(long model, MetricValues values, Verdict verdict,
			List<Breach> breaches) {
		return new io.ratchet.run.ModelFigures(model, Task.BINARY, values,
				new CheckResult(verdict, breaches, List.of()), null);
	}

	private static MetricValues values(long rows, double rocAuc, double logLoss) {
		Map<Metric, Double> values = new EnumMap<>(Metric.class);
		values.put(Metric.N, (double) rows);
		values.put(Metric.ROC_AUC, rocAuc);
		values.put(Metric.LOG_LOSS, logLoss);
		return new MetricValues(values);
	}

	private static ModelVersion model(String name, String version) {
		LinearModel definition = new LinearModel(Link.LOGISTIC, 0.0, List.of(), Map.of());
		return new ModelVersion(name, version, "toy", Task.BINARY, LinearModel.KIND,
				"%064x".formatted(name.hashCode() & 0xffffffffL),
				Path.of("config/models/" + name + "-v" + version + ".json"), definition);
	}

	static void write(Path file, String content) {
		try {
			Files.createDirectories(file.getParent());
			Files.writeString(file, content);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
