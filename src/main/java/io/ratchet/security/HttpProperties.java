package io.ratchet.security;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The credentials of the scheduler's HTTP endpoint (HTTP basic). The password comes from
 * the environment ({@code RATCHET_HTTP_PASSWORD}) or a secret file named
 * {@code ratchet.http.password} in the secrets folder; when there is none, a random one
 * is generated at the first start and written once to {@code credentialsFile}, readable
 * only by its owner; later starts read it back.
 *
 * @param username the user name
 * @param password the password; empty to generate one
 * @param credentialsFile where a generated password is written ({@code user:password})
 */
@ConfigurationProperties("ratchet.http")
public record HttpProperties(@DefaultValue("ratchet") String username, @DefaultValue("") String password,
		@DefaultValue(".ratchet/http-credentials") Path credentialsFile) {

}
