package io.ratchet.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.ratchet.data.DatasetConfig;
import io.ratchet.metrics.Metric;
import io.ratchet.metrics.MetricId;
import io.ratchet.report.Charts.Emphasis;
import io.ratchet.requirement.Bound;
import io.ratchet.requirement.DatasetRequirements;
import io.ratchet.run.JobKind;
import io.ratchet.run.Role;
import io.ratchet.run.RunRecord;
import io.ratchet.run.RunSummary;
import io.ratchet.run.RunSummary.ModelSummary;

/**
 * The back-test or now-test run a {@link StandardReport} describes, as its sections read
 * it: what the run stored, the dataset and its requirements, the months, which model is
 * the champion, which metrics are charted and how each model is drawn.
 */
final class ReportedRun {

	private final RunSummary summary;

	private final DatasetConfig dataset;

	private final DatasetRequirements requirements;

	private final List<String> months;

	ReportedRun(RunSummary summary, DatasetConfig dataset, DatasetRequirements requirements) {
		this.summary = summary;
		this.dataset = dataset;
		this.requirements = requirements;
		Set<String> all = new TreeSet<>();
		summary.models().forEach((model) -> all.addAll(model.monthly().keySet()));
		this.months = List.copyOf(all);
	}

	RunSummary summary() {
		return this.summary;
	}

	RunRecord run() {
		return this.summary.run();
	}

	List<ModelSummary> models() {
		return this.summary.models();
	}

	DatasetConfig dataset() {
		return this.dataset;
	}

	DatasetRequirements requirements() {
		return this.requirements;
	}

	/**
	 * Every month any model has figures for, in order (none for a now-test, whose figures
	 * are the window's).
	 */
	List<String> months() {
		return this.months;
	}

	boolean nowtest() {
		return run().is(JobKind.NOWTEST);
	}

	/** The champion, else the first model, else {@code null}. */
	ModelSummary champion() {
		return models().stream()
			.filter((m) -> m.model().is(Role.CHAMPION))
			.findFirst()
			.orElse(models().isEmpty() ? null : models().get(0));
	}

	/** A model's name in legends: its key, {@code (champion)} after the champion's. */
	static String label(ModelSummary model) {
		return model.model().key() + (model.model().is(Role.CHAMPION) ? " (champion)" : "");
	}

	/**
	 * A model's value of a metric in each of the given months ({@code null} where it has
	 * none).
	 */
	static List<Double> monthly(ModelSummary model, MetricId metric, List<String> months) {
		List<Double> values = new ArrayList<>();
		for (String month : months) {
			Map<MetricId, Double> figures = model.monthly().get(month);
			values.add((figures != null) ? figures.get(metric) : null);
		}
		return values;
	}

	/**
	 * The metrics charted: the champion's monthly requirements, else the task's headline
	 * metric without a bound.
	 */
	List<ChartedMetric> chartedMetrics() {
		ModelSummary champion = champion();
		String name = (champion != null) ? champion.model().name() : null;
		List<ChartedMetric> charted = new ArrayList<>();
		Set<MetricId> seen = new LinkedHashSet<>();
		for (Bound bound : (name != null) ? this.requirements.monthlyFor(name) : this.requirements.monthly()) {
			if (seen.add(bound.metric())) {
				charted.add(new ChartedMetric(bound.metric(), bound.min(), bound.max()));
			}
		}
		if (charted.isEmpty()) {
			charted.add(new ChartedMetric(Metric.headline(this.dataset.task()), null, null));
		}
		return charted;
	}

	/**
	 * The champion thick, the best {@value Charts#HIGHLIGHTED} others (by whole-period
	 * value) in colour, the rest grey.
	 */
	Map<Long, Emphasis> emphasis(MetricId metric) {
		Map<Long, Emphasis> emphasis = new HashMap<>();
		ModelSummary champion = champion();
		if (champion != null) {
			emphasis.put(champion.model().id(), Emphasis.CHAMPION);
		}
		List<ModelSummary> others = othersBestFirst(metric);
		for (int i = 0; i < others.size(); i++) {
			emphasis.put(others.get(i).model().id(), (i < Charts.HIGHLIGHTED) ? Emphasis.HIGHLIGHT : Emphasis.GREY);
		}
		return emphasis;
	}

	/**
	 * The models other than the champion, best whole-period value of the metric first.
	 */
	List<ModelSummary> othersBestFirst(MetricId metric) {
		ModelSummary champion = champion();
		List<ModelSummary> others = new ArrayList<>(models().stream().filter((model) -> model != champion).toList());
		others.sort(Comparator.comparingDouble((ModelSummary model) -> score(model, metric)).reversed());
		return others;
	}

	/**
	 * Higher is better: the whole-period value, negated for metrics where lower is
	 * better.
	 */
	private static double score(ModelSummary model, MetricId metric) {
		Double value = model.wholePeriod().get(metric);
		if (value == null) {
			return Double.NEGATIVE_INFINITY;
		}
		return (metric.direction() == Metric.Direction.LOWER_IS_BETTER) ? -value : value;
	}

}
