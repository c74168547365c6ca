package io.ratchet.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The scheduler's HTTP endpoint (only {@code jobs/scheduler} is a web application): every
 * request, health included, needs HTTP basic with {@link HttpCredentials}; no session, no
 * form login, no CSRF token (nothing is changed over HTTP: health and metrics are
 * read-only). Liveness is not left open: the endpoint is on loopback, where a probe can
 * as well read the credentials file, and an open URL would tell anyone on the machine
 * whether Ratchet runs.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
class HttpSecurityConfiguration {

	private static final Logger log = LoggerFactory.getLogger(HttpSecurityConfiguration.class);

	@Bean
	HttpCredentials httpCredentials(HttpProperties properties, @Value("${server.address:}") String address,
			@Value("${server.port:8080}") String port) {
		HttpCredentials credentials = HttpCredentials.of(properties);
		String where = "http://" + (address.isEmpty() ? "*" : address) + ":" + port + "/actuator/health";
		if (credentials.generatedFile() != null) {
			log.warn(
					"HTTP endpoint {}: user '{}', generated password in {} (readable only by its owner); set "
							+ "RATCHET_HTTP_PASSWORD or a secret file ratchet.http.password to choose one",
					where, credentials.username(), credentials.generatedFile());
		}
		else {
			log.info("HTTP endpoint {}: user '{}' (HTTP basic)", where, credentials.username());
		}
		return credentials;
	}

	@Bean
	PasswordEncoder httpPasswordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	UserDetailsService httpUsers(HttpCredentials credentials, PasswordEncoder encoder) {
		return new InMemoryUserDetailsManager(User.withUsername(credentials.username())
			.password(encoder.encode(credentials.password()))
			.roles("MONITOR")
			.build());
	}

	@Bean
	SecurityFilterChain httpSecurity(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
			.httpBasic(Customizer.withDefaults())
			.formLogin((form) -> form.disable())
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		return http.build();
	}

}
