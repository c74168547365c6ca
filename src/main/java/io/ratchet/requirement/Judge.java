package io.ratchet.requirement;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a bound judges: the figure itself (the default), or its 95% interval
 * ({@code judge: interval}), which breaches only when the whole interval is past the
 * bound, so that chance in a small month raises no alarm.
 */
public enum Judge {

	/** The figure: it breaches as soon as it is past the bound. */
	POINT,
	/**
	 * The figure's 95% interval: it breaches only when the interval lies wholly past the
	 * bound; a figure without an interval is judged on the figure.
	 */
	INTERVAL;

	/** The name in {@code requirements.yml}, e.g. {@code interval}. */
	public String key() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The judge of that name, if there is one. */
	static Optional<Judge> find(String key) {
		return Arrays.stream(values()).filter((judge) -> judge.key().equals(key)).findFirst();
	}

	/** Every name, for an error message. */
	static String known() {
		return Arrays.stream(values()).map(Judge::key).toList().toString();
	}

}
