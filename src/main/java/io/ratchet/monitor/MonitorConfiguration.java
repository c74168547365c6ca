package io.ratchet.monitor;

import java.util.List;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.ratchet.run.FigureReads;
import io.ratchet.run.RunReads;
import io.ratchet.schedule.RatchetScheduler;
import io.ratchet.schedule.SchedulableJob;
import io.ratchet.workspace.Workspace;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The health indicator and meters of the scheduler's HTTP endpoint; only in a web
 * application, i.e. only in {@code jobs/scheduler} (the other commands neither read nor
 * create any of this).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class MonitorConfiguration {

	@Bean
	MonitorReads monitorReads(JdbcClient jdbc, RunReads runs, FigureReads figures) {
		return new MonitorReads(jdbc, runs, figures);
	}

	/**
	 * The requirement gauges, on {@code /actuator/prometheus} (the Prometheus registry is
	 * there whenever micrometer-registry-prometheus is).
	 */
	@Bean
	RequirementGauges requirementGauges(MonitorReads reads, Workspace workspace,
			ObjectProvider<PrometheusRegistry> prometheus) {
		RequirementGauges gauges = new RequirementGauges(reads, workspace);
		prometheus.ifAvailable((registry) -> registry.register(gauges));
		return gauges;
	}

	@Bean
	SchedulerHealth schedulerHealthIndicator(ObjectProvider<RatchetScheduler> scheduler, MonitorReads reads) {
		return new SchedulerHealth(scheduler, reads);
	}

	@Bean
	RunMeters runMeters(MonitorReads reads, List<SchedulableJob> jobs, ObjectProvider<RatchetScheduler> scheduler) {
		return new RunMeters(reads, jobs.stream().map(SchedulableJob::name).sorted().toList(), scheduler);
	}

}
