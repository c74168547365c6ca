package io.ratchet.system;

import java.math.BigDecimal;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.springframework.beans.BeansException;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.core.convert.ConversionException;
import org.springframework.core.env.CommandLinePropertySource;

/**
 * How a failure is told to people: the innermost message (which names the file, line and
 * cause).
 */
public final class Failures {

	private Failures() {
	}

	/**
	 * The innermost message of a chain of causes, prefixed by the outermost one when that
	 * says something more (for example "cannot restart run 7: ..."), or the outermost
	 * alone when it already quotes the innermost. A failure to create the application's
	 * beans (bad configuration found at start-up) is told by its innermost message alone:
	 * the chain of bean names before it says nothing to a user. Two causes are told in
	 * their own words, the innermost message alone saying too little: a setting whose
	 * value cannot be bound ({@code --ratchet.backtest.threads=four}: the setting, the
	 * value, where it was given and what was expected, not only
	 * {@code For input string: "four"}), and a database that does not answer within its
	 * network timeout (a hung or stopped process serving the embedded H2 file).
	 */
	public static String describe(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		String message = (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName();
		BindException binding = find(failure, BindException.class);
		if (binding != null && !message.contains(binding.getName().toString())) {
			return setting(failure, binding, message);
		}
		if (find(failure, SocketTimeoutException.class) != null && find(failure, SQLException.class) != null) {
			return databaseTimeout(message);
		}
		if (failure instanceof BeansException) {
			return message;
		}
		if (failure == cause || failure.getMessage() == null) {
			return message;
		}
		// an outer message that already quotes the innermost says more (e.g. which file
		// could not be written)
		return failure.getMessage().contains(message) ? failure.getMessage() : failure.getMessage() + ": " + message;
	}

	/**
	 * A setting that could not be bound: its name, its value and where it was given, what
	 * was expected, the cause.
	 */
	private static String setting(Throwable failure, BindException binding, String cause) {
		StringBuilder text = new StringBuilder("setting ").append(binding.getName());
		ConfigurationProperty property = binding.getProperty();
		if (property != null) {
			text.append(" = \"")
				.append(property.getValue())
				.append("\" (")
				.append(origin(property.getOrigin()))
				.append(")");
		}
		if (find(failure, ConversionException.class) != null) {
			text.append(": not ").append(expected(binding.getTarget().getType().resolve()));
		}
		return text.append(": ").append(cause).toString();
	}

	private static String origin(Origin origin) {
		if (origin instanceof PropertySourceOrigin source && CommandLinePropertySource.COMMAND_LINE_PROPERTY_SOURCE_NAME
			.equals(source.getPropertySource().getName())) {
			return "given on the command line";
		}
		return (origin != null) ? "from " + origin : "origin unknown";
	}

	/** What a value of the type looks like, in words. */
	private static String expected(Class<?> type) {
		if (type == null) {
			return "a value of the expected type";
		}
		if (type == int.class || type == Integer.class || type == long.class || type == Long.class
				|| type == short.class || type == Short.class) {
			return "a whole number";
		}
		if (type == double.class || type == Double.class || type == float.class || type == Float.class
				|| type == BigDecimal.class) {
			return "a number";
		}
		if (type == boolean.class || type == Boolean.class) {
			return "true or false";
		}
		if (type == Duration.class) {
			return "a duration such as 30s, 10m or 2h";
		}
		if (type.isEnum()) {
			return "one of " + Arrays.stream(type.getEnumConstants())
				.map((constant) -> constant.toString().toLowerCase(Locale.ROOT))
				.collect(Collectors.joining(", "));
		}
		return "a " + type.getSimpleName();
	}

	/**
	 * Whether the failure is a setting that Ratchet does not know (a typo) or whose value
	 * cannot be bound: a mistake in the command line or the configuration, exit 2, rather
	 * than a failed run.
	 */
	public static boolean badSetting(Throwable failure) {
		return find(failure, UnknownSettingException.class) != null || find(failure, BindException.class) != null;
	}

	private static String databaseTimeout(String cause) {
		return "the database did not answer within its network timeout (" + cause + "). With the embedded H2 file "
				+ "(the default), the database is served by the Ratchet process that opened it first (the scheduler "
				+ "daemon, or another command; its address is in the .lock.db file beside the database): that process "
				+ "is stopped (Ctrl-Z, kill -STOP, a debugger) or hung. Resume or end it, then run the command again. "
				+ "On a database server: the server or the network to it does not answer";
	}

	private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

}
