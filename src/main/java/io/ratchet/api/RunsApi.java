package io.ratchet.api;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.ratchet.cli.RunPrintout;
import io.ratchet.launch.JobLaunches;
import io.ratchet.launch.JobRequests;
import io.ratchet.launch.Launch;
import io.ratchet.launch.LaunchRequest;
import io.ratchet.run.JobKind;
import io.ratchet.run.Period;
import io.ratchet.run.ResultsStore;
import io.ratchet.run.RunModel;
import io.ratchet.run.RunStatus;
import io.ratchet.run.StoredVerdict;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/runs}: the runs (as {@code jobs/runs} lists them), one run with its models,
 * its figures and breaches (read through {@link ResultsStore}), and launching a run.
 */
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@RestController
@RequestMapping(path = "/api/runs", produces = "application/json")
class RunsApi {

	/** The header of {@code GET /api/runs/{id}/summary} with the command's exit code. */
	static final String EXIT_CODE = "Ratchet-Exit-Code";

	private static final int MAX_WAIT_SECONDS = 60;

	private static final long FOLLOW_INTERVAL_MILLIS = 50;

	private final ResultsStore results;

	private final JobRequests requests;

	private final JobLaunches launches;

	private final RunPrintout printout;

	RunsApi(ResultsStore results, JobRequests requests, JobLaunches launches, RunPrintout printout) {
		this.results = results;
		this.requests = requests;
		this.launches = launches;
		this.printout = printout;
	}

	/** The latest runs, newest first, of a job, dataset and status when given. */
	@GetMapping
	List<RunView> runs(@RequestParam(required = false) String job, @RequestParam(required = false) String dataset,
			@RequestParam(required = false) String status, @RequestParam(defaultValue = "20") int limit) {
		if (limit < 1 || limit > 1000) {
			throw new ApiException(HttpStatus.BAD_REQUEST, "limit", "must be between 1 and 1000, not " + limit);
		}
		if (job != null && JobKind.of(job).isEmpty()) {
			throw new ApiException(HttpStatus.BAD_REQUEST, "job",
					"unknown job '" + job + "'; one of backtest, nowtest, challenge");
		}
		String statusName = (status != null) ? status.toUpperCase(Locale.ROOT) : null;
		if (statusName != null
				&& Arrays.stream(RunStatus.values()).noneMatch((known) -> known.name().equals(statusName))) {
			throw new ApiException(HttpStatus.BAD_REQUEST, "status",
					"unknown status '" + status + "'; one of STARTED, COMPLETED, FAILED");
		}
		return this.results.recentRuns(limit, job, dataset, statusName).stream().map(RunView::of).toList();
	}

	/** One run, with each model it judged, its role and whole-period verdict. */
	@GetMapping("/{id}")
	RunDetail run(@PathVariable long id) {
		RunView run = RunView.of(this.results.run(id).orElseThrow(() -> noRun(id)));
		Map<Long, String> verdicts = this.results.verdicts(id)
			.stream()
			.filter((verdict) -> Period.ALL_VALUE.equals(verdict.period()))
			.collect(Collectors.toMap(StoredVerdict::modelVersionId, StoredVerdict::verdict, (a, b) -> a));
		List<RunDetail.ModelInRun> models = this.results.runModels(id)
			.stream()
			.map((model) -> new RunDetail.ModelInRun(model.key(), model.role(), model.sha256(),
					verdicts.get(model.id())))
			.toList();
		return new RunDetail(run, models);
	}

	/** Every figure the run stored, by model, period and metric. */
	@GetMapping("/{id}/metrics")
	List<FigureView> metrics(@PathVariable long id) {
		Map<Long, RunModel> models = models(id);
		return this.results.metricValues(id)
			.stream()
			.map((figure) -> new FigureView(key(models, figure.modelVersionId()), role(models, figure.modelVersionId()),
					figure.period(), figure.metric().key(), figure.value(), figure.rowCount()))
			.toList();
	}

	/** Every figure of the run that crossed its bound. */
	@GetMapping("/{id}/breaches")
	List<BreachView> breaches(@PathVariable long id) {
		Map<Long, RunModel> models = models(id);
		return this.results.breaches(id)
			.stream()
			.map((breach) -> new BreachView(key(models, breach.modelVersionId()), role(models, breach.modelVersionId()),
					breach.period(), breach.metric(), breach.boundKind().toLowerCase(Locale.ROOT), breach.bound(),
					breach.value()))
			.toList();
	}

