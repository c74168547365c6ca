package io.ratchet.cli;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns SIGTERM and SIGINT into a call of our own instead of the JVM's shutdown, for the
 * scheduler daemon.
 *
 * <p>
 * Why: on a signal the JVM runs every shutdown hook at once, and H2's hook closes an
 * embedded database immediately (H2 cannot keep it open when {@code AUTO_SERVER=TRUE},
 * which lets the commands share the daemon's database). A job that is asked to stop at a
 * safe point then finds its database gone. Handling the signal ourselves lets the daemon
 * stop gracefully first and exit normally afterwards. The JDK's signal API
 * ({@code sun.misc.Signal}, module {@code jdk.unsupported}) is reached by reflection, so
 * nothing depends on it at compile time; where it is missing the JVM's ordinary shutdown
 * (and {@code RatchetScheduler}'s lifecycle stop) applies.
 */
final class StopSignals {

	private StopSignals() {
	}

	/**
	 * Runs {@code onFirst} (on a new thread) at the first SIGTERM or SIGINT and
	 * {@code onNext} at any later one.
	 * @return the signals now handled (empty when the JDK offers no way to handle them)
	 */
	static List<String> handle(Runnable onFirst, Runnable onNext) {
		List<String> handled = new ArrayList<>();
		try {
			Class<?> signalClass = Class.forName("sun.misc.Signal");
			Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
			boolean[] seen = { false };
			Object handler = Proxy.newProxyInstance(StopSignals.class.getClassLoader(), new Class<?>[] { handlerClass },
					(proxy, method, args) -> switch (method.getName()) {
						case "handle" -> {
							boolean first;
							synchronized (seen) {
								first = !seen[0];
								seen[0] = true;
							}
							Thread thread = new Thread(first ? onFirst : onNext, "ratchet-stop");
							thread.start();
							yield null;
						}
						case "hashCode" -> System.identityHashCode(proxy);
						case "equals" -> proxy == args[0];
						default -> "ratchet stop signal handler";
					});
			Method install = signalClass.getMethod("handle", signalClass, handlerClass);
			for (String name : List.of("TERM", "INT")) {
				try {
					install.invoke(null, signalClass.getConstructor(String.class).newInstance(name), handler);
					handled.add("SIG" + name);
				}
				catch (ReflectiveOperationException | RuntimeException ex) {
					// This signal is reserved (e.g. -Xrs) or unknown here: the JVM's
					// shutdown handles it.
				}
			}
		}
		catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
			// No signal API: the JVM's shutdown hooks handle the signals.
		}
		return handled;
	}

}
