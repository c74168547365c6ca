package io.ratchet.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.ratchet.lease.LeaseId;
import io.ratchet.lease.Leases;
import io.ratchet.TestPaths;
import io.ratchet.nowtest.NowtestParameters;
import io.ratchet.test.ToyWorkspace;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The JSON API and the Prometheus endpoint of a started daemon (a servlet web application
 * on a free port), with a real HTTP client, on a toy workspace: a now-test launched over
 * HTTP completes and its figures and breaches read back; the same launch again answers
 * the same run; a launch running elsewhere is refused (409); the viewer reads but may not
 * launch (403); no credentials get 401; bad input gets 400 naming the field; the
 * Prometheus gauges equal the stored figures.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=servlet", "ratchet.http.username=operator",
				"ratchet.http.password=operator-password", "ratchet.http.viewer-username=viewer",
				"ratchet.http.viewer-password=viewer-password", "ratchet.launch.threads=1" })
@ActiveProfiles("test")
class HttpApiTests {

	private static final String OPERATOR = "operator:operator-password";

	private static final String VIEWER = "viewer:viewer-password";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	static Path root;

	static ToyWorkspace toy;

	@DynamicPropertySource
	static void paths(DynamicPropertyRegistry registry) {
		// read when the context starts, after @TempDir and @BeforeAll
		TestPaths.register(registry, () -> root);
		registry.add("ratchet.nowtest.datasets.toy.window", () -> "20d");
	}

	@BeforeAll
	static void workspace() {
		// a champion that meets roc_auc and log_loss and misses an accuracy it cannot
		// reach (a now-test's window is judged by the monthly bounds; the period bound
		// must not show)
		toy = new ToyWorkspace(root);
		toy.dataset("toy")
			.logit("toy-logit", "toy", 2.0, 0.1, -0.1)
			.logit("toy-flat", "toy", 0.01)
			.registry("toy:\n  champion: toy-logit@1\n  candidates: [toy-flat@1]\n")
			.requirements("toy:\n  min-rows: 20\n  monthly:\n    roc_auc: {min: 0.6}\n    accuracy: {min: 0.999}\n"
					+ "    log_loss: {max: 5.0}\n  period:\n    roc_auc: {min: 0.1}\n")
			.daily("toy", YearMonth.of(2024, 1), YearMonth.of(2024, 3), 6, 0);
	}

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Leases leases;

