package io.ratchet.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The scheduler's HTTP endpoint (only {@code jobs/scheduler} is a web application): two
 * users ({@link HttpUsers}: an operator who may launch, a viewer who may only read) and
 * one security filter chain per part of the site ({@link HttpChains}), so each part has
 * its own rules:
 * <ul>
 * <li>{@code /api/**}: HTTP basic, stateless; GET for both roles, POST for the operator
 * only. No CSRF token: a CSRF attack rides on credentials the browser adds by itself (a
 * session cookie); this chain keeps no session and sets no cookie, and a browser sends
 * HTTP basic credentials to a cross-site form POST only after its user typed them for
 * this origin, which the loopback-only, script-oriented API does not invite. A browser
 * page that launches is the console's, whose chain has sessions and CSRF tokens.</li>
 * <li>{@code /actuator/**}: HTTP basic, stateless, both roles; read-only.</li>
 * <li>anything else (until the console's chain claims {@code /} and {@code /console/**}):
 * HTTP basic.</li>
 * </ul>
 * Liveness is not left open: the endpoint is on loopback, where a probe can as well read
 * the credentials file, and an open URL would tell anyone on the machine whether Ratchet
 * runs.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
class HttpSecurityConfiguration {

	private static final Logger log = LoggerFactory.getLogger(HttpSecurityConfiguration.class);

	@Bean
	HttpUsers httpUsers(HttpProperties properties, @Value("${server.address:}") String address,
			@Value("${server.port:8080}") String port) {
		HttpUsers users = HttpUsers.of(properties);
		String where = "http://" + (address.isEmpty() ? "*" : address) + ":" + port + "/";
		logLogin(where, Roles.OPERATOR, users.operator(), "RATCHET_HTTP_PASSWORD", "ratchet.http.password");
		logLogin(where, Roles.VIEWER, users.viewer(), "RATCHET_HTTP_VIEWER_PASSWORD", "ratchet.http.viewer-password");
		return users;
	}

	private static void logLogin(String where, String role, HttpCredentials credentials, String variable,
			String secretFile) {
		if (credentials.generatedFile() != null) {
			log.warn(
					"HTTP endpoint {}: {} user '{}', generated password in {} (readable only by its owner); set "
							+ "{} or a secret file {} to choose one",
					where, role, credentials.username(), credentials.generatedFile(), variable, secretFile);
		}
		else {
			log.info("HTTP endpoint {}: {} user '{}' (HTTP basic)", where, role, credentials.username());
		}
	}

	@Bean
	PasswordEncoder httpPasswordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	UserDetailsService httpUserDetails(HttpUsers users, PasswordEncoder encoder) {
		return new InMemoryUserDetailsManager(user(users.operator(), encoder, Roles.OPERATOR, Roles.VIEWER),
				user(users.viewer(), encoder, Roles.VIEWER));
	}

	private static UserDetails user(HttpCredentials credentials, PasswordEncoder encoder, String... roles) {
		return User.withUsername(credentials.username())
			.password(encoder.encode(credentials.password()))
			.roles(roles)
			.build();
	}

	@Bean
	@Order(HttpChains.API)
	SecurityFilterChain apiSecurity(HttpSecurity http) throws Exception {
		JsonAccessErrors errors = new JsonAccessErrors();
		http.securityMatcher("/api/**")
			.authorizeHttpRequests((requests) -> requests.requestMatchers(HttpMethod.GET, "/api/**")
				.hasAnyRole(Roles.VIEWER, Roles.OPERATOR)
				.requestMatchers(HttpMethod.POST, "/api/**")
				.hasRole(Roles.OPERATOR)
				.anyRequest()
				.denyAll())
			.httpBasic((basic) -> basic.authenticationEntryPoint(errors))
			.exceptionHandling((handling) -> handling.authenticationEntryPoint(errors).accessDeniedHandler(errors));
		return stateless(http).build();
	}

	@Bean
	@Order(HttpChains.ACTUATOR)
	SecurityFilterChain actuatorSecurity(HttpSecurity http) throws Exception {
		http.securityMatcher("/actuator/**")
			.authorizeHttpRequests((requests) -> requests.anyRequest().hasAnyRole(Roles.VIEWER, Roles.OPERATOR))
			.httpBasic(Customizer.withDefaults());
		return stateless(http).build();
	}

	@Bean
	@Order(HttpChains.REST)
	SecurityFilterChain otherSecurity(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
			.httpBasic(Customizer.withDefaults());
		return stateless(http).build();
	}

	/**
	 * No session, no form login, no CSRF token: each request carries its credentials (see
	 * the class comment for why CSRF does not apply).
	 */
	private static HttpSecurity stateless(HttpSecurity http) throws Exception {
		return http.formLogin((form) -> form.disable())
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
	}

}
