package io.ratchet.workspace;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The columnar month cache ({@link io.ratchet.data.MonthCache}).
 *
 * @param enabled whether jobs read months from the cache (and write it); off, every month
 * is parsed from its CSV and the cache is neither read nor written
 * ({@code --ratchet.cache.enabled=false} for one command)
 * @param folder where the entries are, relative to the working directory
 */
@ConfigurationProperties("ratchet.cache")
public record MonthCacheProperties(@DefaultValue("true") boolean enabled,
		@DefaultValue(".ratchet/month-cache") Path folder) {

}
