package io.ratchet.launch;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Launches that do not wait for their run (from HTTP: the API and the console).
 *
 * @param threads how many submitted runs proceed at once; more wait their turn in order
 * (each run already uses its own worker threads for its months, so a few are enough)
 */
@ConfigurationProperties("ratchet.launch")
public record LaunchProperties(@DefaultValue("2") int threads) {

	public LaunchProperties {
		if (threads < 1) {
			throw new IllegalArgumentException("ratchet.launch.threads must be at least 1, not " + threads);
		}
	}

}