	/**
	 * Launches a back-test, now-test or challenge: 202 with the new run's id (it proceeds
	 * in the background; follow it at the {@code Location}), 200 with the run that
	 * already completed with the same identifying parameters, 409 while the same run is
	 * running, 400 naming a bad field.
	 */
	@PostMapping(consumes = "application/json")
	ResponseEntity<LaunchView> launch(@RequestBody LaunchBody body) {
		LaunchRequest request = this.requests.request(body.job(), body.parameters());
		String heading = this.printout.heading(request.job().getName(), request.parameters());
		Launch launch = this.launches.submit(request);
		if (launch instanceof Launch.AlreadyRunning running) {
			throw new ApiException(HttpStatus.CONFLICT, null, running.message());
		}
		if (launch instanceof Launch.AlreadyCompleted done) {
			String location = "/api/runs/" + done.runId();
			return ResponseEntity.ok()
				.location(URI.create(location))
				.body(new LaunchView(done.runId(), "already-completed", done.message(), location,
						this.results.run(done.runId()).map(RunView::of).orElse(null), heading));
		}
		long runId = ((Launch.Started) launch).runId();
		String location = "/api/runs/" + runId;
		return ResponseEntity.accepted()
			.location(URI.create(location))
			.body(new LaunchView(runId, "started", "Run " + runId + " started; GET " + location + " to follow it",
					location, this.results.run(runId).map(RunView::of).orElse(null), heading));
	}

	/**
	 * What the command ({@code jobs/backtest} ...) prints at the end of the run, as text,
	 * with its exit code in the {@value #EXIT_CODE} header: 200 once the run has ended;
	 * 202 while it runs, with its progress {@code <months stored>/<months>} (a now-test
	 * or challenge: {@code 0/0}). Waits up to {@code wait} seconds for the run to end or
	 * its progress to differ from {@code after}, so that a client follows a run without
	 * polling in a tight loop.
	 */
	@GetMapping(path = "/{id}/summary", produces = "text/plain")
	ResponseEntity<String> summary(@PathVariable long id, @RequestParam(defaultValue = "0") int wait,
			@RequestParam(defaultValue = "") String after) throws InterruptedException {
		if (wait < 0 || wait > MAX_WAIT_SECONDS) {
			throw new ApiException(HttpStatus.BAD_REQUEST, "wait",
					"must be between 0 and " + MAX_WAIT_SECONDS + " seconds, not " + wait);
		}
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(wait);
		while (true) {
			Optional<RunPrintout.Printout> ended = ended(id);
			if (ended.isPresent()) {
				return ResponseEntity.ok()
					.header(EXIT_CODE, Integer.toString(ended.get().exitCode()))
					.body(ended.get().text());
			}
			String progress = this.results.run(id)
				.map((run) -> this.results.storedPeriods(id).size() + "/"
						+ ((run.periods() != null) ? run.periods() : 0))
				.orElse("0/0");
			if (!progress.equals(after) || System.nanoTime() >= deadline) {
				return ResponseEntity.accepted().body(progress);
			}
			Thread.sleep(FOLLOW_INTERVAL_MILLIS);
		}
	}

	private Optional<RunPrintout.Printout> ended(long id) {
		try {
			return this.printout.ended(id);
		}
		catch (IllegalArgumentException ex) {
			throw noRun(id);
		}
	}

	private Map<Long, RunModel> models(long id) {
		if (this.results.run(id).isEmpty()) {
			throw noRun(id);
		}
		return this.results.runModels(id).stream().collect(Collectors.toMap(RunModel::id, Function.identity()));
	}

	private static String key(Map<Long, RunModel> models, long versionId) {
		RunModel model = models.get(versionId);
		return (model != null) ? model.key() : "model version " + versionId;
	}

	private static String role(Map<Long, RunModel> models, long versionId) {
		RunModel model = models.get(versionId);
		return (model != null) ? model.role() : null;
	}

	private static ApiException noRun(long id) {
		return new ApiException(HttpStatus.NOT_FOUND, "id", "no run " + id + " (GET /api/runs lists them)");
	}

}
