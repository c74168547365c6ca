package io.ratchet.console;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.ratchet.TestPaths;
import io.ratchet.cli.CommandLine;
import io.ratchet.launch.JobRequests;
import io.ratchet.launch.LaunchRequest;
import io.ratchet.lease.LeaseId;
import io.ratchet.lease.Leases;
import io.ratchet.run.ResultsStore;
import io.ratchet.run.RunRecord;
import org.awaitility.Awaitility;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's pages over real HTTP (a started server, a plain HTTP client that keeps
 * the session cookie, no browser): signing in, the runs and a run's report as the job
 * wrote it, the outbox, the schedule and the champion history, and what is refused.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=servlet", "ratchet.http.username=ops",
				"ratchet.http.password=ops-password", "ratchet.http.viewer-username=reader",
				"ratchet.http.viewer-password=reader-password" })
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsolePagesTests {

	static final Path root = Path.of("target", "console-workspace", UUID.randomUUID().toString()).toAbsolutePath();

	@DynamicPropertySource
	static void paths(DynamicPropertyRegistry registry) {
		TestPaths.register(registry, () -> root);
	}

	@LocalServerPort
	int port;

	@Autowired
	CommandLine commandLine;

	@Autowired
	ResultsStore results;

	@Autowired
	JobRequests requests;

	@Autowired
	Leases leases;

	RunRecord nowtest;

	@BeforeAll
	void aNowtestOfTheDemo() throws Exception {
		FileSystemUtils.deleteRecursively(root);
		TestPaths.copyDemo(root);
		// the demo's now-test breaches: exit code 3, and an alert in the outbox
		assertThat(this.commandLine.run("nowtest", "--dataset", "churn")).isEqualTo(CommandLine.BREACHED);
		this.nowtest = this.results.recentRuns(1).get(0);
	}

	@Test
	void withoutSigningInEveryPageSendsToTheLoginForm() throws Exception {
		ConsoleClient client = new ConsoleClient(this.port);
		for (String path : new String[] { "/", "/console", "/console/alerts", "/console/schedule", "/console/history",
				"/console/launch", "/console/runs/1", "/console/reports/index.html" }) {
			// when
			HttpResponse<String> response = client.get(path);
			// then
			assertThat(response.statusCode()).as(path).isEqualTo(302);
			assertThat(response.headers().firstValue("Location")).as(path)
				.hasValueSatisfying((location) -> assertThat(location).endsWith("/login"));
		}
	}

	@Test
	void theLoginFormsStylesheetAndTheFaviconAskForNoPassword() throws Exception {
		// given: a browser stops loading a page to prompt for a password when a part of
		// it answers with an HTTP basic challenge
		ConsoleClient client = new ConsoleClient(this.port);
		// when
		HttpResponse<String> styles = client.get(ConsoleSecurityConfiguration.LOGIN_STYLES);
		HttpResponse<String> favicon = client.get(ConsolePages.FAVICON);
		// then
		assertThat(Jsoup.parse(client.get("/login").body()).select("link[rel=stylesheet]").eachAttr("href"))
			.containsExactly(ConsoleSecurityConfiguration.LOGIN_STYLES);
		assertThat(styles.statusCode()).isEqualTo(200);
		assertThat(favicon.statusCode()).isEqualTo(204);
		assertThat(styles.headers().firstValue("WWW-Authenticate")).isEmpty();
		assertThat(favicon.headers().firstValue("WWW-Authenticate")).isEmpty();
	}

	@Test
	void aWrongPasswordIsRefused() throws Exception {
		// given
		ConsoleClient client = new ConsoleClient(this.port);
		// when
		HttpResponse<String> response = client.signIn("ops", "wrong");
		// then
		assertThat(response.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/login?error"));
		assertThat(client.get("/console").statusCode()).isEqualTo(302);
	}

	@Test
	void theRunsListTheNowtestWithItsVerdictAndLinkToItsReport() throws Exception {
		// given
		ConsoleClient client = signedIn();
		// when
		Document runs = Jsoup.parse(client.get("/console").body());
		// then
		var row = runs.selectFirst("#run-" + this.nowtest.id());
		assertThat(row).isNotNull();
		assertThat(row.selectFirst(".verdict").text()).isEqualTo("BREACH");
		assertThat(row.select("td").get(2).text()).isEqualTo("nowtest");
		assertThat(row.select("a").eachAttr("href")).containsExactly("/console/runs/" + this.nowtest.id(),
				"/console/reports/nowtest/" + this.nowtest.id() + "/index.html");
	}

	@Test
	void aReportIsTheFileTheJobWroteServedAsItIs() throws Exception {
		// given
		ConsoleClient client = signedIn();
		Path dir = root.resolve("reports/nowtest/" + this.nowtest.id());
		String chart = Jsoup.parse(Files.readString(dir.resolve("index.html"))).selectFirst("img").attr("src");
		// when
		HttpResponse<byte[]> page = client.getBytes("/console/reports/nowtest/" + this.nowtest.id() + "/index.html");
		HttpResponse<byte[]> png = client.getBytes("/console/reports/nowtest/" + this.nowtest.id() + "/" + chart);
		HttpResponse<byte[]> index = client.getBytes("/console/reports/index.html");
		// then
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
		assertThat(page.body()).isEqualTo(Files.readAllBytes(dir.resolve("index.html")));
		assertThat(png.statusCode()).isEqualTo(200);
		assertThat(png.headers().firstValue("Content-Type")).hasValue("image/png");
		assertThat(png.body()).isEqualTo(Files.readAllBytes(dir.resolve(chart)));
		assertThat(index.body()).isEqualTo(Files.readAllBytes(root.resolve("reports/index.html")));
	}

	@Test
	void nothingOutsideTheReportsFolderIsServed() throws Exception {
		// given
		ConsoleClient client = signedIn();
		Files.writeString(root.resolve("secret.html"), "not a report");
		// when / then: plain, encoded and doubly encoded climbs are refused, never served
		// (400 from the firewall, 404 here; a plain climb is normalised by the server to
		// /secret.html, outside the console: 401)
		for (String path : new String[] { "/console/reports/../../secret.html", "/console/reports/%2e%2e/secret.html",
				"/console/reports/..%2fsecret.html", "/console/reports/%252e%252e/secret.html",
				"/console/reports/nowtest/" + this.nowtest.id() + "/metrics.txt" }) {
			HttpResponse<String> response = client.get(path);
			assertThat(response.statusCode()).as(path).isIn(400, 401, 404);
			assertThat(response.body()).as(path).doesNotContain("not a report");
		}
	}

	@Test
	void aRunsPageShowsItsStatusVerdictAndReport() throws Exception {
		// given
		ConsoleClient client = signedIn();
		// when
		Document page = Jsoup.parse(client.get("/console/runs/" + this.nowtest.id()).body());
		// then
		assertThat(page.selectFirst("#verdict").text()).isEqualTo("BREACH");
		assertThat(page.selectFirst("#report").attr("href"))
			.isEqualTo("/console/reports/nowtest/" + this.nowtest.id() + "/index.html");
		assertThat(page.select("meta[http-equiv=refresh]")).as("a finished run does not reload").isEmpty();
		assertThat(Jsoup.parse(client.get("/console/runs/999999").body()).selectFirst("#status").text())
			.startsWith("Starting");
	}

	@Test
	void theOutboxScheduleAndHistoryPagesShowWhatTheCommandsPrint() throws Exception {
		// given
		ConsoleClient client = signedIn();
		// when
		Document alerts = Jsoup.parse(client.get("/console/alerts").body());
		Document schedule = Jsoup.parse(client.get("/console/schedule").body());
		Document history = Jsoup.parse(client.get("/console/history").body());
		// then: the now-test's breach alert
		assertThat(alerts.select("#alerts tbody tr")).isNotEmpty();
		assertThat(alerts.select("#alerts tbody tr td:eq(1)").eachText()).contains(Long.toString(this.nowtest.id()));
		// the schedule of config/application.yml, each entry with its next fire time
		assertThat(schedule.select("#schedule tbody tr td:first-child").eachText()).contains("nightly-nowtest-churn");
		assertThat(schedule.select("#schedule tbody tr td:last-child").eachText()).allSatisfy(
				(next) -> assertThat(next).matches("\\w{3} \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} [+-]\\d{2}:\\d{2}"));
		// the demo's champion, and the run that had it
		assertThat(history.selectFirst("#dataset-churn strong").text()).isEqualTo("churn-logit@1");
		assertThat(history.select("#dataset-churn td").eachText()).contains("churn-logit@1");
	}

	@Test
	void aFormPostedWithoutTheCsrfTokenIsRefused() throws Exception {
		// given: a signed-in operator's session, and a post that does not carry the
		// page's token (what a form on another site sends)
		ConsoleClient client = signedIn();
		List<RunRecord> before = this.results.recentRuns(100);
		// when
		HttpResponse<String> response = client.post("/console/launch", Map.of("job", "nowtest", "dataset", "churn"));
		// then
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(Jsoup.parse(response.body()).selectFirst("#reason").text()).contains("CSRF");
		assertThat(this.results.recentRuns(100)).isEqualTo(before);
	}

	@Test
	void aViewerReadsEveryPageButMayNotLaunch() throws Exception {
		// given
		ConsoleClient viewer = signedIn("reader", "reader-password");
		List<RunRecord> before = this.results.recentRuns(100);
		for (String path : new String[] { "/console", "/console/alerts", "/console/schedule", "/console/history",
				"/console/launch", "/console/runs/" + this.nowtest.id(), "/console/reports/index.html" }) {
			assertThat(viewer.get(path).statusCode()).as(path).isEqualTo(200);
		}
		// when: the form posted with its token
		HttpResponse<String> response = viewer.post("/console/launch",
				Map.of("job", "nowtest", "dataset", "churn", "_csrf", viewer.csrfToken("/console/launch")));
		// then
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(Jsoup.parse(response.body()).selectFirst("#reason").text()).contains("not launch");
		assertThat(this.results.recentRuns(100)).isEqualTo(before);
	}

	@Test
	void anOperatorLaunchesANowtestAndItsPageShowsTheVerdictWhenDone() throws Exception {
		// given
		ConsoleClient client = signedIn();
		// when
		HttpResponse<String> launched = client.post("/console/launch", Map.of("job", "nowtest", "dataset", "churn",
				"asOf", "2026-09-30", "_csrf", client.csrfToken("/console/launch")));
		// then: to the new run's page, which reloads itself until the verdict is there
		assertThat(launched.statusCode()).isEqualTo(303);
		String location = launched.headers().firstValue("Location").orElseThrow();
		assertThat(location).matches("/console/runs/\\d+");
		long run = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
		assertThat(run).isNotEqualTo(this.nowtest.id());
		Document done = Awaitility.await()
			.atMost(Duration.ofMinutes(3))
			.pollInterval(Duration.ofMillis(300))
			.until(() -> Jsoup.parse(client.get(location).body()), (page) -> page.selectFirst("#verdict") != null
					&& !"STARTED".equals(page.selectFirst("#verdict").text()));
		RunRecord stored = this.results.run(run).orElseThrow();
		assertThat(done.selectFirst("#verdict").text()).isEqualTo(stored.verdict().replace('_', ' '));
		assertThat(stored.asOf().toLocalDate()).isEqualTo(LocalDate.of(2026, 9, 30));
		assertThat(done.select("meta[http-equiv=refresh]")).isEmpty();
		assertThat(client.getBytes(done.selectFirst("#report").attr("href")).statusCode()).isEqualTo(200);
		assertThat(Jsoup.parse(client.get("/console").body()).selectFirst("#run-" + run + " .verdict").text())
			.isEqualTo(done.selectFirst("#verdict").text());
	}

	@Test
	void theSameParametersAgainShowTheRunThatAlreadyRan() throws Exception {
		// given
		ConsoleClient client = signedIn();
		String asOf = this.nowtest.asOf().toLocalDate().toString();
		// when
		HttpResponse<String> again = client.post("/console/launch", Map.of("job", "nowtest", "dataset", "churn", "asOf",
				asOf, "_csrf", client.csrfToken("/console/launch")));
		// then
		assertThat(again.headers().firstValue("Location")).hasValue("/console/runs/" + this.nowtest.id());
	}

	@Test
	void aLaunchAlreadyRunningIsRefusedWithTheCommandLinesMessage() throws Exception {
		// given: another process holds the claim of the same now-test
		ConsoleClient client = signedIn();
		LaunchRequest same = this.requests.request("nowtest", Map.of("dataset", "churn", "asOf", "2026-08-31"));
		LeaseId lease = LeaseId.command(same.job().getName(), same.claim());
		assertThat(this.leases.claim(lease).granted()).isTrue();
		List<RunRecord> before = this.results.recentRuns(100);
		try {
			// when
			HttpResponse<String> refused = client.post("/console/launch", Map.of("job", "nowtest", "dataset", "churn",
					"asOf", "2026-08-31", "_csrf", client.csrfToken("/console/launch")));
			// then
			assertThat(refused.statusCode()).isEqualTo(409);
			assertThat(Jsoup.parse(refused.body()).selectFirst("#problem").text())
				.startsWith("This now-test (" + same.claim() + ") is already running")
				.contains("not started twice");
			assertThat(this.results.recentRuns(100)).isEqualTo(before);
		}
		finally {
			this.leases.release(lease);
		}
	}

	@Test
	void aBadValueShowsTheFormAgainNamingIt() throws Exception {
		// given
		ConsoleClient client = signedIn();
		// when
		HttpResponse<String> bad = client.post("/console/launch", Map.of("job", "nowtest", "dataset", "churn", "asOf",
				"yesterday", "_csrf", client.csrfToken("/console/launch")));
		// then
		assertThat(bad.statusCode()).isEqualTo(400);
		Document form = Jsoup.parse(bad.body());
		assertThat(form.selectFirst("#problem").text())
			.isEqualTo("parameters.asOf: must be a date YYYY-MM-DD, not 'yesterday'");
		assertThat(form.selectFirst("#asOf").attr("value")).isEqualTo("yesterday");
	}

	private ConsoleClient signedIn() throws Exception {
		return signedIn("ops", "ops-password");
	}

	private ConsoleClient signedIn(String username, String password) throws Exception {
		ConsoleClient client = new ConsoleClient(this.port);
		HttpResponse<String> response = client.signIn(username, password);
		assertThat(response.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/console"));
		return client;
	}

}
