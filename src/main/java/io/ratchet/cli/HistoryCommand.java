package io.ratchet.cli;

import java.io.PrintStream;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.ratchet.promotion.ChampionHistory;
import io.ratchet.promotion.ChampionSpell;
import io.ratchet.promotion.EventKind;
import io.ratchet.promotion.PromotionEvent;

import org.springframework.stereotype.Component;

/**
 * {@code jobs/history <dataset>}: which version was champion when (from the recorded
 * promotions and rollbacks, and from the roles in stored runs), then every recorded
 * event. {@code --details} adds each event's gate decision, diff and replay count.
 */
@Component
class HistoryCommand implements Command {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private final ChampionHistory history;

	HistoryCommand(ChampionHistory history) {
		this.history = history;
	}

	@Override
	public String usage() {
		return "history <dataset> [--details]";
	}

	@Override
	public int run(String[] args, PrintStream out) {
		Options options = Options.parse(args, Set.of(), Set.of("details"));
		if (options.positional().size() != 1) {
			throw new UsageException("give the dataset, e.g. history sales");
		}
		String dataset = Names.dataset(options.positional().get(0));
		String current = this.history.currentChampion(dataset).orElse("(none)");
		List<PromotionEvent> events = this.history.events(dataset);
		List<PromotionEvent> changes = events.stream().filter((event) -> event.kind() != EventKind.RATCHET).toList();
		out.println("Champion of " + dataset + " (recorded promotions and rollbacks):");
		if (changes.isEmpty()) {
			out.println("  " + current + " (no promotion recorded)");
		}
		else {
			out.println("  until " + TIME.format(changes.get(0).at()) + "  " + changes.get(0).previousChampion());
			for (PromotionEvent event : changes) {
				out.println("  from  " + TIME.format(event.at()) + "  " + event.modelKey() + "  (" + event.kind()
						+ " by " + event.actor() + ", event " + event.id() + ")");
			}
		}
		out.println("  now (registry.yml): " + current);
		List<ChampionSpell> spells = this.history.championSpells(dataset);
		if (!spells.isEmpty()) {
			out.println("Champion in the stored runs:");
			for (ChampionSpell spell : spells) {
				out.println("  " + spell.champion() + "  runs " + spell.firstRunId() + ".." + spell.lastRunId() + " ("
						+ spell.runs() + "), " + TIME.format(spell.from()) + " .. " + TIME.format(spell.to()));
			}
		}
		out.println("Events:");
		if (events.isEmpty()) {
			out.println("  none recorded");
		}
		for (PromotionEvent event : events) {
			out.println("  " + event.id() + "  " + TIME.format(event.at()) + "  " + event.kind() + "  "
					+ event.modelKey()
					+ ((event.previousChampion() != null) ? " (was " + event.previousChampion() + ")" : "") + "  by "
					+ event.actor()
					+ (event.evidenceRunIds().isEmpty() ? "" : "  evidence runs "
							+ event.evidenceRunIds().stream().map(String::valueOf).collect(Collectors.joining(",")))
					+ ((event.reason() != null) ? "  reason: " + event.reason() : ""));
			if (options.flag("details") && event.details() != null) {
				event.details().lines().forEach((line) -> out.println("      " + line));
			}
		}
		return CommandLine.OK;
	}

}
