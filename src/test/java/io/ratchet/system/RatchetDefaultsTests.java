package io.ratchet.system;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.mock.env.MockPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The shared settings ({@code ratchet.defaults}) and the start-up error for their old
 * names.
 */
class RatchetDefaultsTests {

	@Test
	void withNothingConfiguredThereIsNoDefaultDatasetAndTheThresholdIsOneHalf() {
		// given
		StandardEnvironment environment = new StandardEnvironment();

		// when
		RatchetDefaults defaults = Binder.get(environment).bindOrCreate("ratchet.defaults", RatchetDefaults.class);

		// then: no demo name baked in
		assertThat(defaults.defaultDataset()).isEmpty();
		assertThat(defaults.threshold()).isEqualTo(0.5);
	}

	@Test
	void theConfiguredDatasetAndThresholdAreBound() {
		// given
		StandardEnvironment environment = environment("ratchet.defaults.dataset", "sales");
		environment.getPropertySources()
			.addFirst(new MockPropertySource("more").withProperty("ratchet.defaults.threshold", "0.3"));

		// when
		RatchetDefaults defaults = Binder.get(environment).bindOrCreate("ratchet.defaults", RatchetDefaults.class);

		// then
		assertThat(defaults.defaultDataset()).contains("sales");
		assertThat(defaults.threshold()).isEqualTo(0.3);
	}

	@Test
	void aBlankDatasetMeansNone() {
		// given
		StandardEnvironment environment = environment("ratchet.defaults.dataset", " ");

		// when
		RatchetDefaults defaults = Binder.get(environment).bindOrCreate("ratchet.defaults", RatchetDefaults.class);

		// then
		assertThat(defaults.defaultDataset()).isEmpty();
	}

	@Test
	void theOldNameOfTheDefaultDatasetStopsTheStartWithTheNewName() {
		// given: a configuration written before the settings moved
		StandardEnvironment environment = environment("ratchet.backtest.default-dataset", "sales");

		// when
		BindException failure = catchThrowableOfType(BindException.class,
				() -> Binder.get(environment).bindOrCreate("ratchet.backtest", MovedSettings.class));

		// then
		assertThat(Failures.describe(failure)).contains("ratchet.backtest.default-dataset has moved")
			.contains("ratchet.defaults.dataset: sales");
	}

	@Test
	void theOldNameOfTheThresholdStopsTheStartWithTheNewName() {
		// given
		StandardEnvironment environment = environment("ratchet.backtest.threshold", "0.4");

		// when
		BindException failure = catchThrowableOfType(BindException.class,
				() -> Binder.get(environment).bindOrCreate("ratchet.backtest", MovedSettings.class));

		// then
		assertThat(Failures.describe(failure)).contains("ratchet.defaults.threshold: 0.4");
	}

	@Test
	void theBacktestsOwnSettingsAreNoMovedSetting() {
		// given
		StandardEnvironment environment = environment("ratchet.backtest.threads", "4");

		// when
		MovedSettings moved = Binder.get(environment).bindOrCreate("ratchet.backtest", MovedSettings.class);

		// then
		assertThat(moved.defaultDataset()).isNull();
		assertThat(moved.threshold()).isNull();
	}

	private static StandardEnvironment environment(String name, String value) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MockPropertySource("config/application.yml").withProperty(name, value));
		return environment;
	}

}
