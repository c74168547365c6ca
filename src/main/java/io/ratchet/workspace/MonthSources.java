package io.ratchet.workspace;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.MonthCache;
import io.ratchet.data.MonthSource;

import org.springframework.stereotype.Component;

/**
 * Gives jobs the {@link MonthSource} of a dataset: through the month cache unless
 * {@code ratchet.cache.enabled} is false.
 */
@Component
public class MonthSources {

	private final MonthCacheProperties properties;

	public MonthSources(MonthCacheProperties properties) {
		this.properties = properties;
	}

	/** A source with its own counts (one per run, or per month of a back-test). */
	public MonthSource of(DatasetConfig dataset) {
		return new MonthSource(dataset, this.properties.enabled() ? new MonthCache(this.properties.folder()) : null);
	}

}
