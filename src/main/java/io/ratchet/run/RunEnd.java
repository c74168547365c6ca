package io.ratchet.run;

import java.util.List;
import java.util.stream.Collectors;

import io.ratchet.system.Failures;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The end of a run, whatever its job: a run that did not complete is marked failed with its causes (so it is listed
 * and can be restarted), then {@link RunFinished} is published for alerts and other follow-ups.
 */
@Component
public class RunEnd {

	private final ResultsStore results;

	private final ApplicationEventPublisher events;

	public RunEnd(ResultsStore results, ApplicationEventPublisher events) {
		this.results = results;
		this.events = events;
	}

	/**
	 * Records how a run ended.
	 * @param status the job's final status, e.g. {@code COMPLETED}, {@code FAILED}, {@code STOPPED}
	 * @param failures the exceptions that ended it, if any
	 */
	public void ended(long runId, String jobName, String status, List<Throwable> failures) {
		boolean completed = "COMPLETED".equals(status);
		if ("FAILED".equals(status) || "STOPPED".equals(status)) {
			String causes = failures.stream().map(Failures::describe).distinct().collect(Collectors.joining("; "));
			this.results.failRun(runId, causes.isEmpty() ? status : causes);
		}
		this.results.run(runId)
			.map(RunRecord::dataset)
			.ifPresent((dataset) -> this.events.publishEvent(new RunFinished(runId, jobName, dataset, completed)));
	}

}
