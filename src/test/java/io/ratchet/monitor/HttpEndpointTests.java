package io.ratchet.monitor;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The scheduler's HTTP endpoint as {@code jobs/scheduler} runs it (a servlet web
 * application; the jar's defaults bind it to loopback): every request needs HTTP basic,
 * health shows the scheduler, the meters read the database.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=servlet", "ratchet.http.username=monitor",
				"ratchet.http.password=test-password", "ratchet.http.viewer-username=reader",
				"ratchet.http.viewer-password=reader-password" })
@ActiveProfiles("test")
class HttpEndpointTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	WebServerApplicationContext context;

	@Autowired
	Environment environment;

	// "/" is the console's (a sign-in form: io.ratchet.console.ConsolePagesTests)
	@Test
	void withoutCredentialsEveryEndpointAnswers401() throws Exception {
		for (String path : new String[] { "/actuator/health", "/actuator/health/liveness", "/actuator/metrics",
				"/actuator/metrics/ratchet.alerts.pending", "/actuator", "/nothing-here" }) {
			// when
			HttpResponse<String> response = get(path, null);
			// then
			assertThat(response.statusCode()).as(path).isEqualTo(401);
			assertThat(response.headers().firstValue("WWW-Authenticate")).as(path)
				.hasValueSatisfying((value) -> assertThat(value).startsWith("Basic"));
		}
	}

	@Test
	void aWrongPasswordAnswers401() throws Exception {
		assertThat(get("/actuator/health", "monitor:wrong").statusCode()).isEqualTo(401);
		assertThat(get("/actuator/health", "ratchet:test-password").statusCode()).isEqualTo(401);
	}

	@Test
	void withCredentialsHealthShowsTheSchedulerAndTheMetricsRatchetsMeters() throws Exception {
		// when
		HttpResponse<String> health = get("/actuator/health", "monitor:test-password");
		HttpResponse<String> pending = get("/actuator/metrics/ratchet.alerts.pending", "monitor:test-password");
		HttpResponse<String> runs = get("/actuator/metrics/ratchet.runs", "monitor:test-password");
		HttpResponse<String> firing = get("/actuator/metrics/ratchet.scheduler.firing", "monitor:test-password");
		// then
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"status\":\"UP\"", "\"scheduler\"", "alertsPending");
		assertThat(pending.statusCode()).isEqualTo(200);
		assertThat(pending.body()).contains("\"name\":\"ratchet.alerts.pending\"", "\"value\":0.0");
		assertThat(runs.statusCode()).isEqualTo(200);
		assertThat(runs.body()).contains("\"job\"", "backtest", "nowtest", "COMPLETED", "FAILED");
		assertThat(firing.statusCode()).isEqualTo(200);
	}

	@Test
	void theReadOnlyUserReadsHealthAndMetricsToo() throws Exception {
		// when
		HttpResponse<String> health = get("/actuator/health", "reader:reader-password");
		HttpResponse<String> metrics = get("/actuator/metrics/ratchet.runs", "reader:reader-password");
		HttpResponse<String> wrong = get("/actuator/health", "reader:test-password");
		// then
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(metrics.statusCode()).isEqualTo(200);
		assertThat(wrong.statusCode()).isEqualTo(401);
	}

	@Test
	void theServerListensOnLoopbackOnly() throws Exception {
		// given
		InetAddress configured = InetAddress.getByName(this.environment.getProperty("server.address"));
		// then
		assertThat(configured.isLoopbackAddress()).isTrue();
		assertThat(this.context.getWebServer().getPort()).isEqualTo(this.port);
		Optional<InetAddress> external = nonLoopbackAddress();
		if (external.isPresent()) {
			// a client on another interface of this machine cannot even connect
			assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> {
				try (Socket socket = new Socket()) {
					socket.connect(new InetSocketAddress(external.get(), this.port), 2000);
				}
			});
		}
	}

	private HttpResponse<String> get(String path, String userAndPassword) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path));
		if (userAndPassword != null) {
			request.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8)));
		}
		return this.http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
		return NetworkInterface.networkInterfaces().filter((nic) -> {
			try {
				return nic.isUp() && !nic.isLoopback();
			}
			catch (IOException ex) {
				return false;
			}
		})
			.flatMap(NetworkInterface::inetAddresses)
			.filter((address) -> address instanceof Inet4Address && !address.isLoopbackAddress())
			.findFirst();
	}

}
