package io.ratchet.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.ratchet.metrics.Interval;
import io.ratchet.metrics.IntervalMethod;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The band of an aggregated chart: the interval of each period's mean of months, the
 * months' half-widths added in quadrature.
 */
class PeriodsBandTests {

	@Test
	void aQuartersBandIsTheIntervalOfItsMeanOfMonths() {
		// given: 2021-01 to 2021-06 drawn by quarter; Q1's months 0.7 [0.6, 0.76],
		// 0.8 [0.72, 0.86], 0.75 [0.7, 0.8]; Q2's second month without a value, its third
		// without an interval
		List<String> months = List.of("2021-01", "2021-02", "2021-03", "2021-04", "2021-05", "2021-06");
		Periods quarters = Periods.of(months, 2);
		List<Double> values = Arrays.asList(0.7, 0.8, 0.75, 0.6, null, 0.64);
		List<Interval> intervals = new ArrayList<>(Arrays.asList(interval(0.6, 0.76), interval(0.72, 0.86),
				interval(0.7, 0.8), interval(0.5, 0.7), null, null));

		// when
		List<Interval> band = quarters.aggregateBand(values, intervals);
		intervals.set(5, interval(0.6, 0.7));
		List<Interval> complete = quarters.aggregateBand(values, intervals);

		// then: Q1 = 0.75 - √(0.1² + 0.08² + 0.05²)/3, 0.75 + √(0.06² + 0.06² + 0.05²)/3
		assertThat(quarters.labels()).containsExactly("2021-Q1", "2021-Q2");
		assertThat(band.get(0).lo()).isCloseTo(0.75 - Math.sqrt(0.01 + 0.0064 + 0.0025) / 3, within(1e-12));
		assertThat(band.get(0).hi()).isCloseTo(0.75 + Math.sqrt(0.0036 + 0.0036 + 0.0025) / 3, within(1e-12));
		assertThat(band.get(0).method()).isEqualTo(IntervalMethod.DELONG);
		assertThat(band.get(1)).isNull();
		// Q2 = mean of 0.6 and 0.64 (the month without a value left out), ± over 2 months
		assertThat(complete.get(1).lo()).isCloseTo(0.62 - Math.sqrt(0.01 + 0.0016) / 2, within(1e-12));
		assertThat(complete.get(1).hi()).isCloseTo(0.62 + Math.sqrt(0.01 + 0.0036) / 2, within(1e-12));
	}

	@Test
	void monthsKeepTheirOwnIntervals() {
		// given
		List<String> months = List.of("2021-01", "2021-02");
		List<Interval> intervals = Arrays.asList(interval(0.6, 0.76), null);

		// when
		List<Interval> band = Periods.of(months, Periods.LIMIT).aggregateBand(Arrays.asList(0.7, 0.8), intervals);

		// then
		assertThat(band).isEqualTo(intervals);
	}

	private static Interval interval(double lo, double hi) {
		return new Interval(lo, hi, IntervalMethod.DELONG);
	}

}
