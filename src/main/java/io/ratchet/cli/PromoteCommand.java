package io.ratchet.cli;

import java.io.PrintStream;
import java.util.Set;

import io.ratchet.promotion.GateDecision;
import io.ratchet.promotion.Promotion;
import io.ratchet.promotion.PromotionGate;
import io.ratchet.promotion.PromotionOutcome;
import io.ratchet.promotion.RatchetPlanner;
import io.ratchet.promotion.RatchetProposal;

import org.springframework.stereotype.Component;

/**
 * {@code jobs/promote <dataset> <model> <version>}: applies the promotion gate to a
 * candidate and promotes it when every condition passes (exit 0), or prints which failed
 * (exit 3). {@code --force --reason "..."} promotes whatever the gate says, recorded as
 * forced. {@code --dry-run} only shows the decision and the ratchet it would make.
 */
@Component
class PromoteCommand implements Command {

	private final PromotionGate gate;

	private final RatchetPlanner ratchet;

	private final Promotion promotion;

	PromoteCommand(PromotionGate gate, RatchetPlanner ratchet, Promotion promotion) {
		this.gate = gate;
		this.ratchet = ratchet;
		this.promotion = promotion;
	}

	@Override
	public String usage() {
		return "promote <dataset> <model> <version> [--run ID] [--force --reason \"...\"] [--by NAME] [--dry-run]";
	}

	@Override
	public int run(String[] args, PrintStream out) {
		Options options = Options.parse(args, Set.of("run", "reason", "by"), Set.of("force", "dry-run"));
		if (options.positional().size() != 3) {
			throw new UsageException("give the dataset, the model and the version, e.g. promote sales sales-logit 2");
		}
		boolean force = options.flag("force");
		String reason = options.get("reason");
		if (force && (reason == null || reason.isBlank())) {
			throw new UsageException("--force needs --reason \"why\"; nothing was changed");
		}
		String dataset = Names.dataset(options.positional().get(0));
		String key = Names.model(options.positional().get(1)) + "@" + Names.version(options.positional().get(2));
		String actor = Actors.actor(options.get("by"));
		GateDecision decision = (options.get("run") != null)
				? this.gate.evaluate(dataset, key, runId(options.get("run"))) : this.gate.evaluate(dataset, key);
		out.print(decision.describe());
		if (options.flag("dry-run")) {
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

}
