package io.ratchet.system;

import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings shared by the jobs and commands ({@code ratchet.defaults}): the back-test,
 * now-test, challenge and the promotion gate read them alike, so they belong to none of
 * those features.
 *
 * @param dataset the dataset a command works on when it is given no {@code --dataset};
 * none by default (the shipped {@code config/application.yml} names the demo's)
 * @param threshold the class threshold for accuracy, precision, recall and F1 (class 1
 * when score &gt;= threshold)
 */
@ConfigurationProperties("ratchet.defaults")
public record RatchetDefaults(String dataset, @DefaultValue("0.5") double threshold) {

	/** The setting that names the default dataset, for messages. */
	public static final String DATASET_SETTING = "ratchet.defaults.dataset";

	public RatchetDefaults {
		dataset = (dataset == null || dataset.isBlank()) ? null : dataset.trim();
	}

	/** The default dataset, when one is configured. */
	public Optional<String> defaultDataset() {
		return Optional.ofNullable(this.dataset);
	}

}
