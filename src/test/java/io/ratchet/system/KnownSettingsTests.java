package io.ratchet.system;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The known {@code ratchet.*} settings come from the configuration metadata the build
 * generates (with each setting's Javadoc as its description, which IDEs show); map- and
 * list-valued settings take any key below them; a typo gets the nearest known key.
 */
class KnownSettingsTests {

	private final KnownSettings known = KnownSettings.fromMetadata(getClass().getClassLoader());

	@Test
	void theGeneratedMetadataDescribesEveryRatchetSetting() throws IOException {
		// given: the file spring-boot-configuration-processor wrote at compile time
		JsonNode metadata;
		try (InputStream in = getClass().getClassLoader()
			.getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
			metadata = JsonMapper.builder().build().readTree(in);
		}

		// then: the settings of config/application.yml and the hand-bound ones are there,
		// each with its description
		assertThat(this.known.names()).contains("ratchet.backtest.threads", "ratchet.paths.config",
				"ratchet.nowtest.drift.bins", "ratchet.alerts.retry.max-attempts", "ratchet.schedule.jobs",
				"ratchet.schedule.quartz", "ratchet.http.enabled");
		assertThat(metadata.path("properties")
			.valueStream()
			.filter((property) -> property.path("name").asString().startsWith("ratchet."))).hasSizeGreaterThan(40)
			.allMatch((property) -> !property.path("description").asString("").isBlank());
		JsonNode threads = metadata.path("properties")
			.valueStream()
			.filter((property) -> property.path("name").asString().equals("ratchet.backtest.threads"))
			.findFirst()
			.orElseThrow();
		assertThat(threads.path("description").asString()).contains("how many months are scored at once");
	}

	@Test
	void knownKeysMapAndListChildrenAndRelaxedNamesAreKnown() {
		assertThat(this.known.isKnown("ratchet.backtest.threads")).isTrue();
		assertThat(this.known.isKnown("ratchet.backtest.maxrejectedshare")).isTrue();
		assertThat(this.known.isKnown("ratchet.alerts.recipients.churn[0]")).isTrue();
		assertThat(this.known.isKnown("ratchet.nowtest.datasets.weather-aus.window")).isTrue();
		assertThat(this.known.isKnown("ratchet.schedule.jobs[2].cron")).isTrue();
		assertThat(this.known.isKnown("ratchet.backtst.threads")).isFalse();
		assertThat(this.known.isKnown("ratchet.backtest")).isFalse();
		assertThat(this.known.isKnown("ratchet.schedule.jobsx[0].cron")).isFalse();
	}

	@Test
	void aTypoGetsTheNearestKnownKeyAndNonsenseNone() {
		assertThat(this.known.nearest("ratchet.backtst.threads")).contains("ratchet.backtest.threads");
		assertThat(this.known.nearest("ratchet.nowtest.windw")).contains("ratchet.nowtest.window");
		assertThat(this.known.nearest("ratchet.completely.different.thing")).isEmpty();
	}

	@Test
	void theEditDistanceCountsInsertionsDeletionsAndSubstitutions() {
		assertThat(KnownSettings.distance("threads", "threads")).isZero();
		assertThat(KnownSettings.distance("backtst", "backtest")).isEqualTo(1);
		assertThat(KnownSettings.distance("kitten", "sitting")).isEqualTo(3);
		assertThat(KnownSettings.distance("", "abc")).isEqualTo(3);
	}

	@Test
	void anOpenSettingAcceptsOnlyWhatIsBelowIt() {
		// given
		KnownSettings settings = new KnownSettings(Set.of("ratchet.a.map", "ratchet.a.leaf"), Set.of("ratchet.a.map"));

		// then
		assertThat(settings.isKnown("ratchet.a.map.any.key")).isTrue();
		assertThat(settings.isKnown("ratchet.a.leaf.below")).isFalse();
		assertThat(settings.isKnown("ratchet.a.mapper")).isFalse();
	}

}
