package io.ratchet.backtest;

import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.ratchet.data.PinnedFile;
import io.ratchet.model.ModelVersion;

import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The SHA-256 of every month file and model file of a run, recorded by the prepare step
 * in the job execution context and handed to each partition in its own context (plain
 * strings, so that a message to a remote worker can carry them); a worker checks its
 * files against them before it reads, so a file that differs from the one the run was
 * planned with (edited since, or another copy on another machine) fails its partition,
 * naming the file and both hashes, instead of mixing two versions of the data into one
 * run's figures.
 *
 * <p>
 * A restarted partition may pin a month file again when nothing of the month was stored
 * (see {@code BacktestMonthTasklet}); model files are always checked against the first
 * execution's pins.
 */
final class FilePins {

	/**
	 * The month files' pins in the job execution context: {@code 2024-03 <pin>} lines.
	 */
	static final String MONTHS = "ratchet.monthSha256";

	/**
	 * The model files' pins in the job execution context: {@code name@version <pin>}
	 * lines.
	 */
	static final String MODELS = "ratchet.modelSha256";

	private FilePins() {
	}

	/** Records the pins of the months' files and the models' files. */
	static void store(ExecutionContext job, Map<YearMonth, PinnedFile> months, List<ModelVersion> models) {
		job.putString(MONTHS,
				months.entrySet()
					.stream()
					.map((entry) -> entry.getKey() + " " + entry.getValue().format())
					.collect(Collectors.joining("\n")));
		job.putString(MODELS,
				models.stream()
					.map((model) -> model.key() + " " + pin(model).format())
					.collect(Collectors.joining("\n")));
	}

	/**
	 * A model file's pin: the SHA-256 its version was read with, and the file's stamp
	 * when the file still holds those bytes, so that each partition checks it by its
	 * stamp rather than hashing it again; a file that changed since it was read gets no
	 * stamp, and the partitions hash it and fail naming it.
	 */
	private static PinnedFile pin(ModelVersion model) {
		PinnedFile now = PinnedFile.hash(model.file()).pin();
		return now.sha256().equals(model.sha256()) ? now : new PinnedFile(model.file(), model.sha256(), "");
	}

	/**
	 * The pin text of each month ({@link PinnedFile#format}); empty for a run without.
	 */
	static Map<YearMonth, String> months(String text) {
		Map<YearMonth, String> pins = new LinkedHashMap<>();
		for (String line : lines(text)) {
			int space = line.indexOf(' ');
			pins.put(YearMonth.parse(line.substring(0, space)), line.substring(space + 1));
		}
		return pins;
	}

	/**
	 * The pin text of each model key ({@link PinnedFile#format}; a run planned before
	 * model pins had stamps gives the SHA-256 alone); empty for a run without.
	 */
	static Map<String, String> models(String text) {
		Map<String, String> pins = new LinkedHashMap<>();
		for (String line : lines(text)) {
			int space = line.indexOf(' ');
			pins.put(line.substring(0, space), line.substring(space + 1));
		}
		return pins;
	}

	/**
	 * Checks a model's file against its pin.
	 * @throws PinnedFile.FileChangedException naming the file and both hashes when it
	 * differs
	 */
	static void checkModel(ModelVersion model, String expected) {
		PinnedFile.parse(model.file(), expected).check();
	}

	private static List<String> lines(String text) {
		return (text == null || text.isEmpty()) ? List.of() : List.of(text.split("\n"));
	}

}
