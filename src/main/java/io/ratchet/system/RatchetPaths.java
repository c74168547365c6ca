package io.ratchet.system;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Ratchet finds its configuration and data and writes its reports, relative to the
 * working directory.
 *
 * @param config the folder with {@code datasets/}, {@code models/}, {@code registry.yml}
 * and {@code requirements.yml}
 * @param data the folder with one sub-folder of month files per dataset
 * @param reports the folder that receives one sub-folder per job and run
 */
@ConfigurationProperties("ratchet.paths")
public record RatchetPaths(@DefaultValue("config") Path config, @DefaultValue("historical-data") Path data,
		@DefaultValue("reports") Path reports) {

}
