package io.ratchet.cli;

import java.io.PrintStream;
import java.time.format.DateTimeFormatter;

import io.ratchet.alert.AlertListing;
import io.ratchet.alert.Alerts;
import io.ratchet.alert.DeliveryReport;
import picocli.CommandLine.Option;

import org.springframework.stereotype.Component;

/**
 * {@code jobs/alerts}: lists the alert outbox (newest first) and, with {@code --deliver},
 * delivers what is pending now rather than at the next run: after fixing the SMTP
 * settings, for example.
 */
@Component
class AlertsCommand implements Command<AlertsCommand.Arguments> {

	private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	private final Alerts alerts;

	AlertsCommand(Alerts alerts) {
		this.alerts = alerts;
	}

	@Override
	public Class<Arguments> arguments() {
		return Arguments.class;
	}

	@Override
	public int run(Arguments arguments, PrintStream out) {
		int limit = CommandSyntax.atLeastOne("--limit", arguments.limit());
		int code = CommandLine.OK;
		if (arguments.deliver()) {
			// with --json, what was delivered is told on stderr: stdout holds the JSON
			// alone
			code = deliver(arguments.json() ? System.err : out);
		}
		var listing = this.alerts.recent(limit);
		if (arguments.json()) {
			JsonOutput.print(listing, out);
			return code;
		}
		if (listing.isEmpty()) {
			out.println("The outbox is empty: no alert has been raised.");
			return code;
		}
		out.printf("%6s  %5s  %-10s  %-8s  %8s  %-16s  %s%n", "alert", "run", "kind", "status", "attempts", "created",
				"subject / delivered to / last error");
		for (AlertListing alert : listing) {
			out.printf("%6d  %5d  %-10s  %-8s  %8d  %-16s  %s%n", alert.id(), alert.runId(), alert.kind(),
					alert.status(), alert.attempts(), alert.createdAt().format(MINUTES), alert.subject());
			if (alert.deliveredTo() != null) {
				out.println(" ".repeat(68) + "-> " + alert.deliveredTo());
			}
			if (alert.lastError() != null && !"SENT".equals(alert.status())) {
				out.println(" ".repeat(68) + "!! " + alert.lastError());
			}
		}
		return code;
	}

	/**
	 * Delivers what is pending and says how it went: exit 1 when some is still pending.
	 */
	private int deliver(PrintStream out) {
		DeliveryReport report = this.alerts.deliverPending();
		out.printf("Delivered %d by SMTP, wrote %d to %s, %d failed, %d still pending%n", report.sent(),
				report.written(), this.alerts.outboxDir(), report.failed(), report.pending());
		if (report.delivered() == 0 && report.failed() == 0) {
			out.println(report.pending() == 0
					? "Nothing was pending: every alert below has been delivered "
							+ "(a run, or this command's start, delivers what is pending)."
					: this.alerts.claimedElsewhere().orElse(report.pending() + " alert(s) still pending"));
		}
		return (report.pending() > 0 || report.failed() > 0) ? CommandLine.FAILED : CommandLine.OK;
	}

	/** {@code jobs/alerts}' options. */
	@picocli.CommandLine.Command(name = "alerts",
			description = "Lists the alert outbox, newest first; --deliver first delivers what is pending "
					+ "(e.g. after fixing the SMTP settings) and exits 1 when some alert is still pending.")
	interface Arguments {

		@Option(names = "--deliver", description = "deliver the pending alerts now, not at the next run")
		boolean deliver();

		@Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "how many alerts to list")
		int limit();

		@Option(names = "--json", description = "print one JSON array of alerts (README, \"Machine readable "
				+ "output\"); with --deliver, the delivery summary goes to stderr")
		boolean json();

	}

}
