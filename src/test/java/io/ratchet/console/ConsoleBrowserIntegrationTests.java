package io.ratchet.console;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.ratchet.TestPaths;
import io.ratchet.cli.CommandLine;
import io.ratchet.run.ResultsStore;
import io.ratchet.run.RunRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

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
 * The console in a real headless Chromium ({@link Browser}): an operator signs in, opens
 * the runs and a report, launches a now-test from the form and sees it listed with its
 * verdict; a viewer is refused the launch; a form on another site that posts to the
 * console without the CSRF token launches nothing. Skipped with a message where Chromium
 * or chromedriver is missing, unless {@code RATCHET_TEST_BROWSER_REQUIRED=1} (CI).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=servlet", "ratchet.http.username=ops",
				"ratchet.http.password=ops-password", "ratchet.http.viewer-username=reader",
				"ratchet.http.viewer-password=reader-password" })
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserIntegrationTests {

	static final Path root = Path.of("target", "console-browser", UUID.randomUUID().toString()).toAbsolutePath();

	/** Long enough for a now-test of the demo on a busy machine; ends at the verdict. */
	static final Duration RUN = Duration.ofMinutes(3);

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

	RunRecord nowtest;

	ChromeDriver browser;

	@BeforeAll
	void aNowtestOfTheDemo() throws Exception {
		FileSystemUtils.deleteRecursively(root);
		TestPaths.copyDemo(root);
		assertThat(this.commandLine.run("nowtest", "--dataset", "churn")).isEqualTo(CommandLine.BREACHED);
		this.nowtest = this.results.recentRuns(1).get(0);
	}

	@BeforeEach
	void startTheBrowser() {
		this.browser = Browser.start();
	}

	@AfterEach
	void quitTheBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void anOperatorOpensTheRunsAndAReportThenLaunchesANowtestAndSeesItsVerdict() {
		// given
		signIn("ops", "ops-password");
		// when: the runs, then the seeded now-test's report as the job wrote it
		WebElement row = this.browser.findElement(By.id("run-" + this.nowtest.id()));
		assertThat(row.findElement(By.className("verdict")).getText()).isEqualTo("BREACH");
		row.findElement(By.linkText("report")).click();
		// then
		assertThat(this.browser.getCurrentUrl())
			.endsWith("/console/reports/nowtest/" + this.nowtest.id() + "/index.html");
		assertThat(this.browser.findElement(By.cssSelector("div.verdict span")).getText()).isEqualTo("BREACH");
		assertThat(this.browser.findElements(By.tagName("img"))).isNotEmpty()
			.allSatisfy((img) -> assertThat(
					((Number) this.browser.executeScript("return arguments[0].naturalWidth", img)).intValue())
				.as("chart %s loaded", img.getAttribute("src"))
				.isPositive());

		// when: a now-test launched from the form
		this.browser.get(url("/console/launch"));
		new Select(this.browser.findElement(By.id("job"))).selectByValue("nowtest");
		new Select(this.browser.findElement(By.id("dataset"))).selectByValue("churn");
		this.browser.findElement(By.id("asOf")).sendKeys("2026-09-30");
		this.browser.findElement(By.id("launch")).click();

		// then: the run's page, reloading itself until the verdict is there
		new WebDriverWait(this.browser, Duration.ofSeconds(30))
			.until(ExpectedConditions.urlMatches("/console/runs/\\d+$"));
		String runUrl = this.browser.getCurrentUrl();
		long run = Long.parseLong(runUrl.substring(runUrl.lastIndexOf('/') + 1));
		assertThat(run).isNotEqualTo(this.nowtest.id());
		new WebDriverWait(this.browser, RUN).ignoring(StaleElementReferenceException.class)
			.until((driver) -> verdict(driver).filter((text) -> !"STARTED".equals(text)).isPresent());
		String verdict = verdict(this.browser).orElseThrow();
		assertThat(verdict).isEqualTo(this.results.run(run).orElseThrow().verdict().replace('_', ' '));
		// and listed with it
		this.browser.findElement(By.linkText("Runs")).click();
		assertThat(this.browser.findElement(By.cssSelector("#run-" + run + " .verdict")).getText()).isEqualTo(verdict);
	}

	@Test
	void aViewerReadsTheConsoleButGets403OnLaunch() {
		// given
		signIn("reader", "reader-password");
		List<RunRecord> before = this.results.recentRuns(100);
		this.browser.get(url("/console/launch"));
		assertThat(this.browser.findElement(By.className("problem")).getText()).contains("not launch");
		// when
		this.browser.findElement(By.id("launch")).click();
		// then: the refusal's page, once the browser has left the form (until then the
		// form's own heading is found, and goes stale as the next page loads)
		new WebDriverWait(this.browser, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
			.until((driver) -> "403: refused".equals(driver.findElement(By.tagName("h1")).getText()));
		assertThat(this.browser.findElement(By.id("reason")).getText()).contains("may read the console but not launch");
		assertThat(this.results.recentRuns(100)).isEqualTo(before);
	}

	@Test
	void aFormOnAnotherSiteLaunchesNothing() throws Exception {
		// given: a signed-in operator, and a page elsewhere with a form that posts to
		// the console (no CSRF token: another site cannot read it)
		signIn("ops", "ops-password");
		List<RunRecord> before = this.results.recentRuns(100);
		Path page = root.resolve("elsewhere.html");
		Files.writeString(page, "<form method=post action='" + url("/console/launch") + "'>"
				+ "<input name=job value=nowtest><input name=dataset value=churn><input name=asOf value=2026-07-31>"
				+ "<button id=go>win a prize</button></form>");
		this.browser.get(page.toUri().toString());
		// when
		this.browser.findElement(By.id("go")).click();
		// then: refused (403 with the reason, or the sign-in form when the browser kept
		// the session cookie from the cross-site post) and nothing launched
		new WebDriverWait(this.browser, Duration.ofSeconds(30))
			.until(ExpectedConditions.urlContains("127.0.0.1:" + this.port));
		String shown = this.browser.findElement(By.tagName("body")).getText();
		assertThat(shown.contains("without a valid CSRF token") || this.browser.getCurrentUrl().endsWith("/login"))
			.as(shown)
			.isTrue();
		assertThat(this.results.recentRuns(100)).isEqualTo(before);
	}

	private void signIn(String username, String password) {
		this.browser.get(url("/console"));
		assertThat(this.browser.getCurrentUrl()).endsWith("/login");
		this.browser.findElement(By.name("username")).sendKeys(username);
		this.browser.findElement(By.name("password")).sendKeys(password);
		this.browser.findElement(By.cssSelector("button[type=submit]")).click();
		new WebDriverWait(this.browser, Duration.ofSeconds(30))
			.until(ExpectedConditions.urlMatches("/console(\\?continue)?$"));
	}

	private static Optional<String> verdict(WebDriver driver) {
		return driver.findElements(By.id("verdict")).stream().findFirst().map(WebElement::getText);
	}

	private String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

}
