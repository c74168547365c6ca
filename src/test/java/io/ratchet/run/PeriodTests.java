package io.ratchet.run;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The typed values behind the results tables' strings: periods, roles and jobs keep their
 * stored spelling.
 */
class PeriodTests {

	@Test
	void aPeriodIsAMonthOrTheWholePeriodAndReadsBackFromAPaddedColumn() {
		assertThat(Period.of("ALL    ")).isEqualTo(Period.ALL);
		assertThat(Period.ALL.isAll()).isTrue();
		assertThat(Period.ALL.month()).isEmpty();
		assertThat(Period.of("2024-03").month()).contains(YearMonth.of(2024, 3));
		assertThat(Period.month(YearMonth.of(2024, 3)).value()).isEqualTo("2024-03");
		assertThat(ResultsStore.ALL).isEqualTo(Period.ALL.value()).isEqualTo("ALL");
		assertThatIllegalArgumentException().isThrownBy(() -> Period.of("2024-13"));
		assertThatIllegalArgumentException().isThrownBy(() -> Period.of("all"));
	}

	@Test
	void periodsSortByMonthWithTheWholePeriodLast() {
		List<Period> periods = new ArrayList<>(List.of(Period.ALL, Period.of("2024-02"), Period.of("2023-12")));
		Collections.sort(periods);
		assertThat(periods).containsExactly(Period.of("2023-12"), Period.of("2024-02"), Period.ALL);
	}

	@Test
	void rolesAndJobsKeepTheirStoredNames() {
		assertThat(Role.CHAMPION.value()).isEqualTo("champion");
		assertThat(Role.of("candidate")).isEqualTo(Role.CANDIDATE);
		assertThat(Role.of("other")).isEqualTo(Role.OTHER);
		assertThat(Role.CHAMPION.is("champion")).isTrue();
		assertThat(JobKind.of("nowtest")).contains(JobKind.NOWTEST);
		assertThat(JobKind.of("import")).isEmpty();
		assertThat(JobKind.BACKTEST.jobName()).isEqualTo("backtest");
		assertThat(JobKind.CHALLENGE.is("challenge")).isTrue();
	}

}
