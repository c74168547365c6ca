package io.ratchet.console;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

/**
 * A plain HTTP client of the console, as a browser without scripts behaves: it keeps the
 * session cookie, signs in with the login form (its CSRF token included) and posts forms
 * with or without the page's token. Redirects are not followed, so a test sees them.
 */
final class ConsoleClient {

	private final HttpClient http = HttpClient.newBuilder()
		.cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private final String base;

	ConsoleClient(int port) {
		this.base = "http://127.0.0.1:" + port;
	}

	/** Signs in with the login form; returns the response to the form's post. */
	HttpResponse<String> signIn(String username, String password) throws IOException, InterruptedException {
		String token = csrfToken("/login");
		Map<String, String> form = new LinkedHashMap<>();
		form.put("username", username);
		form.put("password", password);
		form.put("_csrf", token);
		return post("/login", form);
	}

	HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create(this.base + path)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<byte[]> getBytes(String path) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create(this.base + path)).GET().build(),
				HttpResponse.BodyHandlers.ofByteArray());
	}

	/** Posts a form as it is (add {@code _csrf} to send a token). */
	HttpResponse<String> post(String path, Map<String, String> form) throws IOException, InterruptedException {
		String body = form.entrySet()
			.stream()
			.map((field) -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return this.http.send(HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** The CSRF token of the first form of the page at {@code path}. */
	String csrfToken(String path) throws IOException, InterruptedException {
		HttpResponse<String> page = get(path);
		Element field = Jsoup.parse(page.body()).selectFirst("input[name=_csrf]");
		if (field == null) {
			throw new IllegalStateException(path + " answered " + page.statusCode() + " without a CSRF field");
		}
		return field.attr("value");
	}

}
