package io.ratchet.challenge;

import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * What the train step decided, kept in the job execution context (stored in the job
 * repository, so a restart reuses it rather than training again): the champion, the
 * evaluation months and the new candidates.
 *
 * @param champion the champion's key ({@code name@version})
 * @param evaluation the evaluation months, in order
 * @param candidates the keys of the candidates this run trained and registered
 */
record ChallengeContext(String champion, List<YearMonth> evaluation, List<String> candidates) {

	private static final String CHAMPION = "ratchet.challenge.champion";

	private static final String EVALUATION = "ratchet.challenge.evaluation";

	private static final String CANDIDATES = "ratchet.challenge.candidates";

	ChallengeContext {
		evaluation = List.copyOf(evaluation);
		candidates = List.copyOf(candidates);
	}

	void store(ExecutionContext context) {
		context.putString(CHAMPION, this.champion);
		context.putString(EVALUATION, String.join(",", this.evaluation.stream().map(YearMonth::toString).toList()));
		context.putString(CANDIDATES, String.join(",", this.candidates));
	}

	static boolean storedIn(JobExecution execution) {
		return execution.getExecutionContext().containsKey(CANDIDATES);
	}

	static ChallengeContext of(JobExecution execution) {
		ExecutionContext context = execution.getExecutionContext();
		String candidates = context.getString(CANDIDATES);
		return new ChallengeContext(context.getString(CHAMPION),
				Arrays.stream(context.getString(EVALUATION).split(",")).map(YearMonth::parse).toList(),
				candidates.isEmpty() ? List.of() : Arrays.asList(candidates.split(",")));
	}

	/** The first evaluation month. */
	YearMonth from() {
		return this.evaluation.get(0);
	}

	/** The last evaluation month. */
	YearMonth to() {
		return this.evaluation.get(this.evaluation.size() - 1);
	}

}
