package io.ratchet.cli;

import java.io.PrintStream;

import io.ratchet.promotion.GateDecision;
import io.ratchet.promotion.Promotion;
import io.ratchet.promotion.PromotionGate;
import io.ratchet.promotion.PromotionOutcome;
import io.ratchet.promotion.RatchetPlanner;
import io.ratchet.promotion.RatchetProposal;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import org.springframework.stereotype.Component;

/**
 * {@code jobs/promote <dataset> <model> <version>}: applies the promotion gate to a
 * candidate and promotes it when every condition passes (exit 0), or prints which failed
 * (exit 3). {@code --force --reason "..."} promotes whatever the gate says, recorded as
 * forced. {@code --dry-run} only shows the decision and the ratchet it would make.
 */
@Component
class PromoteCommand implements Command<PromoteCommand.Arguments> {

	private final PromotionGate gate;

	private final RatchetPlanner ratchet;

	private final Promotion promotion;

	PromoteCommand(PromotionGate gate, RatchetPlanner ratchet, Promotion promotion) {
		this.gate = gate;
		this.ratchet = ratchet;
		this.promotion = promotion;
	}

	@Override
	public Class<Arguments> arguments() {
		return Arguments.class;
	}

	@Override
	public int run(Arguments arguments, PrintStream out) {
		boolean force = arguments.force();
		String reason = arguments.reason();
		if (force && (reason == null || reason.isBlank())) {
			throw new UsageException("--force needs --reason \"why\"; nothing was changed");
		}
		String dataset = Names.dataset(arguments.dataset());
		String key = Names.model(arguments.model()) + "@" + Names.version(arguments.version());
		String actor = Actors.actor(arguments.by());
		GateDecision decision = (arguments.run() != null) ? this.gate.evaluate(dataset, key, arguments.run())
				: this.gate.evaluate(dataset, key);
		out.print(decision.describe());
		if (arguments.dryRun()) {
			RatchetProposal ratchet = this.ratchet.propose(dataset, key, decision.evidenceRunId());
			out.println("Dry run: nothing changed. On promotion the requirements would be:");
			printRatchet(ratchet, out);
			return decision.passed() ? CommandLine.OK : CommandLine.BREACHED;
		}
		if (!decision.passed() && !force) {
			out.println("Refused: " + decision.failures().size() + " condition"
					+ ((decision.failures().size() == 1) ? "" : "s") + " failed ("
					+ String.join(", ", decision.failures().stream().map((c) -> c.condition().label()).toList())
					+ "); nothing was changed. Override with --force --reason \"...\".");
			return CommandLine.BREACHED;
		}
		PromotionOutcome outcome = this.promotion.promote(dataset, key, decision, actor, reason, force);
		out.println((outcome.forced() ? "FORCED promotion" : "Promoted") + ": " + outcome.champion()
				+ " is the champion of " + dataset
				+ ((outcome.previousChampion() != null) ? " (" + outcome.previousChampion() + " becomes a candidate)"
						: "")
				+ "; event " + outcome.eventId() + " by " + actor + ((reason != null) ? ", reason: " + reason : "")
				+ ".");
		printRatchet(outcome.ratchet(), out);
		if (outcome.ratchetEventId() != null) {
			out.println("Ratchet recorded as event " + outcome.ratchetEventId() + ".");
		}
		return CommandLine.OK;
	}

	static void printRatchet(RatchetProposal ratchet, PrintStream out) {
		if (!ratchet.changesAnything()) {
			out.println("Requirements unchanged: every bound is already at least as tight as " + ratchet.champion()
					+ "'s back-test (run " + ratchet.evidenceRunId() + ") allows.");
			return;
		}
		out.println("Ratchet: " + ratchet.changes().size() + " bound" + ((ratchet.changes().size() == 1) ? "" : "s")
				+ " tightened to " + ratchet.champion() + "'s back-test (run " + ratchet.evidenceRunId()
				+ ") with tolerance " + ratchet.tolerance() + "; " + ratchet.replay().describe() + ".");
		out.print(ratchet.diff());
	}

	private static long runId(String text) {
		try {
			return Long.parseLong(text);
		}
		catch (NumberFormatException ex) {
			throw new UsageException("--run must be a run id, not '" + text + "'");
		}
	}

	/** {@code jobs/promote}'s arguments. */
	@picocli.CommandLine.Command(name = "promote",
			description = "The promotion gate: promotes a candidate version to champion when its trial shows it "
					+ "better, and ratchets the requirements up; refused otherwise, with the conditions that failed.")
	interface Arguments {

		@Parameters(index = "0", paramLabel = "DATASET", description = "the dataset")
		String dataset();

		@Parameters(index = "1", paramLabel = "MODEL", description = "the candidate model's name")
		String model();

		@Parameters(index = "2", paramLabel = "VERSION", description = "the candidate's version")
		String version();

		@Option(names = "--run", paramLabel = "ID",
				description = "judge by this stored run (default: the latest run with both models)")
		Long run();

		@Option(names = "--force", description = "promote although the gate refuses; needs --reason")
		boolean force();

		@Option(names = "--reason", paramLabel = "TEXT", description = "why, recorded with the event")
		String reason();

		@Option(names = "--by", paramLabel = "NAME",
				description = "who acts, recorded with the event (default: the operating-system user)")
		String by();

		@Option(names = "--dry-run", description = "show the decision and the ratchet without changing anything")
		boolean dryRun();

	}

}
