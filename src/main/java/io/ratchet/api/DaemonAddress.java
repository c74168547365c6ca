package io.ratchet.api;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

import io.ratchet.security.LocalAccess;
import io.ratchet.security.OwnerOnly;
import io.ratchet.system.RatchetPaths;
import io.ratchet.system.ThisProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Tells the commands of the same workspace where this daemon ({@code jobs/scheduler},
 * {@code jobs/console}) serves {@code /api/runs}: once the web server listens, it writes
 * {@value #FILE_NAME} under {@code .ratchet/} (owner-only, as everything there) with the
 * URL, this process's id, the working directory and the data folder; it removes the file
 * when the daemon stops. A file left by a killed daemon is stale: its process is gone, or
 * its port refuses; {@code jobs/ratchet} ({@code RATCHET_DAEMON=auto|require}) checks
 * both. A second daemon of the same workspace leaves a live first one's file alone. A
 * back-test worker ({@code jobs/worker}, a web application too) serves {@code /api/runs}
 * as well, and is treated alike.
 */
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Component
class DaemonAddress implements ApplicationListener<WebServerInitializedEvent>, DisposableBean {

	/** The file's name under {@code .ratchet/}. */
	static final String FILE_NAME = "daemon";

	private static final Logger log = LoggerFactory.getLogger(DaemonAddress.class);

	private final Path file;

	private final Environment environment;

	private final RatchetPaths paths;

	private volatile boolean written;

	DaemonAddress(Environment environment, RatchetPaths paths) {
		this.file = LocalAccess.STATE.resolve(FILE_NAME).toAbsolutePath();
		this.environment = environment;
		this.paths = paths;
	}

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		if (event.getApplicationContext().getParent() != null) {
			// a child context's server (e.g. a separate management port)
			return;
		}
		long owner = owner(this.file);
		if (owner > 0 && owner != ThisProcess.pid()
				&& ProcessHandle.of(owner).map(ProcessHandle::isAlive).orElse(false)) {
			log.warn("{} names the daemon of process {}, still running: left alone; the commands of this workspace "
					+ "(RATCHET_DAEMON) go to that one", this.file, owner);
			return;
		}
		try {
			// a new temporary file is rw------- on POSIX file systems; renamed in one
			// step
			Path folder = OwnerOnly.folder(this.file.getParent());
			Path temp = Files.createTempFile(folder, "." + FILE_NAME + "-", ".tmp");
			try {
				Files.writeString(temp, content(event.getWebServer().getPort()), StandardCharsets.UTF_8);
				Files.move(temp, this.file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
				this.written = true;
			}
			finally {
				Files.deleteIfExists(temp);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private String content(int port) {
		String host = this.environment.getProperty("server.address", "127.0.0.1");
		if (host.isBlank() || "0.0.0.0".equals(host) || "::".equals(host)) {
			host = "127.0.0.1";
		}
		else if (host.contains(":")) {
			host = "[" + host + "]";
		}
		String contextPath = this.environment.getProperty("server.servlet.context-path", "");
		// key=value lines: read by jobs/ratchet with plain shell tools
		return "# where this workspace's daemon serves /api/runs (RATCHET_DAEMON=auto|require); removed when it stops\n"
				+ "url=http://" + host + ":" + port + contextPath + "\n" //
				+ "pid=" + ThisProcess.pid() + "\n" //
				+ "root=" + real(Path.of("")) + "\n" //
				+ "data=" + real(this.paths.data()) + "\n";
	}

	/** The folder as {@code pwd -P} names it (links resolved) when it exists. */
	private static Path real(Path folder) {
		try {
			return folder.toRealPath();
		}
		catch (IOException ex) {
			return folder.toAbsolutePath().normalize();
		}
	}

	/**
	 * The process id a daemon address file names, 0 when there is none or it is
	 * unreadable.
	 */
	static long owner(Path file) {
		if (!Files.isRegularFile(file)) {
			return 0;
		}
		try {
			Properties properties = new Properties();
			properties.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
			return Long.parseLong(properties.getProperty("pid", "0").strip());
		}
		catch (IOException | NumberFormatException ex) {
			return 0;
		}
	}

	@Override
	public void destroy() throws IOException {
		if (this.written && owner(this.file) == ThisProcess.pid()) {
			Files.deleteIfExists(this.file);
		}
	}

}
