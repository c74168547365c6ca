package io.ratchet.test;

import com.icegreen.greenmail.util.ServerSetup;

/**
 * GreenMail server set-ups for tests: bound to 127.0.0.1, and waiting for the server to
 * be ready for up to two minutes instead of GreenMail's default two seconds, which a busy
 * CI machine can exceed (the wait ends as soon as the server is ready).
 */
public final class MailServers {

	private static final long STARTUP_TIMEOUT_MILLIS = 120_000;

	private MailServers() {
	}

	/**
	 * A set-up on a free port.
	 * @param protocol {@link ServerSetup#PROTOCOL_SMTP} or
	 * {@link ServerSetup#PROTOCOL_SMTPS}
	 */
	public static ServerSetup onFreePort(String protocol) {
		return patient(new ServerSetup(0, "127.0.0.1", protocol).dynamicPort());
	}

	/**
	 * A set-up on the given port.
	 * @param port the port
	 * @param protocol {@link ServerSetup#PROTOCOL_SMTP} or
	 * {@link ServerSetup#PROTOCOL_SMTPS}
	 */
	public static ServerSetup onPort(int port, String protocol) {
		return patient(new ServerSetup(port, "127.0.0.1", protocol));
	}

	private static ServerSetup patient(ServerSetup setup) {
		setup.setServerStartupTimeout(STARTUP_TIMEOUT_MILLIS);
		return setup;
	}

}
