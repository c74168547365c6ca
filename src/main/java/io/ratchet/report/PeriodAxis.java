package io.ratchet.report;

import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.List;

import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;

/**
 * The x axis of a chart by period: period indexes labelled with the periods, spaced so
 * that labels never overlap.
 */
final class PeriodAxis {

	private PeriodAxis() {
	}

	/**
	 * An axis of period indexes labelled with the periods: one label every {@code step}
	 * periods, so that labels (about 7 px per character) never overlap on a chart
	 * {@code width} pixels wide.
	 */
	static NumberAxis of(List<String> periods, int width) {
		NumberAxis axis = new NumberAxis(null);
		int longest = periods.stream().mapToInt(String::length).max().orElse(7);
		int fitting = Math.max(2, (width - 90) / (longest * 7 + 16));
		int step = Math.max(1, (int) Math.ceil(periods.size() / (double) fitting));
		PeriodFormat format = new PeriodFormat(periods);
		axis.setTickUnit(new NumberTickUnit(step, format));
		axis.setNumberFormatOverride(format);
		axis.setRange(-0.5, Math.max(0.5, periods.size() - 0.5));
		axis.setTickLabelFont(ChartStyle.TICK);
		return axis;
	}

	/** Shows the period of an integer index; nothing between periods. */
	private static final class PeriodFormat extends NumberFormat {

		private static final long serialVersionUID = 1L;

		private final List<String> periods;

		PeriodFormat(List<String> periods) {
			this.periods = List.copyOf(periods);
		}

		@Override
		public StringBuffer format(double number, StringBuffer to, FieldPosition pos) {
			long index = Math.round(number);
			if (Math.abs(number - index) < 1e-9 && index >= 0 && index < this.periods.size()) {
				to.append(this.periods.get((int) index));
			}
			return to;
		}

		@Override
		public StringBuffer format(long number, StringBuffer to, FieldPosition pos) {
			return format((double) number, to, pos);
		}

		@Override
		public Number parse(String source, ParsePosition pos) {
			return null;
		}

	}

}
