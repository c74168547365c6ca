package io.ratchet.cli;

import java.io.PrintStream;

import io.ratchet.promotion.Rollback;
import io.ratchet.promotion.RollbackOutcome;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import org.springframework.stereotype.Component;

/**
 * {@code jobs/rollback <dataset>}: restores the champion before the latest promotion,
 * through the registry and the audit. Requirements are not loosened.
 */
@Component
class RollbackCommand implements Command<RollbackCommand.Arguments> {

	private final Rollback rollback;

	RollbackCommand(Rollback rollback) {
		this.rollback = rollback;
	}

	@Override
	public Class<Arguments> arguments() {
		return Arguments.class;
	}

	@Override
	public int run(Arguments arguments, PrintStream out) {
		String dataset = Names.dataset(arguments.dataset());
		RollbackOutcome outcome = this.rollback.rollback(dataset, Actors.actor(arguments.by()), arguments.reason());
		out.println("Rolled back " + dataset + ": " + outcome.restored() + " is the champion again, "
				+ outcome.replaced() + " is a candidate (event " + outcome.eventId() + ", undoes promotion event "
				+ outcome.promotionEventId() + ").");
		out.println("Requirements were not loosened: bounds ratcheted for " + outcome.replaced()
				+ " stay in config/requirements.yml; lower them by hand if they must come down.");
		return CommandLine.OK;
	}

	/** {@code jobs/rollback}'s arguments. */
	@picocli.CommandLine.Command(name = "rollback",
			description = "Restores the champion (and the requirements) from before the latest promotion.")
	interface Arguments {

		@Parameters(paramLabel = "DATASET", description = "the dataset")
		String dataset();

		@Option(names = "--reason", paramLabel = "TEXT", description = "why, recorded with the event")
		String reason();

		@Option(names = "--by", paramLabel = "NAME",
				description = "who acts, recorded with the event (default: the operating-system user)")
		String by();

	}

}
