package io.ratchet.backtest;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import io.ratchet.data.PinnedFile;
import io.ratchet.data.RowRange;
import io.ratchet.model.ModelVersion;
import io.ratchet.run.RangeStateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.step.StepExecution;

/**
 * The month worker's checks of its files against the pins the prepare step recorded
 * ({@link FilePins}): a model file before it is bound, a month file before it is read.
 * Each check goes by the file's stamp when it is unchanged since it was pinned, else by
 * hashing it ({@link PinnedFile#check}); a file that differs fails the partition naming
 * it and both hashes.
 *
 * <p>
 * One exception, for a month file: a restarted partition may read a file changed since
 * the plan (repaired, say) when nothing of the month was stored from the old bytes; the
 * file is then pinned again, in the step's context, and a warning says so. A range of a
 * month whose other ranges were stored must find the planned bytes, so that one month's
 * figures never mix two versions of its file.
 */
final class PinChecks {

	private static final Logger log = LoggerFactory.getLogger(PinChecks.class);

	/** Which ranges of a split month are stored (the restart rule above). */
	private final RangeStateStore ranges;

	PinChecks(RangeStateStore ranges) {
		this.ranges = ranges;
	}

	/**
	 * Checks a model's file against its pin, when the run has one (a run planned before
	 * files were pinned has none).
	 * @param pin the pin text ({@link FilePins#models}), or {@code null}
	 * @throws PinnedFile.FileChangedException naming the file and both hashes when it
	 * differs
	 */
	void model(ModelVersion model, String pin) {
		if (pin != null) {
			FilePins.checkModel(model, pin);
		}
	}

	/**
	 * Checks the file of one month of a partition against its pin, when it has one.
	 * @param files the partition's months and pins; a month pinned again replaces its
	 * entry, and all of them are written back to the step's context
	 * ({@link MonthPartitioner#INPUT_SHA256})
	 * @param restarted whether the step execution restarts the partition
	 * @throws PinnedFile.FileChangedException naming the file and both hashes when it
	 * differs and may not be pinned again
	 */
	void month(StepExecution step, long runId, boolean restarted, RowRange range, Map<YearMonth, PinnedFile> files,
			YearMonth month) {
		PinnedFile pin = files.get(month);
		if (!MonthPartitioner.pinned(pin)) {
			return;
		}
		try {
			pin.check();
		}
		catch (PinnedFile.FileChangedException ex) {
			boolean nothingStored = range.all() || this.ranges.storedRanges(runId, month.toString()).isEmpty();
			if (!restarted || !nothingStored) {
				throw ex;
			}
			PinnedFile now = PinnedFile.hash(pin.file()).pin();
			log.warn("run {}: {} changed since the run was planned; nothing of {} was stored, so the restart reads "
					+ "it as it is now (SHA-256 {})", runId, pin.file(), month, now.sha256());
			files.put(month, now);
			List<String> pins = files.values().stream().map(PinnedFile::format).toList();
			step.getExecutionContext().putString(MonthPartitioner.INPUT_SHA256, String.join("\n", pins));
		}
	}

}
