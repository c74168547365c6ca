package io.ratchet.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collections;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code ratchet.*} settings Ratchet knows: every property in the configuration
 * metadata that {@code spring-boot-configuration-processor} generates from the
 * {@code @ConfigurationProperties} records (plus
 * {@code META-INF/additional-spring-configuration-metadata.json} for settings read by
 * {@code @Value} or {@code @ConditionalOnProperty}). A map- or list-valued setting (e.g.
 * {@code ratchet.alerts.recipients}, {@code ratchet.schedule.jobs}) takes any key below
 * it; those keys are not checked here.
 */
public final class KnownSettings {

	static final String PREFIX = "ratchet.";

	private static final String METADATA = "META-INF/spring-configuration-metadata.json";

	private final Set<String> names;

	private final Set<String> open;

	KnownSettings(Set<String> names, Set<String> open) {
		this.names = Collections.unmodifiableSet(new TreeSet<>(names));
		this.open = Collections.unmodifiableSet(new TreeSet<>(open));
	}

	/** The {@code ratchet.*} settings of the metadata on the class path. */
	public static KnownSettings fromMetadata(ClassLoader classLoader) {
		Set<String> names = new TreeSet<>();
		Set<String> open = new TreeSet<>();
		JsonMapper mapper = JsonMapper.builder().build();
		try {
			for (URL url : Collections.list(classLoader.getResources(METADATA))) {
				try (InputStream in = url.openStream()) {
					for (JsonNode property : mapper.readTree(in).path("properties")) {
						String name = property.path("name").asString();
						if (name.startsWith(PREFIX)) {
							names.add(name);
							if (takesAnyKey(property.path("type").asString(""))) {
								open.add(name);
							}
						}
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read the configuration metadata " + METADATA, ex);
		}
		if (names.isEmpty()) {
			throw new IllegalStateException("no ratchet.* setting in " + METADATA + " on the class path: build "
					+ "with mvn (the configuration processor writes it)");
		}
		return new KnownSettings(names, open);
	}

	private static boolean takesAnyKey(String type) {
		return type.startsWith("java.util.Map<") || type.startsWith("java.util.List<")
				|| type.startsWith("java.util.Set<") || type.endsWith("[]");
	}

	/**
	 * Whether the setting (its canonical name: lower case, dashed, e.g.
	 * {@code ratchet.backtest.threads} or {@code ratchet.schedule.jobs[0].cron}) is
	 * known.
	 */
	public boolean isKnown(String name) {
		String relaxed = relaxed(name);
		return this.names.stream().anyMatch((setting) -> relaxed(setting).equals(relaxed)) || this.open.stream()
			.map(KnownSettings::relaxed)
			.anyMatch((setting) -> relaxed.startsWith(setting + ".") || relaxed.startsWith(setting + "["));
	}

	/**
	 * A name compared as Spring Boot binds it: without dashes, in lower case (the
	 * environment variable {@code RATCHET_BACKTEST_MAXREJECTEDSHARE} sets
	 * {@code ratchet.backtest.max-rejected-share}).
	 */
	private static String relaxed(String name) {
		return name.replace("-", "").toLowerCase(Locale.ROOT);
	}

	/** The known setting nearest to a mistyped one, if one is near enough to suggest. */
	public Optional<String> nearest(String name) {
		return this.names.stream()
			.min(Comparator.comparingInt((String known) -> distance(name, known))
				.thenComparing(Comparator.naturalOrder()))
			.filter((known) -> distance(name, known) <= Math.max(2, name.length() / 4));
	}

	/** Every known setting, sorted. */
	public Set<String> names() {
		return this.names;
	}

	/** Levenshtein's edit distance: insertions, deletions and substitutions. */
	static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

}