	@Test
	void aNowtestLaunchedOverHttpCompletesAndItsFiguresBreachesAndGaugesReadBack() throws Exception {
		// when
		HttpResponse<String> launched = post("/api/runs", nowtest("2024-03-31"), OPERATOR);
		// then: accepted at once, with the run to follow
		assertThat(launched.statusCode()).as(launched.body()).isEqualTo(202);
		JsonNode body = JSON.readTree(launched.body());
		long runId = body.get("runId").asLong();
		assertThat(body.get("outcome").asString()).isEqualTo("started");
		assertThat(body.get("heading").asString())
			.isEqualTo("Now-testing toy: window 2024-03-12..2024-03-31 (20 days)");
		assertThat(launched.headers().firstValue("Location")).contains("/api/runs/" + runId);
		await().atMost(Duration.ofMinutes(5))
			.until(() -> "COMPLETED".equals(json(get("/api/runs/" + runId, VIEWER)).at("/run/status").asString()));
		// when: what the command would print
		HttpResponse<String> summary = await().atMost(Duration.ofMinutes(1))
			.until(() -> get("/api/runs/" + runId + "/summary?wait=1", VIEWER), (answer) -> answer.statusCode() != 202);
		// then: its printout and exit code (3: a requirement breached)
		assertThat(summary.statusCode()).as(summary.body()).isEqualTo(200);
		assertThat(summary.headers().firstValue("Ratchet-Exit-Code")).contains("3");
		assertThat(summary.body()).contains("toy-logit@1", "Verdict: BREACH", "Report:  ");
		assertThat(get("/api/runs/" + runId + "/summary?wait=61", VIEWER).statusCode()).isEqualTo(400);
		assertThat(get("/api/runs/999999/summary", VIEWER).statusCode()).isEqualTo(404);
		// when: the run, its figures and breaches
		JsonNode run = json(get("/api/runs/" + runId, VIEWER));
		JsonNode metrics = json(get("/api/runs/" + runId + "/metrics", VIEWER));
		JsonNode breaches = json(get("/api/runs/" + runId + "/breaches", VIEWER));
		// then
		assertThat(run.at("/run/job").asString()).isEqualTo("nowtest");
		assertThat(run.at("/run/dataset").asString()).isEqualTo("toy");
		assertThat(run.at("/run/verdict").asString()).isEqualTo("BREACH");
		assertThat(run.at("/models/0/model").asString()).isEqualTo("toy-logit@1");
		assertThat(run.at("/models/0/role").asString()).isEqualTo("champion");
		double auc = stored(runId, "roc_auc");
		JsonNode apiAuc = find(metrics, "toy-logit@1", "ALL", "roc_auc");
		assertThat(apiAuc.get("value").asDouble()).isEqualTo(auc);
		assertThat(apiAuc.get("role").asString()).isEqualTo("champion");
		assertThat(apiAuc.get("rows").asLong()).isPositive();
		assertThat(metrics.size()).isEqualTo(this.jdbc.sql("SELECT COUNT(*) FROM metric_value WHERE run_id = ?")
			.param(runId)
			.query(Long.class)
			.single()
			.intValue());
		JsonNode accuracy = find(breaches, "toy-logit@1", "ALL", "accuracy");
		assertThat(accuracy.get("bound").asString()).isEqualTo("min");
		assertThat(accuracy.get("limit").asDouble()).isEqualTo(0.999);
		assertThat(accuracy.get("value").asDouble()).isEqualTo(stored(runId, "accuracy"));
		// when: the same launch again
		HttpResponse<String> again = post("/api/runs", nowtest("2024-03-31"), OPERATOR);
		// then: the same run, not a new one
		assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
		assertThat(json(again).get("runId").asLong()).isEqualTo(runId);
		assertThat(json(again).get("outcome").asString()).isEqualTo("already-completed");
		assertThat(json(again).at("/run/status").asString()).isEqualTo("COMPLETED");
		assertThat(json(get("/api/runs?job=nowtest&status=completed&dataset=toy", VIEWER)).findValuesAsString("id"))
			.contains(Long.toString(runId));
		assertThat(json(get("/api/runs?job=backtest", VIEWER)).size()).isZero();
		// when: Prometheus is scraped
		HttpResponse<String> scrape = get("/actuator/prometheus", VIEWER);
		// then: the gauges are the stored figures and the bounds
		assertThat(scrape.statusCode()).isEqualTo(200);
		Map<String, Double> samples = samples(scrape.body());
		String labels = "dataset=\"toy\",metric=\"roc_auc\",model=\"toy-logit\"";
		assertThat(samples).containsEntry("ratchet_requirement_value{" + labels + "}", auc)
			.containsEntry("ratchet_requirement_bound{bound=\"min\"," + labels + "}", 0.6)
			.containsEntry("ratchet_requirement_met{" + labels + "}", 1.0)
			.containsEntry("ratchet_requirement_value{dataset=\"toy\",metric=\"accuracy\",model=\"toy-logit\"}",
					stored(runId, "accuracy"))
			.containsEntry("ratchet_requirement_met{dataset=\"toy\",metric=\"accuracy\",model=\"toy-logit\"}", 0.0)
			.containsEntry(
					"ratchet_requirement_bound{bound=\"max\",dataset=\"toy\",metric=\"log_loss\",model=\"toy-logit\"}",
					5.0)
			.containsEntry("ratchet_requirement_met{dataset=\"toy\",metric=\"log_loss\",model=\"toy-logit\"}", 1.0);
		assertThat(samples.keySet().stream().filter((key) -> key.startsWith("ratchet_requirement_")))
			.as("three bounded metrics: a value, a verdict and a bound each")
			.hasSize(3 + 3 + 3);
	}

