package io.ratchet.run;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import io.ratchet.metrics.Interval;
import io.ratchet.metrics.IntervalMethod;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A period's intervals packed into one value come back exactly (every bit of the bounds,
 * the methods, the order); a value that is not a packed set is refused, naming where it
 * was read.
 */
class IntervalSetTests {

	@Test
	void packedIntervalsComeBackBitForBitInTheirOrder() {
		// given
		Map<String, Interval> intervals = new LinkedHashMap<>();
		intervals.put("roc_auc", new Interval(0.1 + 0.2, Math.nextUp(0.7), IntervalMethod.DELONG));
		intervals.put("precision", new Interval(-0.0, Double.MIN_VALUE, IntervalMethod.WILSON));
		intervals.put("churn_cost", new Interval(-1e300, 1e300, IntervalMethod.BOOTSTRAP));

		// when
		Map<String, Interval> back = IntervalSet.unpack(IntervalSet.pack(intervals), "run 1");

		// then
		assertThat(back).containsExactlyEntriesOf(intervals);
		assertThat(Double.doubleToRawLongBits(back.get("precision").lo())).isEqualTo(Double.doubleToRawLongBits(-0.0));
		assertThat(IntervalSet.unpack(IntervalSet.pack(Map.of()), "run 1")).isEmpty();
	}

	@Test
	void aValueThatIsNotAPackedSetIsRefusedNamingWhereItWasRead() {
		// given
		byte[] packed = IntervalSet.pack(Map.of("roc_auc", new Interval(0.5, 0.7, IntervalMethod.DELONG)));
		byte[] truncated = Arrays.copyOf(packed, packed.length - 3);
		byte[] longer = Arrays.copyOf(packed, packed.length + 1);
		byte[] otherVersion = packed.clone();
		otherVersion[0] = 9;

		// when / then
		assertThatThrownBy(() -> IntervalSet.unpack(truncated, "run 4, model version 2, period 2024-03"))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("run 4, model version 2, period 2024-03");
		assertThatThrownBy(() -> IntervalSet.unpack(longer, "run 4")).hasMessageContaining("bytes after 1 intervals");
		assertThatThrownBy(() -> IntervalSet.unpack(otherVersion, "run 4"))
			.hasMessageContaining("unknown format version 9");
	}

}
