package io.ratchet.alert;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.ratchet.alert.AlertProperties.Repeat;

/**
 * Decides, for one run of one model, whether people hear about it: a new breach always; a
 * persisting one according to {@link Repeat} (by default once per day, saying since when
 * it fails); a breach that is known but no longer there gives one "recovered" alert and
 * is forgotten. Plain logic over the known states, so it is tested without a database.
 */
final class AlertPolicy {

	private AlertPolicy() {
	}

	/**
	 * What is known about one failing breach.
	 *
	 * @param key job and figure, e.g. {@code nowtest roc_auc}
	 * @param failingSince the day of the first run that breached
	 * @param lastNotified the day people were last told
	 */
	record State(String key, LocalDate failingSince, LocalDate lastNotified) {
	}

	/**
	 * The outcome for one run.
	 *
	 * @param tell whether the run's breaches are sent (when there are any)
	 * @param failing the states of the breaches failing now, updated (insertion order of
	 * the run's breaches)
	 * @param recovered the breaches known before that this run no longer has
	 */
	record Decision(boolean tell, Map<String, State> failing, List<State> recovered) {

		/** The earliest day any of the failing breaches started. */
		LocalDate failingSince() {
			return this.failing.values().stream().map(State::failingSince).min(LocalDate::compareTo).orElse(null);
		}

	}

	/**
	 * @param repeat the repeat policy
	 * @param day the run's day
	 * @param failing the keys the run breaches
	 * @param known the states known before the run, of the same dataset, model and job
	 */
	static Decision decide(Repeat repeat, LocalDate day, Set<String> failing, Collection<State> known) {
		Map<String, State> before = new LinkedHashMap<>();
		known.forEach((state) -> before.put(state.key(), state));
		boolean notify = false;
		Map<String, State> now = new LinkedHashMap<>();
		for (String key : failing) {
			State state = before.get(key);
			if (state == null) {
				notify = true;
				now.put(key, new State(key, day, day));
			}
			else {
				LocalDate since = state.failingSince().isAfter(day) ? day : state.failingSince();
				now.put(key, new State(key, since, state.lastNotified()));
				notify |= due(repeat, state.lastNotified(), day);
			}
		}
		if (notify) {
			now.replaceAll((key, state) -> new State(key, state.failingSince(),
					state.lastNotified().isAfter(day) ? state.lastNotified() : day));
		}
		List<State> recovered = new ArrayList<>();
		before.forEach((key, state) -> {
			if (!failing.contains(key)) {
				recovered.add(state);
			}
		});
		return new Decision(notify, now, recovered);
	}

	private static boolean due(Repeat repeat, LocalDate lastNotified, LocalDate day) {
		return switch (repeat) {
			case DAILY -> lastNotified.isBefore(day);
			case EVERY_RUN -> true;
			case ONCE -> false;
		};
	}

}