	@Test
	void aLaunchRunningElsewhereIsRefusedWith409AndNothingStarts() throws Exception {
		// given: the same now-test claimed, as by a command running it
		String claim = new NowtestParameters("toy", LocalDate.of(2024, 2, 29), 20, 0).toJobParameters().toString();
		LeaseId lease = LeaseId.command("nowtest", claim);
		assertThat(this.leases.claim(lease).granted()).isTrue();
		try {
			// when
			HttpResponse<String> refused = post("/api/runs", nowtest("2024-02-29"), OPERATOR);
			// then
			assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
			assertThat(json(refused).get("message").asString())
				.startsWith("This now-test (" + claim + ") is already running")
				.contains("not started twice");
			assertThat(this.jdbc.sql("SELECT COUNT(*) FROM run WHERE as_of = ?")
				.param(LocalDate.of(2024, 2, 29).atStartOfDay())
				.query(Long.class)
				.single()).isZero();
		}
		finally {
			this.leases.release(lease);
		}
	}

	@Test
	void theViewerReadsEverythingButMayNotLaunch() throws Exception {
		// when
		HttpResponse<String> launch = post("/api/runs", nowtest("2024-01-31"), VIEWER);
		// then
		assertThat(launch.statusCode()).isEqualTo(403);
		assertThat(json(launch).get("message").asString()).contains("needs the role OPERATOR")
			.contains("user 'viewer' may only read");
		for (String path : List.of("/api/runs", "/api/alerts", "/api/models", "/api/registry",
				"/api/registry/toy/history", "/actuator/health")) {
			assertThat(get(path, VIEWER).statusCode()).as(path).isEqualTo(200);
		}
	}

	@Test
	void withoutCredentialsTheApiAnswers401WithABasicChallenge() throws Exception {
		for (String path : List.of("/api/runs", "/api/runs/1", "/api/models", "/actuator/prometheus")) {
			// when
			HttpResponse<String> response = get(path, null);
			// then
			assertThat(response.statusCode()).as(path).isEqualTo(401);
			assertThat(response.headers().firstValue("WWW-Authenticate")).as(path)
				.hasValueSatisfying((value) -> assertThat(value).startsWith("Basic"));
		}
		assertThat(post("/api/runs", nowtest("2024-01-31"), null).statusCode()).isEqualTo(401);
		assertThat(get("/api/runs", "operator:wrong").statusCode()).isEqualTo(401);
	}

	@Test
	void badInputIsRefusedWith400NamingTheField() throws Exception {
		assertThat(error(post("/api/runs", "{\"job\": \"nowtset\"}", OPERATOR))).containsEntry("field", "job");
		assertThat(error(post("/api/runs", nowtest("2024-02-30"), OPERATOR))).containsEntry("field", "parameters.asOf");
		assertThat(error(post("/api/runs",
				"{\"job\": \"nowtest\", \"parameters\": {\"dataset\": \"toy\", \"windw\": \"3d\"}}", OPERATOR)))
			.containsEntry("field", "parameters.windw");
		assertThat(
				error(post("/api/runs", "{\"job\": \"nowtest\", \"parameters\": {\"dataset\": \"../etc\"}}", OPERATOR)))
			.containsEntry("field", "parameters.dataset");
		assertThat(
				error(post("/api/runs", "{\"job\": \"nowtest\", \"parameters\": {\"dataset\": \"absent\"}}", OPERATOR)))
			.containsEntry("field", "parameters.dataset");
		assertThat(error(post("/api/runs", "{not json", OPERATOR))).containsEntry("field", "body");
		assertThat(error(get("/api/runs?limit=0", VIEWER))).containsEntry("field", "limit");
		assertThat(error(get("/api/runs?limit=many", VIEWER))).containsEntry("field", "limit");
		assertThat(error(get("/api/runs?status=done", VIEWER))).containsEntry("field", "status");
		HttpResponse<String> missing = get("/api/runs/987654321", VIEWER);
		assertThat(missing.statusCode()).isEqualTo(404);
		assertThat(json(missing).get("message").asString()).isEqualTo("no run 987654321 (GET /api/runs lists them)");
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM run WHERE dataset = 'absent'").query(Long.class).single())
			.isZero();
	}

