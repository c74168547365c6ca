package io.ratchet.console;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.ratchet.launch.BadLaunchException;
import io.ratchet.launch.JobLaunches;
import io.ratchet.launch.JobRequests;
import io.ratchet.launch.Launch;
import io.ratchet.security.Roles;
import jakarta.servlet.http.HttpServletRequest;

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
 * goes to the run's page, which shows its status and then its verdict (the same
 * parameters run before: that run's page); a refused launch (the same run already
 * running, a bad value) shows the form again with the reason. Requests and launches are
 * those of the HTTP API and the command line ({@link JobRequests}, {@link JobLaunches}).
 */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class LaunchPage {

	static final String PATH = "/console/launch";

	static final List<String> JOBS = List.of("nowtest", "backtest", "challenge");

	private final JobRequests requests;

	private final JobLaunches launches;

	private final ConsolePages pages;

	LaunchPage(JobRequests requests, JobLaunches launches, ConsolePages pages) {
		this.requests = requests;
		this.launches = launches;
		this.pages = pages;
	}

	@GetMapping(PATH)
	ResponseEntity<String> form(HttpServletRequest request) {
		return form(request, HttpStatus.OK, "", "nowtest", "", "");
	}

	@PostMapping(PATH)
	ResponseEntity<String> launch(@RequestParam(required = false) String job,
			@RequestParam(required = false) String dataset, @RequestParam(required = false) String asOf,
			HttpServletRequest request) {
		Map<String, String> parameters = new HashMap<>();
		parameters.put("dataset", dataset);
		parameters.put("asOf", asOf);
		parameters.values().removeIf((value) -> value == null || value.isBlank());
		Launch launch;
		try {
			launch = this.launches.submit(this.requests.request(job, parameters));
		}
		catch (BadLaunchException ex) {
			return form(request, HttpStatus.BAD_REQUEST, ex.getMessage(), job, dataset, asOf);
		}
		if (launch instanceof Launch.AlreadyRunning running) {
			return form(request, HttpStatus.CONFLICT, running.message(), job, dataset, asOf);
		}
		// started, or the same parameters already ran: that run is the answer
		long run = (launch instanceof Launch.Started started) ? started.runId()
				: ((Launch.AlreadyCompleted) launch).runId();
		return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create("/console/runs/" + run)).build();
	}

	private ResponseEntity<String> form(HttpServletRequest request, HttpStatus status, String problem, String job,
			String dataset, String asOf) {
		Map<String, Object> variables = new HashMap<>();
		variables.put("jobs", JOBS);
		variables.put("datasets", this.pages.datasets());
		variables.put("problem", problem);
		variables.put("job", (job != null) ? job : "");
		variables.put("dataset", (dataset != null) ? dataset : "");
		variables.put("asOf", (asOf != null) ? asOf : "");
		variables.put("operator", request.isUserInRole(Roles.OPERATOR));
		return ResponseEntity.status(status)
			.contentType(MediaType.TEXT_HTML)
			.body(ConsoleView.html("launch", request, variables));
	}

}
