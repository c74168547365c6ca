package io.ratchet.monitor;

import java.util.List;
import java.util.Optional;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.ratchet.requirement.Bound;
import io.ratchet.requirement.DatasetRequirements;
import io.ratchet.run.FigureReads.ChampionFigures;
import io.ratchet.run.JobKind;
import io.ratchet.workspace.Workspace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The requirements on {@code /actuator/prometheus}, read from the database and the
 * workspace at each scrape: per dataset (of the registry) and the champion of its latest
 * completed run, for each metric bounded in the bounds that run was judged by (a
 * now-test's window: the monthly bounds; a back-test's whole period: the whole-period
 * bounds),
 * <ul>
 * <li>{@code ratchet_requirement_value{dataset,model,metric}}: the champion's latest
 * whole-period figure (NaN when undefined for the period);</li>
 * <li>{@code ratchet_requirement_bound{dataset,model,metric,bound="min|max"}}: the
 * bound;</li>
 * <li>{@code ratchet_requirement_met{dataset,model,metric}}: 1 when the figure meets its
 * bound, 0 when it crosses it (absent when the figure is undefined).</li>
 * </ul>
 * A Prometheus collector rather than Micrometer gauges: the label sets (datasets,
 * champions, bounded metrics) change as the registry and the requirements do, and a
 * collector answers with what is true at the scrape. A dataset whose requirements cannot
 * be read is left out (and logged), not the whole scrape.
 */
class RequirementGauges implements MultiCollector {

	static final String VALUE = "ratchet_requirement_value";

	static final String BOUND = "ratchet_requirement_bound";

	static final String MET = "ratchet_requirement_met";

	private static final Logger log = LoggerFactory.getLogger(RequirementGauges.class);

	private final MonitorReads reads;

	private final Workspace workspace;

	RequirementGauges(MonitorReads reads, Workspace workspace) {
		this.reads = reads;
		this.workspace = workspace;
	}

	@Override
	public MetricSnapshots collect() {
		GaugeSnapshot.Builder values = GaugeSnapshot.builder()
			.name(VALUE)
			.help("the champion's latest whole-period figure of each required metric");
		GaugeSnapshot.Builder bounds = GaugeSnapshot.builder()
			.name(BOUND)
			.help("the bound on each required metric of the champion, as its latest run was judged");
		GaugeSnapshot.Builder met = GaugeSnapshot.builder()
			.name(MET)
			.help("1 when the champion's latest figure meets its bound, 0 when it crosses it");
		for (String dataset : this.workspace.registry().datasets()) {
			Optional<ChampionFigures> latest = this.reads.latestChampionFigures(dataset);
			List<Bound> required = latest.isPresent() ? bounds(dataset, latest.get()) : List.of();
			for (Bound bound : required) {
				Labels labels = Labels.of("dataset", dataset, "model", latest.get().modelName(), "metric",
						bound.metric().key());
				Double value = latest.get().values().get(bound.metric());
				values.dataPoint(point(labels, (value != null) ? value : Double.NaN));
				if (bound.min() != null) {
					bounds.dataPoint(point(labels.add("bound", "min"), bound.min()));
				}
				if (bound.max() != null) {
					bounds.dataPoint(point(labels.add("bound", "max"), bound.max()));
				}
				if (value != null) {
					met.dataPoint(point(labels, bound.breachedBy(value) ? 0 : 1));
				}
			}
		}
		return new MetricSnapshots(values.build(), bounds.build(), met.build());
	}

	@Override
	public List<String> getPrometheusNames() {
		return List.of(VALUE, BOUND, MET);
	}

	/**
	 * The bounds the run was judged by: a now-test's window by the monthly bounds (as a
	 * month is), a back-test's whole period by the whole-period bounds.
	 */
	private List<Bound> bounds(String dataset, ChampionFigures latest) {
		try {
			DatasetRequirements requirements = this.workspace.requirementsFor(dataset);
			return JobKind.NOWTEST.is(latest.jobName()) ? requirements.monthlyFor(latest.modelName())
					: requirements.periodFor(latest.modelName());
		}
		catch (RuntimeException ex) {
			log.warn("Prometheus: the requirements of {} are left out: {}", dataset, ex.getMessage());
			return List.of();
		}
	}

	private static GaugeDataPointSnapshot point(Labels labels, double value) {
		return GaugeDataPointSnapshot.builder().labels(labels).value(value).build();
	}

}
