package io.ratchet.cli;

import java.util.List;

import io.ratchet.system.SafeNames;
import io.ratchet.system.UnsafeNameException;

/**
 * Checks the names a command line gives (dataset, model, version) before anything reads
 * or writes a file: a name that could reach outside its folder ({@code ..}, {@code /}, an
 * absolute path, NUL) is a usage error, exit code 2.
 */
final class Names {

	private Names() {
	}

	/** The dataset name, or {@code null} when none was given. */
	static String dataset(String value) {
		return (value != null) ? check("dataset", value) : null;
	}

	static String model(String value) {
		return check("model", value);
	}

	static String version(String value) {
		return (value != null) ? check("version", value) : null;
	}

	/** {@code name@version} keys: both halves are checked. */
	static String modelKey(String key) {
		int at = key.lastIndexOf('@');
		if (at < 0) {
			return model(key);
		}
		model(key.substring(0, at));
		version(key.substring(at + 1));
		return key;
	}

	static void modelKeys(List<String> keys) {
		keys.forEach(Names::modelKey);
	}

	private static String check(String what, String value) {
		try {
			return SafeNames.require(what, value);
		}
		catch (UnsafeNameException ex) {
			throw new UsageException(ex.getMessage());
		}
	}

}
