package io.ratchet.console;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven by its chromedriver, for the console's browser tests.
 * Found on the {@code PATH} (or {@code RATCHET_TEST_CHROMIUM} and
 * {@code RATCHET_TEST_CHROMEDRIVER}); where either is missing the test is skipped with a
 * message, unless {@code RATCHET_TEST_BROWSER_REQUIRED=1} (CI: {@code .ci/run} installs
 * both with {@code .ci/chromium}), which makes it fail. Selenium Manager is never asked
 * to download anything: the driver's path is given.
 */
final class Browser {

	private Browser() {
	}

	/** A new headless browser: quit it after the test. */
	static ChromeDriver start() {
		Optional<Path> chromium = find("RATCHET_TEST_CHROMIUM", "chromium", "chromium-browser");
		Optional<Path> driver = find("RATCHET_TEST_CHROMEDRIVER", "chromedriver");
		if (chromium.isEmpty() || driver.isEmpty()) {
			String missing = "headless Chromium tests need chromium and chromedriver (Debian: apt-get install chromium "
					+ "chromium-driver, as .ci/chromium does); not found: " + (chromium.isEmpty() ? "chromium " : "")
					+ (driver.isEmpty() ? "chromedriver" : "");
			if ("1".equals(System.getenv("RATCHET_TEST_BROWSER_REQUIRED"))) {
				throw new IllegalStateException(missing + " (RATCHET_TEST_BROWSER_REQUIRED=1)");
			}
			Assumptions.abort(missing);
		}
		ChromeOptions options = new ChromeOptions();
		options.setBinary(chromium.get().toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--window-size=1280,1000", "--force-device-scale-factor=1");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.get().toFile())
			.usingAnyFreePort()
			.build();
		return new ChromeDriver(service, options);
	}

	private static Optional<Path> find(String variable, String... names) {
		String given = System.getenv(variable);
		if (given != null && !given.isBlank()) {
			return Optional.of(Path.of(given)).filter(Files::isExecutable);
		}
		for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			for (String name : List.of(names)) {
				Path candidate = Path.of(dir, name);
				if (Files.isExecutable(candidate)) {
					return Optional.of(candidate);
				}
			}
		}
		return Optional.empty();
	}

}
