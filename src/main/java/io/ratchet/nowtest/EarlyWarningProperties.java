package io.ratchet.nowtest;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the now-test's estimates without labels
 * ({@code ratchet.nowtest.early-warning}; the estimates themselves are computed for every
 * dataset with {@code estimate: cbpe}).
 *
 * @param enabled whether an estimated breach of a requirement e-mails an "early warning"
 * to the dataset's alert recipients (off by default: an estimate is not a measurement)
 * @param maxCalibrationError the largest expected calibration error of a model's scores
 * on the reference's labelled rows for its estimate to be trusted; beyond it the report
 * says the estimate is not to be trusted and no early warning is sent
 */
@ConfigurationProperties("ratchet.nowtest.early-warning")
public record EarlyWarningProperties(@DefaultValue("false") boolean enabled,
		@DefaultValue("0.05") double maxCalibrationError) {

	public EarlyWarningProperties {
		if (!(maxCalibrationError > 0 && maxCalibrationError <= 1)) {
			throw new IllegalArgumentException(
					"ratchet.nowtest.early-warning.max-calibration-error must be in (0, 1], not "
							+ maxCalibrationError);
		}
	}

}
