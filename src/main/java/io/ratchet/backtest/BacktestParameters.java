package io.ratchet.backtest;

import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;

/**
 * The identifying parameters of a back-test: dataset, first and last month (absent: all),
 * models (absent: champion and candidates) and the as-of time of the request. Together
 * they name the run, so a failed run is found and restarted with the same values; no
 * incrementer is used (in Spring Batch 6 it would drop the other parameters).
 *
 * @param dataset the dataset name
 * @param from the first month, or {@code null} for the first month with data
 * @param to the last month, or {@code null} for the last month with data
 * @param models model keys ({@code name@version} or {@code name}), empty for the
 * registry's champion and candidates
 * @param asOf when the run was asked for
 */
public record BacktestParameters(String dataset, YearMonth from, YearMonth to, List<String> models,
		LocalDateTime asOf) {

	static final String DATASET = "dataset";

	static final String FROM = "from";

	static final String TO = "to";

	static final String MODELS = "models";

	static final String AS_OF = "asOf";

	public BacktestParameters {
		models = List.copyOf(models);
	}

	/** Reads and checks the parameters of a job execution. */
	public static BacktestParameters from(JobParameters parameters) throws InvalidJobParametersException {
		String dataset = parameters.getString(DATASET);
		if (dataset == null || dataset.isBlank()) {
			throw new InvalidJobParametersException("parameter 'dataset' is required");
		}
		YearMonth from = month(parameters.getString(FROM), FROM);
		YearMonth to = month(parameters.getString(TO), TO);
		if (from != null && to != null && from.isAfter(to)) {
			throw new InvalidJobParametersException("--from " + from + " is after --to " + to);
		}
		String models = parameters.getString(MODELS);
		List<String> keys = (models == null || models.isBlank()) ? List.of()
				: Arrays.stream(models.split(",")).map(String::trim).filter((key) -> !key.isEmpty()).toList();
		String asOf = parameters.getString(AS_OF);
		LocalDateTime time;
		try {
			time = (asOf != null) ? LocalDateTime.parse(asOf) : null;
		}
		catch (DateTimeParseException ex) {
			throw new InvalidJobParametersException("parameter 'asOf' is not a date-time: '" + asOf + "'");
		}
		return new BacktestParameters(dataset, from, to, keys, time);
	}

	/** The job parameters for these values; every one is identifying. */
	public JobParameters toJobParameters() {
		JobParametersBuilder builder = new JobParametersBuilder().addString(DATASET, this.dataset);
		if (this.from != null) {
			builder.addString(FROM, this.from.toString());
		}
		if (this.to != null) {
			builder.addString(TO, this.to.toString());
		}
		if (!this.models.isEmpty()) {
			builder.addString(MODELS, String.join(",", this.models));
		}
		builder.addString(AS_OF,
				((this.asOf != null) ? this.asOf : LocalDateTime.now().truncatedTo(ChronoUnit.MILLIS)).toString());
		return builder.toJobParameters();
	}

	/** A one-line description for the run record. */
	public String describe() {
		List<String> parts = new ArrayList<>();
		parts.add("dataset=" + this.dataset);
		parts.add("from=" + ((this.from != null) ? this.from : "first"));
		parts.add("to=" + ((this.to != null) ? this.to : "last"));
		parts.add("models=" + (this.models.isEmpty() ? "champion+candidates" : String.join(",", this.models)));
		parts.add("asOf=" + this.asOf);
		return String.join(" ", parts);
	}

	private static YearMonth month(String text, String name) throws InvalidJobParametersException {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return YearMonth.parse(text.trim());
		}
		catch (DateTimeParseException ex) {
			throw new InvalidJobParametersException(
					"parameter '" + name + "' is not a month (YYYY-MM): '" + text + "'");
		}
	}

}
