package io.ratchet.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;

/**
 * The ONNX Runtime sessions of one process, shared by the scorers bound to them and
 * closed once unused.
 * <p>
 * A session is expensive to make (parsing the graph and preparing its kernels: from
 * milliseconds to seconds for a large tree ensemble), cheap to run and safe to run from
 * several threads at once. So a session is made once per ONNX file content (keyed by its
 * SHA-256) and leased to every scorer bound to it: the back-test's prepare step and all
 * its month steps, running in parallel, share one. A session no scorer holds is closed
 * {@link #IDLE} after its last lease ends (by a daemon thread started with the first
 * session), so a long-running daemon does not keep a model's native memory between
 * nightly runs, while the month steps of one run, which follow one another within
 * seconds, never make it again.
 * <p>
 * Threads: each session runs its graph on the calling thread
 * ({@code intra_op_num_threads = 1}, sequential execution, no spinning) and the
 * environment has no global thread pool, so ONNX Runtime adds no threads to the job's own
 * (the back-test already runs months in parallel).
 * <p>
 * Every lease reads the ONNX file and checks its SHA-256 against the one the model file
 * pins, even when the session exists: a file changed after import is refused at once, not
 * at the next start.
 */
final class OnnxSessions {

	/** How long a session no scorer holds stays open. */
	static final Duration IDLE = Duration.ofSeconds(60);

	/** The sessions of this process. */
	static final OnnxSessions SHARED = new OnnxSessions(IDLE);

	private final Duration idle;

	private final Map<String, Entry> entries = new HashMap<>();

	private ScheduledExecutorService reaper;

	OnnxSessions(Duration idle) {
		this.idle = idle;
	}

	/**
	 * Leases the session of an ONNX file, making it when needed.
	 * @param onnxFile the ONNX file
	 * @param sha256 the SHA-256 the model file pins
	 * @param modelFile the model file naming it (for messages)
	 * @throws ModelFileException naming the ONNX file when it is missing, unreadable,
	 * changed (SHA-256 mismatch), or not a model ONNX Runtime can load, or when ONNX
	 * Runtime cannot start on this machine
	 */
	Lease lease(Path onnxFile, String sha256, Path modelFile) {
		byte[] bytes = read(onnxFile, modelFile);
		String actual = ModelFiles.sha256(bytes);
		if (!actual.equals(sha256)) {
			throw new ModelFileException(onnxFile, 0,
					"the ONNX file changed after import: its SHA-256 is " + actual + " but " + modelFile + " pins "
							+ sha256 + "; a changed model needs a new version (import it"
							+ " again with jobs/import-model ... --version)");
		}
		synchronized (this) {
			Entry entry = this.entries.get(sha256);
			if (entry == null) {
				entry = new Entry(sha256, open(bytes, onnxFile));
				this.entries.put(sha256, entry);
			}
			entry.users++;
			return new Lease(entry);
		}
	}

	/** How many sessions are open (held or idle), for tests. */
	synchronized int open() {
		return this.entries.size();
	}

	private void release(Entry entry) {
		synchronized (this) {
			entry.users--;
			if (entry.users > 0) {
				return;
			}
			entry.idleSince = System.nanoTime();
			if (this.reaper == null) {
				this.reaper = Executors.newSingleThreadScheduledExecutor((task) -> {
					Thread thread = new Thread(task, "onnx-sessions");
					thread.setDaemon(true);
					return thread;
				});
			}
		}
		this.reaper.schedule(this::closeIdle, this.idle.toNanos(), TimeUnit.NANOSECONDS);
	}

	/** Closes the sessions no scorer has held for {@link #idle}. */
	synchronized void closeIdle() {
		long now = System.nanoTime();
		for (Iterator<Entry> it = this.entries.values().iterator(); it.hasNext();) {
			Entry entry = it.next();
			if (entry.users == 0 && now - entry.idleSince >= this.idle.toNanos()) {
				it.remove();
				entry.close();
			}
		}
	}

	private static byte[] read(Path onnxFile, Path modelFile) {
		try {
			return Files.readAllBytes(onnxFile);
		}
		catch (NoSuchFileException ex) {
			throw new ModelFileException(onnxFile, 0,
					"the ONNX file named by " + modelFile + " does not exist (it" + " must be beside the model file)");
		}
		catch (IOException ex) {
			throw new ModelFileException(onnxFile, 0, "cannot read the ONNX file: " + ex, ex);
		}
	}

	private static OrtSession open(byte[] bytes, Path onnxFile) {
		OrtEnvironment environment = environment(onnxFile);
		try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
			options.setIntraOpNumThreads(1);
			options.setInterOpNumThreads(1);
			options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
			options.addConfigEntry("session.intra_op.allow_spinning", "0");
			return environment.createSession(bytes, options);
		}
		catch (OrtException ex) {
			throw new ModelFileException(onnxFile, 0, "not a model ONNX Runtime can load (truncated, corrupt, or an"
					+ " operator this version does not know): " + firstLine(ex.getMessage()), ex);
		}
	}

	/**
	 * The process's ONNX Runtime environment; loads the native library (from the jar) on
	 * first use.
	 */
	static OrtEnvironment environment(Path onnxFile) {
		try {
			return OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "ratchet");
		}
		catch (RuntimeException | LinkageError ex) {
			throw new ModelFileException(onnxFile, 0,
					"ONNX Runtime cannot start on this machine (" + System.getProperty("os.name") + ", "
							+ System.getProperty("os.arch") + "): its native library" + " did not load: " + ex,
					ex);
		}
	}

	private static String firstLine(String message) {
		if (message == null) {
			return "(no message)";
		}
		String line = message.strip().lines().findFirst().orElse("");
		return (line.length() > 400) ? line.substring(0, 400) + "…" : line;
	}

	/** One session and how many scorers hold it. */
	private static final class Entry {

		private final String sha256;

		private final OrtSession session;

		private int users;

		private long idleSince;

		Entry(String sha256, OrtSession session) {
			this.sha256 = sha256;
			this.session = session;
		}

		void close() {
			try {
				this.session.close();
			}
			catch (OrtException ex) {
				throw new IllegalStateException(String.format(Locale.ROOT,
						"cannot close the ONNX Runtime session of" + " %s: %s", this.sha256, ex.getMessage()), ex);
			}
		}

	}

	/** One scorer's hold on a session; {@link #close()} ends it (once). */
	final class Lease implements AutoCloseable {

		private final Entry entry;

		private boolean closed;

		private Lease(Entry entry) {
			this.entry = entry;
		}

		OrtSession session() {
			return this.entry.session;
		}

		@Override
		public void close() {
			synchronized (this) {
				if (this.closed) {
					return;
				}
				this.closed = true;
			}
			release(this.entry);
		}

	}

}
