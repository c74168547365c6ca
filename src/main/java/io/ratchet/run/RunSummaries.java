package io.ratchet.run;

import java.lang.ref.SoftReference;

import org.springframework.stereotype.Component;

/**
 * Loads run summaries, handing out again the last one loaded while its run's record is
 * unchanged: the back-test's report and the command's printout read the same finished run
 * one after the other, and a long history is some 160,000 figures to read twice (840
 * months of 4 models).
 *
 * <p>
 * A run's figures change only while it runs: a restart reopens the run (its status and
 * finish time change) and closes it again with a new finish time, so a run record equal
 * to the remembered one means the same figures. Only a finished run's summary is
 * remembered, one at a time, and softly: the collector may drop it, which costs a read.
 */
@Component
public class RunSummaries {

	private final ResultsStore results;

	private volatile SoftReference<RunSummary> last = new SoftReference<>(null);

	public RunSummaries(ResultsStore results) {
		this.results = results;
	}

	/**
	 * The run's summary: the last one loaded when its record is still the stored one,
	 * else read from the store.
	 * @param runId the run
	 * @return everything stored about the run
	 */
	public RunSummary load(long runId) {
		RunSummary remembered = this.last.get();
		if (remembered != null && remembered.run().id() == runId
				&& this.results.run(runId).filter(remembered.run()::equals).isPresent()) {
			return remembered;
		}
		RunSummary summary = RunSummary.load(this.results, runId);
		if (summary.run().finishedAt() != null) {
			this.last = new SoftReference<>(summary);
		}
		return summary;
	}

}
