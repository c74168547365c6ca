package io.ratchet.security;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The users of the scheduler's HTTP endpoint (HTTP basic): the operator
 * ({@link Roles#OPERATOR}, may launch jobs) and a read-only viewer
 * ({@link Roles#VIEWER}). Each password comes from the environment
 * ({@code RATCHET_HTTP_PASSWORD}, {@code RATCHET_HTTP_VIEWER_PASSWORD}) or a secret file
 * named after the property ({@code ratchet.http.password},
 * {@code ratchet.http.viewer-password}) in the secrets folder; when there is none, a
 * random one is generated at the first start and written once to its credentials file,
 * readable only by its owner; later starts read it back.
 *
 * @param username the operator's user name
 * @param password the operator's password; empty to generate one
 * @param credentialsFile where the operator's generated password is written
 * ({@code user:password})
 * @param viewerUsername the read-only user's name
 * @param viewerPassword the read-only user's password; empty to generate one
 * @param viewerCredentialsFile where the read-only user's generated password is written
 */
@ConfigurationProperties("ratchet.http")
public record HttpProperties(@DefaultValue("ratchet") String username, @DefaultValue("") String password,
		@DefaultValue(".ratchet/http-credentials") Path credentialsFile, @DefaultValue("viewer") String viewerUsername,
		@DefaultValue("") String viewerPassword,
		@DefaultValue(".ratchet/http-viewer-credentials") Path viewerCredentialsFile) {

}
