package io.ratchet.console;

import java.io.IOException;
import java.util.Map;

import io.ratchet.security.HttpChains;
import io.ratchet.security.Roles;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CsrfException;

/**
 * The console's own security: a sign-in form and a session (a browser cannot be asked for
 * HTTP basic on every page the way a script is), with CSRF tokens on every form, for
 * {@code /}, {@code /console/**}, {@code /login} and {@code /logout} (and the login
 * form's stylesheet and the favicon a browser asks for, both open), at the place
 * {@link HttpChains#CONSOLE} keeps for it: before the catch-all chain of
 * {@code io.ratchet.security} (HTTP basic, stateless), which keeps every other path.
 * Users and passwords are that package's: any signed-in user reads every page; launching
 * a job needs the role {@link Roles#OPERATOR}. A refused request (a viewer launching, a
 * post without a valid CSRF token) gets a 403 page that says why.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ConsoleSecurityConfiguration {

	/**
	 * The login form's stylesheet (Spring Security's): open, as the form is. Left to the
	 * catch-all chain it would answer 401 with an HTTP basic challenge, on which a
	 * browser stops loading the form to ask for a password.
	 */
	static final String LOGIN_STYLES = "/default-ui.css";

	@Bean
	@Order(HttpChains.CONSOLE)
	SecurityFilterChain consoleSecurity(HttpSecurity http) throws Exception {
		http.securityMatcher("/", "/console", "/console/**", "/login", "/logout", LOGIN_STYLES, ConsolePages.FAVICON)
			.authorizeHttpRequests((requests) -> requests.requestMatchers(LOGIN_STYLES, ConsolePages.FAVICON)
				.permitAll()
				.requestMatchers(HttpMethod.POST, LaunchPage.PATH)
				.hasRole(Roles.OPERATOR)
				.anyRequest()
				.authenticated())
			.formLogin((form) -> form.defaultSuccessUrl("/console", false).permitAll())
			.logout((logout) -> logout.logoutSuccessUrl("/login?logout").permitAll())
			.exceptionHandling((exceptions) -> exceptions.accessDeniedHandler(ConsoleSecurityConfiguration::denied));
		return http.build();
	}

	private static void denied(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
			throws IOException {
		String reason = (ex instanceof CsrfException)
				? "The form was posted without a valid CSRF token (from another site, or after the session ended): "
						+ "nothing was done. Open the page again and resend it."
				: "Your role may read the console but not launch jobs: ask an operator.";
		response.setStatus(HttpServletResponse.SC_FORBIDDEN);
		response.setContentType(MediaType.TEXT_HTML_VALUE);
		response.setCharacterEncoding("UTF-8");
		response.getWriter().write(ConsoleView.html("denied", request, Map.of("reason", reason)));
	}

}
