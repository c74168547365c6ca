package io.ratchet.faults;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/**
 * One real Ratchet process, {@code java -jar target/ratchet.jar <command>}, as
 * {@code jobs/ratchet} starts it, in a working folder of its own (so the project's
 * {@code config/application.yml} is not read). Its output (stdout and stderr merged) is
 * collected line by line so that a test can wait for a point of the run and kill it
 * there.
 */
public final class RatchetProcess {

	/**
	 * The application jar that {@code mvn package} builds before failsafe runs the
	 * integration tests.
	 */
	static final Path JAR = Path.of("target/ratchet.jar").toAbsolutePath();

	private final Process process;

	private final List<String> lines = new ArrayList<>();

	private final Thread pump;

	private RatchetProcess(Process process) {
		this.process = process;
		this.pump = new Thread(this::pump, "ratchet-process-output");
		this.pump.setDaemon(true);
		this.pump.start();
	}

	/**
	 * Starts {@code args} in {@code dir}.
	 * @param prefix words before {@code java}, e.g. a shell with {@code ulimit -f}, or an
	 * empty list
	 * @param environment extra environment variables
	 */
	public static RatchetProcess start(Path dir, List<String> prefix, Map<String, String> environment,
			List<String> args) {
		List<String> command = new ArrayList<>(prefix);
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		// C1 only: faster start-up on a busy CI machine, and a run long enough to be
		// killed in the middle
		command.addAll(List.of("-XX:+UseSerialGC", "-Xmx384m", "-XX:TieredStopAtLevel=1", "-jar", JAR.toString()));
		command.addAll(args);
		return launch(command, dir, environment);
	}

	/**
	 * Starts {@code jobs/ratchet args} of a workspace, as a user does: the script's umask
	 * and JVM options, in the workspace's root (where it {@code cd}s).
	 */
	public static RatchetProcess script(Path workspace, Map<String, String> environment, List<String> args) {
		List<String> command = new ArrayList<>();
		command.add(workspace.resolve("jobs/ratchet").toString());
		command.addAll(args);
		return launch(command, workspace, environment);
	}

	private static RatchetProcess launch(List<String> command, Path dir, Map<String, String> environment) {
		ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
		builder.environment().putAll(environment);
		try {
			return new RatchetProcess(builder.start());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The process id ({@code jobs/ratchet} execs java: the JVM's). */
	public long pid() {
		return this.process.pid();
	}

	/** SIGTERM, as systemd stops the daemon. */
	public void terminate() {
		this.process.destroy();
	}

	private void pump() {
		try (BufferedReader in = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = in.readLine()) != null) {
				synchronized (this.lines) {
					this.lines.add(line);
				}
			}
		}
		catch (IOException ex) {
			// the process was killed: its output ends here
		}
	}

	/**
	 * Waits until a line matches or the process ends; {@code true} when a line matched.
	 */
	public boolean awaitLine(Predicate<String> match, Duration timeout) {
		await().atMost(timeout)
			.pollInterval(Duration.ofMillis(20))
			.until(() -> anyLine(match) || !this.process.isAlive());
		return anyLine(match);
	}

	/** Whether a line printed so far matches. */
	public boolean printed(Predicate<String> match) {
		return anyLine(match);
	}

	/**
	 * SIGSTOP: the process is held where it is (alive, its connections and claims open)
	 * until {@link #resume()}.
	 */
	public void suspend() {
		signal("STOP");
	}

	/** SIGCONT: a held process goes on. */
	public void resume() {
		signal("CONT");
	}

	private void signal(String name) {
		try {
			Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(this.process.pid())).inheritIO()
				.start();
			if (kill.waitFor() != 0) {
				throw new IllegalStateException("kill -" + name + " " + this.process.pid() + " failed");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private boolean anyLine(Predicate<String> match) {
		synchronized (this.lines) {
			return this.lines.stream().anyMatch(match);
		}
	}

	public boolean alive() {
		return this.process.isAlive();
	}

	/**
	 * kill -9: {@link Process#destroyForcibly()} sends SIGKILL on Linux; waits until the
	 * process is gone.
	 */
	public void kill() {
		this.process.destroyForcibly();
		waitFor(Duration.ofSeconds(30));
	}

	/**
	 * Waits for the end of the process and returns its exit code; kills it and fails when
	 * it takes too long.
	 */
	public int waitFor(Duration timeout) {
		try {
			if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				this.process.destroyForcibly();
				throw new AssertionError("the process did not end within " + timeout + "; output:\n" + output());
			}
			this.pump.join(5000);
			return this.process.exitValue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public String output() {
		synchronized (this.lines) {
			return String.join("\n", this.lines);
		}
	}

}
