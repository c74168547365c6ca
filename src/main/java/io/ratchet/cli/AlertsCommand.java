package io.ratchet.cli;

import java.io.PrintStream;
import java.time.format.DateTimeFormatter;
import java.util.Set;

import io.ratchet.alert.AlertListing;
import io.ratchet.alert.Alerts;
import io.ratchet.alert.DeliveryReport;

import org.springframework.stereotype.Component;

/**
 * {@code jobs/alerts}: lists the alert outbox (newest first) and, with {@code --deliver},
 * delivers what is pending now rather than at the next run: after fixing the SMTP
 * settings, for example.
 */
@Component
class AlertsCommand implements Command {

	private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	private final Alerts alerts;

	AlertsCommand(Alerts alerts) {
		this.alerts = alerts;
	}

	@Override
	public String usage() {
		return "alerts [--deliver] [--limit N]";
	}

	@Override
	public int run(String[] args, PrintStream out) {
		Options options = Options.named(args, Set.of("limit"), Set.of("deliver"));
		int limit = options.positiveInt("limit", 20);
		int code = CommandLine.OK;
		if (options.flag("deliver")) {
			DeliveryReport report = this.alerts.deliverPending();
			out.printf("Delivered %d by SMTP, wrote %d to %s, %d failed, %d still pending%n", report.sent(),
					report.written(), this.alerts.outboxDir(), report.failed(), report.pending());
			if (report.delivered() == 0 && report.failed() == 0) {
				out.println(report.pending() == 0
						? "Nothing was pending: every alert below has been delivered "
								+ "(a run, or this command's start, delivers what is pending)."
						: this.alerts.claimedElsewhere().orElse(report.pending() + " alert(s) still pending"));
			}
			code = (report.pending() > 0 || report.failed() > 0) ? CommandLine.FAILED : CommandLine.OK;
		}
		var listing = this.alerts.recent(limit);
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

}
