package io.ratchet;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Captures what a test prints to {@code System.out} and {@code System.err} (UTF-8), from
 * before the test's own {@code @BeforeEach} methods until after its {@code @AfterEach}
 * methods, and puts the streams back. Register it on a field:
 * {@code @RegisterExtension final ConsoleCapture console = new ConsoleCapture();}. The
 * command-line tests read what a command printed with {@link #out()} and {@link #err()}.
 */
public final class ConsoleCapture implements BeforeEachCallback, AfterEachCallback {

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	private PrintStream originalOut;

	private PrintStream originalErr;

	@Override
	public void beforeEach(ExtensionContext context) {
		this.originalOut = System.out;
		this.originalErr = System.err;
		System.setOut(new PrintStream(this.out, true, StandardCharsets.UTF_8));
		System.setErr(new PrintStream(this.err, true, StandardCharsets.UTF_8));
	}

	@Override
	public void afterEach(ExtensionContext context) {
		System.setOut(this.originalOut);
		System.setErr(this.originalErr);
	}

	/**
	 * Everything printed to standard output since the start or the last
	 * {@link #resetOut()}.
	 */
	public String out() {
		return this.out.toString(StandardCharsets.UTF_8);
	}

	/**
	 * Everything printed to standard error since the start or the last
	 * {@link #resetErr()}.
	 */
	public String err() {
		return this.err.toString(StandardCharsets.UTF_8);
	}

	/** Forgets what was printed to standard output so far. */
	public void resetOut() {
		this.out.reset();
	}

	/** Forgets what was printed to standard error so far. */
	public void resetErr() {
		this.err.reset();
	}

}
