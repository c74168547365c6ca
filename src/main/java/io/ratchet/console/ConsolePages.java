package io.ratchet.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import io.ratchet.alert.Alerts;
import io.ratchet.promotion.ChampionHistory;
import io.ratchet.promotion.ChampionSpell;
import io.ratchet.promotion.PromotionEvent;
import io.ratchet.report.ReportIndex;
import io.ratchet.run.RunStatus;
import io.ratchet.schedule.PlannedFire;
import io.ratchet.schedule.ScheduleConfigException;
import io.ratchet.schedule.SchedulePlan;
import io.ratchet.system.RatchetPaths;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * The console's read-only pages (any signed-in user): the runs, one run's status, the
 * reports as the jobs wrote them, the alert outbox, the schedule and the champion history
 * of each dataset. Nothing here re-renders a report: the report pages are the files under
 * the reports folder, served by {@link ReportFiles}.
 */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ConsolePages {

	static final String FAVICON = "/favicon.ico";

	static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	static final DateTimeFormatter NEXT = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm xxx");

	/** Alerts listed at most. */
	static final int ALERTS = 200;

	private final ReportIndex index;

	private final ReportFiles files;

	private final Alerts alerts;

	private final SchedulePlan schedule;

	private final ChampionHistory history;

	private final RatchetPaths paths;

	ConsolePages(ReportIndex index, ReportFiles files, Alerts alerts, SchedulePlan schedule, ChampionHistory history,
			RatchetPaths paths) {
		this.index = index;
		this.files = files;
		this.alerts = alerts;
		this.schedule = schedule;
		this.history = history;
		this.paths = paths;
	}

	/** Asked for by every browser: none (204), rather than a password prompt. */
	@GetMapping(FAVICON)
	ResponseEntity<Void> favicon() {
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/")
	ResponseEntity<Void> home() {
		return ResponseEntity.status(HttpStatus.FOUND).location(URI.create("/console")).build();
	}

	@GetMapping("/console")
	ResponseEntity<String> runs(HttpServletRequest request) {
		ReportIndex.Listing listing = this.index.listing();
		return ConsoleView.page("runs", request, Map.of("runs", listing.rows(), "omitted", listing.omitted()));
	}

	/**
	 * One run: its status, then its verdict once done, and a link to its report. The page
	 * reloads itself while the run is starting or running.
	 */
	@GetMapping("/console/runs/{id}")
	ResponseEntity<String> run(@PathVariable long id, HttpServletRequest request) {
		Optional<ReportIndex.Row> row = this.index.row(id);
		Map<String, Object> variables = new HashMap<>();
		variables.put("id", id);
		variables.put("run", row.orElse(null));
		variables.put("running", row.map((r) -> RunStatus.STARTED.name().equals(r.verdict())).orElse(true));
		return ConsoleView.page("run", request, variables);
	}

	@GetMapping("/console/reports/{*path}")
	ResponseEntity<Resource> report(@PathVariable String path) {
		ReportFiles.ReportFile file = this.files.find(path)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no such report file"));
		return ResponseEntity.ok().contentType(file.type()).body(new FileSystemResource(file.path()));
	}

	@GetMapping("/console/alerts")
	ResponseEntity<String> alerts(HttpServletRequest request) {
		return ConsoleView.page("alerts", request,
				Map.of("alerts", this.alerts.recent(ALERTS), "limit", ALERTS, "minutes", MINUTES));
	}

	@GetMapping("/console/schedule")
	ResponseEntity<String> schedule(HttpServletRequest request) {
		List<PlannedFire> planned = List.of();
		String problem = null;
		try {
			planned = this.schedule.planned();
		}
		catch (ScheduleConfigException ex) {
			problem = ex.getMessage();
		}
		return ConsoleView.page("schedule", request,
				Map.of("planned", planned, "problem", (problem != null) ? problem : "", "next", NEXT));
	}

	@GetMapping("/console/history")
	ResponseEntity<String> history(HttpServletRequest request) {
		List<DatasetHistory> datasets = new ArrayList<>();
		for (String dataset : datasets()) {
			datasets.add(new DatasetHistory(dataset, this.history.currentChampion(dataset).orElse("(none)"),
					this.history.championSpells(dataset), this.history.events(dataset)));
		}
		return ConsoleView.page("history", request, Map.of("datasets", datasets, "minutes", MINUTES));
	}

	/** The configured datasets ({@code config/datasets/*.yml}), sorted. */
	List<String> datasets() {
		Path dir = this.paths.config().resolve("datasets");
		if (!Files.isDirectory(dir)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(dir)) {
			return files.map((file) -> file.getFileName().toString())
				.filter((name) -> name.endsWith(".yml"))
				.map((name) -> name.substring(0, name.length() - ".yml".length()))
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot list " + dir, ex);
		}
	}

	/** The champion history of one dataset, as {@code jobs/history} prints it. */
	record DatasetHistory(String dataset, String champion, List<ChampionSpell> spells, List<PromotionEvent> events) {
	}

}
