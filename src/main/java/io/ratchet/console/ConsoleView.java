package io.ratchet.console;

import java.util.HashMap;
import java.util.Map;

import io.ratchet.report.ReportTemplates;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;

/**
 * Renders a console page, {@code templates/console/<page>.html}, with the report's
 * Thymeleaf engine ({@link ReportTemplates}). Every page gets the signed-in user, the
 * page's name (the navigation marks it) and the CSRF token its forms (launch, sign out)
 * post back.
 */
final class ConsoleView {

	private ConsoleView() {
	}

	static ResponseEntity<String> page(String page, HttpServletRequest request, Map<String, Object> variables) {
		return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(html(page, request, variables));
	}

	static String html(String page, HttpServletRequest request, Map<String, Object> variables) {
		Map<String, Object> all = new HashMap<>(variables);
		all.put("page", page);
		all.put("user", (request.getUserPrincipal() != null) ? request.getUserPrincipal().getName() : "");
		all.put("csrf", request.getAttribute(CsrfToken.class.getName()));
		return ReportTemplates.process("console/" + page, all);
	}

}
