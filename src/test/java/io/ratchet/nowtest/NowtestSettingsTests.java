package io.ratchet.nowtest;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import io.ratchet.data.Task;
import io.ratchet.model.Link;
import io.ratchet.model.LinearModel;
import io.ratchet.model.ModelVersion;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The window's arithmetic, the drift reference and the checks on {@code ratchet.nowtest}
 * settings.
 */
class NowtestSettingsTests {

	@Test
	void aWindowIncludesItsFirstDayAndItsAsOfDate() {
		// when
		NowtestWindow window = NowtestWindow.of(LocalDate.of(2026, 3, 1), 30, 3);

		// then
		assertThat(window.start()).isEqualTo(LocalDate.of(2026, 1, 31));
		assertThat(window.contains(LocalDate.of(2026, 1, 30))).isFalse();
		assertThat(window.contains(LocalDate.of(2026, 1, 31))).isTrue();
		assertThat(window.contains(LocalDate.of(2026, 3, 1))).isTrue();
		assertThat(window.contains(LocalDate.of(2026, 3, 2))).isFalse();
		assertThat(window.labelCutoff()).isEqualTo(LocalDate.of(2026, 2, 26));
		assertThat(window.awaitingLabel(LocalDate.of(2026, 2, 26))).isFalse();
		assertThat(window.awaitingLabel(LocalDate.of(2026, 2, 27))).isTrue();
		assertThat(window.months()).containsExactly(YearMonth.of(2026, 1), YearMonth.of(2026, 2),
				YearMonth.of(2026, 3));
		assertThat(NowtestWindow.of(LocalDate.of(2026, 3, 1), 1, 0).months()).containsExactly(YearMonth.of(2026, 3));
	}

	@Test
	void theReferenceIsTheChampionsTrainingWindowOrTheMonthsBeforeTheWindow() {
		// given
		NowtestWindow window = NowtestWindow.of(LocalDate.of(2026, 10, 31), 30, 0);
		ModelVersion trained = model(Map.of("window", List.of("2024-11", "2025-10")));
		ModelVersion untrained = model(Map.of());

		// then
		assertThat(DriftReference.resolve("training", 3, trained, window).months()).hasSize(12)
			.startsWith(YearMonth.of(2024, 11))
			.endsWith(YearMonth.of(2025, 10));
		DriftReference fallback = DriftReference.resolve("training", 2, untrained, window);
		assertThat(fallback.months()).containsExactly(YearMonth.of(2026, 8), YearMonth.of(2026, 9));
		assertThat(fallback.description()).contains("has no training.window");
		assertThat(DriftReference.resolve("last-months", 1, trained, window).months())
			.containsExactly(YearMonth.of(2026, 9));
		assertThat(DriftReference.trainingWindow(model(Map.of("window", List.of("2025-10", "2024-11"))))).isNull();
		assertThat(DriftReference.trainingWindow(model(Map.of("window", "2024")))).isNull();
	}

	@Test
	void settingsAreWholeDaysAndPerDatasetOverridesWin() {
		// given
		NowtestProperties properties = new NowtestProperties(Duration.ofDays(30), Duration.ZERO, "Europe/Paris",
				Map.of("rain", new NowtestProperties.DatasetSettings(Duration.ofDays(14), null)),
				new NowtestProperties.Drift("training", 3, 10, 1000));

		// then
		assertThat(properties.windowDays("rain")).isEqualTo(14);
		assertThat(properties.labelDelayDays("rain")).isZero();
		assertThat(properties.windowDays("churn")).isEqualTo(30);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new NowtestProperties(Duration.ofHours(30), Duration.ZERO, "", null,
					new NowtestProperties.Drift("training", 3, 10, 1000)))
			.withMessageContaining("ratchet.nowtest.window must be a whole number of days");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new NowtestProperties(Duration.ofDays(30), Duration.ZERO, "Mars/Olympus", null,
					new NowtestProperties.Drift("training", 3, 10, 1000)))
			.withMessageContaining("ratchet.nowtest.zone");
		assertThatIllegalArgumentException().isThrownBy(() -> new NowtestProperties.Drift("yesterday", 3, 10, 1000))
			.withMessageContaining("training or last-months");
	}

	private static ModelVersion model(Map<String, Object> training) {
		return new ModelVersion("m", "1", "toy", Task.BINARY, "linear", "0".repeat(64), Path.of("m-v1.json"),
				new LinearModel(Link.LOGISTIC, 0.0, List.of(), training));
	}

}
