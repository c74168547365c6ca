package io.ratchet.console;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.ratchet.security.Roles;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The launch form ({@value #PATH}): a back-test, now-test or challenge of a dataset, as
 * {@code jobs/backtest}, {@code jobs/nowtest} and {@code jobs/challenge} start them. Any
 * signed-in user sees the form; only an operator may post it (the console's security
 * answers 403 otherwise, and without the form's CSRF token). After a launch the browser
 * goes to the run's page, which shows its status and then its verdict; a refused launch
 * (the same run already running) shows the form again with the reason.
 */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class LaunchPage {

	static final String PATH = "/console/launch";

	static final List<String> JOBS = List.of("nowtest", "backtest", "challenge");

	private final ObjectProvider<Launcher> launcher;

	private final ConsolePages pages;

	LaunchPage(ObjectProvider<Launcher> launcher, ConsolePages pages) {
		this.launcher = launcher;
		this.pages = pages;
	}

	@GetMapping(PATH)
	ResponseEntity<String> form(HttpServletRequest request) {
		return form(request, HttpStatus.OK, "", "nowtest", "", "");
	}

	@PostMapping(PATH)
	ResponseEntity<String> launch(@RequestParam String job, @RequestParam String dataset,
			@RequestParam(name = "asOf", required = false) String asOf, HttpServletRequest request) {
		String day = (asOf == null || asOf.isBlank()) ? null : asOf.strip();
		if (!JOBS.contains(job)) {
			return form(request, HttpStatus.BAD_REQUEST, "Unknown job '" + job + "': choose one of " + JOBS + ".", job,
					dataset, asOf);
		}
		try {
			Launcher launcher = this.launcher.getIfAvailable(() -> (j, d, a) -> {
				throw new LaunchRefusedException("This process cannot launch jobs.");
			});
			long run = launcher.launch(job, dataset, day);
			return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create("/console/runs/" + run)).build();
		}
		catch (LaunchRefusedException ex) {
			return form(request, HttpStatus.CONFLICT, ex.getMessage(), job, dataset, asOf);
		}
	}

	private ResponseEntity<String> form(HttpServletRequest request, HttpStatus status, String problem, String job,
			String dataset, String asOf) {
		Map<String, Object> variables = new HashMap<>();
		variables.put("jobs", JOBS);
		variables.put("datasets", this.pages.datasets());
		variables.put("problem", problem);
		variables.put("job", job);
		variables.put("dataset", dataset);
		variables.put("asOf", (asOf != null) ? asOf : "");
		variables.put("operator", request.isUserInRole(Roles.OPERATOR));
		return ResponseEntity.status(status)
			.contentType(MediaType.TEXT_HTML)
			.body(ConsoleView.html("launch", request, variables));
	}

}
