package io.ratchet.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code --name value} options and positional arguments, checked against the names a
 * command knows.
 */
final class Options {

	private final Map<String, String> named = new LinkedHashMap<>();

	private final List<String> positional = new ArrayList<>();

	private final Set<String> flags = new HashSet<>();

	private Options() {
	}

	static Options parse(String[] args, Set<String> known) {
		return parse(args, known, Set.of());
	}

	/**
	 * As {@link #parse(String[], Set)}, for a command that takes no positional argument.
	 */
	static Options named(String[] args, Set<String> known) {
		return named(args, known, Set.of());
	}

	/**
	 * As {@link #parse(String[], Set, Set)}, for a command that takes no positional
	 * argument.
	 */
	static Options named(String[] args, Set<String> known, Set<String> flags) {
		Options options = parse(args, known, flags);
		if (!options.positional.isEmpty()) {
			throw new UsageException("unexpected argument '" + options.positional.get(0) + "'");
		}
		return options;
	}

	/**
	 * As {@link #parse(String[], Set)}, with {@code flags}: options that take no value.
	 */
	static Options parse(String[] args, Set<String> known, Set<String> flags) {
		Options options = new Options();
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if (arg.startsWith("--")) {
				String name = arg.substring(2);
				String value = null;
				int equals = name.indexOf('=');
				if (equals >= 0) {
					value = name.substring(equals + 1);
					name = name.substring(0, equals);
				}
				if (flags.contains(name) && value == null) {
					options.flags.add(name);
					continue;
				}
				if (!known.contains(name)) {
					throw new UsageException("unknown option --" + name);
				}
				if (value == null) {
					if (i + 1 >= args.length) {
						throw new UsageException("option --" + name + " needs a value");
					}
					value = args[++i];
				}
				options.named.put(name, value);
			}
			else {
				options.positional.add(arg);
			}
		}
		return options;
	}

	String get(String name) {
		return this.named.get(name);
	}

	boolean flag(String name) {
		return this.flags.contains(name);
	}

	/** A whole number of at least 1, or {@code fallback} when the option is absent. */
	int positiveInt(String name, int fallback) {
		String text = get(name);
		if (text == null) {
			return fallback;
		}
		try {
			int value = Integer.parseInt(text);
			if (value >= 1) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new UsageException("--" + name + " must be a whole number of at least 1, not '" + text + "'");
	}

	List<String> positional() {
		return this.positional;
	}

}