	@Test
	void modelsRegistryAndHistoryShowTheWorkspace() throws Exception {
		// when
		JsonNode models = json(get("/api/models?dataset=toy", VIEWER));
		JsonNode registry = json(get("/api/registry", VIEWER));
		JsonNode history = json(get("/api/registry/toy/history", VIEWER));
		JsonNode alerts = json(get("/api/alerts?limit=5", VIEWER));
		// then
		assertThat(models.findValuesAsString("key")).containsExactly("toy-flat@1", "toy-logit@1");
		assertThat(models.findValuesAsString("role")).containsExactly("candidate", "champion");
		assertThat(models.get(1).get("sha256").asString()).hasSize(64);
		assertThat(registry.get(0).get("dataset").asString()).isEqualTo("toy");
		assertThat(registry.get(0).get("champion").asString()).isEqualTo("toy-logit@1");
		assertThat(registry.get(0).get("candidates").get(0).asString()).isEqualTo("toy-flat@1");
		assertThat(history.get("champion").asString()).isEqualTo("toy-logit@1");
		assertThat(history.get("events").isArray()).isTrue();
		assertThat(alerts.isArray()).isTrue();
	}

	private static String nowtest(String asOf) {
		return "{\"job\": \"nowtest\", \"parameters\": {\"dataset\": \"toy\", \"asOf\": \"" + asOf
				+ "\", \"window\": \"20d\", \"labelDelay\": \"0d\"}}";
	}

	private double stored(long runId, String metric) {
		return this.jdbc.sql("""
				SELECT v.val FROM metric_value v JOIN run_model rm ON rm.run_id = v.run_id
					AND rm.model_version_id = v.model_version_id AND rm.role = 'champion'
				WHERE v.run_id = ? AND v.period = 'ALL' AND v.metric = ?""")
			.params(runId, metric)
			.query(Double.class)
			.single();
	}

	private static JsonNode find(JsonNode rows, String model, String period, String metric) {
		for (JsonNode row : rows) {
			if (model.equals(row.get("model").asString()) && period.equals(row.get("period").asString())
					&& metric.equals(row.get("metric").asString())) {
				return row;
			}
		}
		throw new AssertionError("no " + model + " " + period + " " + metric + " in " + rows);
	}

	/** Prometheus text format: each sample line, {@code name{labels}} to its value. */
	private static Map<String, Double> samples(String text) {
		Pattern sample = Pattern.compile("^(\\w+(?:\\{[^}]*\\})?) (\\S+)$");
		Map<String, Double> samples = new HashMap<>();
		text.lines().filter((line) -> !line.startsWith("#")).forEach((line) -> {
			Matcher matcher = sample.matcher(line);
			if (matcher.matches()) {
				samples.put(matcher.group(1), Double.valueOf(matcher.group(2)));
			}
		});
		return samples;
	}

	private static Map<String, Object> error(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		JsonNode body = json(response);
		assertThat(body.get("status").asInt()).isEqualTo(400);
		assertThat(body.get("message").asString()).isNotBlank();
		return Map.of("field", body.get("field").asString());
	}

	private static JsonNode json(HttpResponse<String> response) {
		assertThat(response.headers().firstValue("Content-Type")).as(response.body())
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		return JSON.readTree(response.body());
	}

	private HttpResponse<String> get(String path, String userAndPassword) throws IOException, InterruptedException {
		return this.http.send(request(path, userAndPassword).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path, String body, String userAndPassword)
			throws IOException, InterruptedException {
		return this.http.send(request(path, userAndPassword).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest.Builder request(String path, String userAndPassword) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path));
		if (userAndPassword != null) {
			request.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8)));
		}
		return request;
	}

}
