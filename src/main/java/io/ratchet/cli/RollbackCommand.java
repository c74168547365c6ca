package io.ratchet.cli;

import java.io.PrintStream;
import java.util.Set;

import io.ratchet.promotion.Rollback;
import io.ratchet.promotion.RollbackOutcome;

import org.springframework.stereotype.Component;

/**
 * {@code jobs/rollback <dataset>}: restores the champion before the latest promotion,
 * through the registry and the audit. Requirements are not loosened.
 */
@Component
class RollbackCommand implements Command {

	private final Rollback rollback;

	RollbackCommand(Rollback rollback) {
		this.rollback = rollback;
	}

	@Override
	public String usage() {
		return "rollback <dataset> [--reason \"...\"] [--by NAME]";
	}

	@Override
	public int run(String[] args, PrintStream out) {
		Options options = Options.parse(args, Set.of("reason", "by"));
		if (options.positional().size() != 1) {
			throw new UsageException("give the dataset, e.g. rollback sales");
		}
		String dataset = Names.dataset(options.positional().get(0));
		RollbackOutcome outcome = this.rollback.rollback(dataset, Actors.actor(options.get("by")),
				options.get("reason"));
		out.println("Rolled back " + dataset + ": " + outcome.restored() + " is the champion again, "
				+ outcome.replaced() + " is a candidate (event " + outcome.eventId() + ", undoes promotion event "
				+ outcome.promotionEventId() + ").");
		out.println("Requirements were not loosened: bounds ratcheted for " + outcome.replaced()
				+ " stay in config/requirements.yml; lower them by hand if they must come down.");
		return CommandLine.OK;
	}

}
