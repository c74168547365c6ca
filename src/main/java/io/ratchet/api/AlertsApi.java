package io.ratchet.api;

import java.util.List;

import io.ratchet.alert.AlertListing;
import io.ratchet.alert.Alerts;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/alerts}: the alert outbox, newest first, as {@code jobs/alerts} lists it
 * (read-only: delivery stays with the runs and {@code jobs/alerts --deliver}).
 */
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@RestController
class AlertsApi {

	private final Alerts alerts;

	AlertsApi(Alerts alerts) {
		this.alerts = alerts;
	}

	@GetMapping(path = "/api/alerts", produces = "application/json")
	List<AlertListing> alerts(@RequestParam(defaultValue = "20") int limit) {
		if (limit < 1 || limit > 1000) {
			throw new ApiException(HttpStatus.BAD_REQUEST, "limit", "must be between 1 and 1000, not " + limit);
		}
		return this.alerts.recent(limit);
	}

}
