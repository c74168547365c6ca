package io.ratchet.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * The API's answers to a request without valid credentials (401, with the
 * {@code WWW-Authenticate: Basic} challenge) and to a user without the role (403): a JSON
 * body like every other API error, {@code {"status":..,"error":..,"message":..}}, saying
 * what is needed.
 */
final class JsonAccessErrors implements AuthenticationEntryPoint, AccessDeniedHandler {

	static final String REALM = "Ratchet";

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
			throws IOException {
		response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\"");
		write(response, HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized",
				"HTTP basic credentials of the operator or the viewer are needed");
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
			throws IOException {
		Principal user = request.getUserPrincipal();
		write(response, HttpServletResponse.SC_FORBIDDEN, "Forbidden",
				request.getMethod() + " " + request.getRequestURI() + " needs the role " + Roles.OPERATOR
						+ ((user != null) ? "; user '" + user.getName() + "' may only read" : ""));
	}

	private static void write(HttpServletResponse response, int status, String error, String message)
			throws IOException {
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter()
			.write("{\"status\":" + status + ",\"error\":\"" + error + "\",\"message\":\"" + escape(message) + "\"}");
	}

	/** A JSON string's content: quotes, backslashes and control characters escaped. */
	static String escape(String text) {
		StringBuilder out = new StringBuilder(text.length() + 8);
		for (char c : text.toCharArray()) {
			if (c == '"' || c == '\\') {
				out.append('\\').append(c);
			}
			else if (c < 0x20) {
				out.append(String.format("\\u%04x", (int) c));
			}
			else {
				out.append(c);
			}
		}
		return out.toString();
	}

}
