package io.ratchet.cli;

import java.io.PrintStream;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.ratchet.promotion.ChampionHistory;
import io.ratchet.promotion.ChampionSpell;
import io.ratchet.promotion.EventKind;
import io.ratchet.promotion.PromotionEvent;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import org.springframework.stereotype.Component;

/**
 * {@code jobs/history <dataset>}: which version was champion when (from the recorded
 * promotions and rollbacks, and from the roles in stored runs), then every recorded
 * event. {@code --details} adds each event's gate decision, diff and replay count.
 */
@Component
class HistoryCommand implements Command<HistoryCommand.Arguments> {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private final ChampionHistory history;

	HistoryCommand(ChampionHistory history) {
		this.history = history;
	}

	@Override
	public Class<Arguments> arguments() {
		return Arguments.class;
	}

	@Override
	public int run(Arguments arguments, PrintStream out) {
		String dataset = Names.dataset(arguments.dataset());
		if (arguments.json()) {
			JsonOutput.print(this.history.events(dataset).stream().map(HistoryCommand::json).toList(), out);
			return CommandLine.OK;
		}
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
			if (arguments.details() && event.details() != null) {
				event.details().lines().forEach((line) -> out.println("      " + line));
			}
		}
		return CommandLine.OK;
	}

	/** A promotion event in {@code --json}: README, "Machine readable output". */
	private static Map<String, Object> json(PromotionEvent event) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("id", event.id());
		json.put("kind", event.kind().name());
		json.put("dataset", event.dataset());
		json.put("model", event.modelKey());
		json.put("previousChampion", event.previousChampion());
		json.put("actor", event.actor());
		json.put("at", event.at());
		json.put("reason", event.reason());
		json.put("evidenceRunIds", event.evidenceRunIds());
		json.put("details", event.details());
		return json;
	}

	/** {@code jobs/history}' arguments. */
	@picocli.CommandLine.Command(name = "history",
			description = "Which version was champion of a dataset when (recorded promotions and rollbacks, and "
					+ "the roles in stored runs), then every recorded event.")
	interface Arguments {

		@Parameters(paramLabel = "DATASET", description = "the dataset, e.g. churn")
		String dataset();

		@Option(names = "--details", description = "add each event's gate decision, diff and replay count")
		boolean details();

		@Option(names = "--json",
				description = "print the events as one JSON array (README, \"Machine readable " + "output\")")
		boolean json();

	}

}
