package io.ratchet.alert;

import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who receives alerts and how often. Every address is checked when Ratchet starts, so a
 * typo fails the start with the key that holds it, not the night's alert.
 *
 * @param from the sender address
 * @param recipients per dataset, the addresses its alerts go to
 * @param defaultRecipients the addresses of datasets not listed in {@code recipients}
 * @param trendRuns how many now-test runs (this one included) an alert shows a breached
 * figure's trend over
 * @param repeat while a breach persists: one alert per day ({@code daily}), one per run
 * ({@code every-run}) or only the first ({@code once}); a breach that clears always gives
 * one "recovered" alert
 * @param zone the time zone of dates in alerts (and of "per day" for runs without an
 * as-of date); empty: the system's
 * @param reportBaseUrl where reports are served, e.g.
 * {@code https://ratchet.example.com/reports/}; the link in an alert is this plus the
 * report's path under {@code ratchet.paths.reports}; empty: a {@code file:} link
 * @param catchUpDays how far back a run that finished without its alerts decided (process
 * ended in between) is caught up at the next start or run
 * @param retry how failed sends are retried
 */
@ConfigurationProperties("ratchet.alerts")
public record AlertProperties(@DefaultValue("ratchet@localhost") String from, Map<String, List<String>> recipients,
		List<String> defaultRecipients, @DefaultValue("7") int trendRuns, @DefaultValue("daily") Repeat repeat,
		ZoneId zone, String reportBaseUrl, @DefaultValue("7") int catchUpDays, @DefaultValue Retry retry) {

	public AlertProperties {
		recipients = (recipients != null) ? new LinkedHashMap<>(recipients) : Map.of();
		defaultRecipients = (defaultRecipients != null) ? List.copyOf(defaultRecipients) : List.of();
		zone = (zone != null) ? zone : ZoneId.systemDefault();
		reportBaseUrl = (reportBaseUrl == null || reportBaseUrl.isBlank()) ? null : reportBaseUrl.trim();
		check("ratchet.alerts.from", from);
		recipients.forEach((dataset, addresses) -> {
			for (int i = 0; i < addresses.size(); i++) {
				check("ratchet.alerts.recipients." + dataset + "[" + i + "]", addresses.get(i));
			}
		});
		for (int i = 0; i < defaultRecipients.size(); i++) {
			check("ratchet.alerts.default-recipients[" + i + "]", defaultRecipients.get(i));
		}
		if (trendRuns < 1) {
			throw new IllegalArgumentException("ratchet.alerts.trend-runs: " + trendRuns + " must be at least 1");
		}
		if (catchUpDays < 0) {
			throw new IllegalArgumentException(
					"ratchet.alerts.catch-up-days: " + catchUpDays + " must not be negative");
		}
	}

	/**
	 * The addresses a dataset's alerts go to: its own list, else the default list
	 * (possibly empty).
	 */
	public List<String> recipientsOf(String dataset) {
		List<String> own = this.recipients.get(dataset);
		return (own != null && !own.isEmpty()) ? List.copyOf(own) : this.defaultRecipients;
	}

	private static void check(String key, String address) {
		if (address == null || address.isBlank()) {
			throw new IllegalArgumentException(key + ": an e-mail address is required");
		}
		try {
			InternetAddress parsed = new InternetAddress(address, true);
			parsed.validate();
			String mailbox = parsed.getAddress();
			int at = mailbox.lastIndexOf('@');
			if (at <= 0 || at == mailbox.length() - 1) {
				// Jakarta Mail accepts a bare local name ("bob"); mail to people needs a
				// domain
				throw new AddressException("no domain", address);
			}
		}
		catch (AddressException ex) {
			// no cause attached: this message is the innermost one, the one Ratchet
			// prints when it cannot start
			throw new IllegalArgumentException(
					key + ": '" + address + "' is not an e-mail address (" + ex.getMessage() + ")");
		}
	}

	/** How often a persisting breach is told again. */
	public enum Repeat {

		/** At most one alert per breach per day, saying since when it fails. */
		DAILY,
		/** An alert after every run that breaches. */
		EVERY_RUN,
		/** Only the first alert; then silence until it recovers. */
		ONCE

	}

	/**
	 * Retries of a failed send: in a long-running process (the scheduler) after
	 * {@code initial}, then each wait {@code factor} times longer up to {@code max};
	 * every run also retries whatever is still pending.
	 *
	 * @param initial the first wait
	 * @param max the longest wait
	 * @param factor how much longer each wait is than the last
	 * @param maxAttempts attempts after which an alert is marked FAILED; 0: never give up
	 * @param claimTimeout an alert claimed by a process that never reported back (it died
	 * while sending) is sent again after this long
	 */
	public record Retry(@DefaultValue("1m") Duration initial, @DefaultValue("1h") Duration max,
			@DefaultValue("2") double factor, @DefaultValue("0") int maxAttempts,
			@DefaultValue("10m") Duration claimTimeout) {

		public Retry {
			if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0 || factor < 1) {
				throw new IllegalArgumentException("ratchet.alerts.retry: need 0 < initial <= max and factor >= 1, got "
						+ "initial " + initial + ", max " + max + ", factor " + factor);
			}
		}

		/** The wait after the given number of failed attempts (1 for the first). */
		public Duration backoff(int failedAttempts) {
			double millis = this.initial.toMillis() * Math.pow(this.factor, Math.max(0, failedAttempts - 1));
			return (millis >= this.max.toMillis()) ? this.max : Duration.ofMillis((long) millis);
		}

	}

}
