package io.ratchet.report;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import javax.imageio.ImageIO;

import io.ratchet.metrics.Interval;
import io.ratchet.metrics.IntervalMethod;
import io.ratchet.report.Charts.Drawing;
import io.ratchet.report.Charts.Emphasis;
import io.ratchet.report.Charts.Series;
import org.junit.jupiter.api.Test;
import org.jfree.chart.axis.NumberAxis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Charts drawn from degenerate figures: no value at all (a now-test window without
 * labelled rows), every value equal to its bound, a single value. JFreeChart refuses an
 * axis range of no length ("A positive range length is required: Range[0.76,0.76]"),
 * which once failed the whole report and with it the alert.
 */
class ChartsTests {

	@Test
	void barsWithoutAnyValueBesideAMinimumAreDrawn() throws IOException {
		// given: the window's ROC AUC is undefined for every model (no labelled rows)
		List<Double> values = Arrays.asList(null, null);

		// when
		Drawing drawing = Charts.bars("roc_auc in the window, minimum 0.76", "roc_auc", List.of("champion", "other"),
				values, 0.76, true, Charts.THIRD);

		// then
		assertDrawn(drawing, Charts.THIRD);
	}

	@Test
	void barsWhoseValuesAllEqualTheirMinimumAreDrawn() throws IOException {
		// when
		Drawing drawing = Charts.bars("roc_auc", "roc_auc", List.of("champion"), List.of(0.76), 0.76, true,
				Charts.THIRD);

		// then
		assertDrawn(drawing, Charts.THIRD);
	}

	@Test
	void barsOfZeroAgainstAMaximumOfZeroAreDrawn() throws IOException {
		// when
		Drawing drawing = Charts.bars("missing rate", "missing_rate", List.of("x"), List.of(0.0), 0.0, false,
				Charts.THIRD);

		// then
		assertDrawn(drawing, Charts.THIRD);
	}

	@Test
	void aLineOfOneValueEqualToItsBoundIsDrawn() throws IOException {
		// when
		Drawing drawing = Charts.byPeriod("roc_auc by month", "roc_auc", List.of("2024-03"),
				List.of(new Series("champion", List.of(0.76), Emphasis.CHAMPION)), 0.76, "minimum 0.76", Set.of(),
				Charts.WIDE);

		// then
		assertDrawn(drawing, Charts.WIDE);
	}

	@Test
	void aLineWithoutAnyValueIsDrawnWithAndWithoutABound() throws IOException {
		// given
		List<Series> empty = List.of(new Series("champion", Arrays.asList(null, null), Emphasis.CHAMPION));

		// when
		Drawing bounded = Charts.byPeriod("roc_auc", "roc_auc", List.of("run 1", "run 2"), empty, 0.76, "minimum 0.76",
				Set.of(), Charts.WIDE);
		Drawing unbounded = Charts.byPeriod("roc_auc", "roc_auc", List.of("run 1", "run 2"), empty, null, null,
				Set.of(), Charts.WIDE);

		// then
		assertDrawn(bounded, Charts.WIDE);
		assertDrawn(unbounded, Charts.WIDE);
	}

	@Test
	void theChampionsIntervalsAreAFaintBandBehindItsLineThatTheAxisIncludes() throws IOException {
		// given: four months, the third without an interval, the last interval reaching
		// far below the bound
		List<Double> values = List.of(0.80, 0.79, 0.78, 0.74);
		List<Interval> intervals = Arrays.asList(new Interval(0.76, 0.84, IntervalMethod.DELONG),
				new Interval(0.75, 0.83, IntervalMethod.DELONG), null, new Interval(0.62, 0.86, IntervalMethod.DELONG));
		List<String> months = List.of("2026-01", "2026-02", "2026-03", "2026-04");

		// when
		Drawing banded = Charts.byPeriod("roc_auc by month", "roc_auc", months,
				List.of(new Series("champion", values, Emphasis.CHAMPION, intervals)), 0.7, "minimum 0.7", Set.of(),
				Charts.WIDE);
		Drawing plain = Charts.byPeriod("roc_auc by month", "roc_auc", months,
				List.of(new Series("champion", values, Emphasis.CHAMPION)), 0.7, "minimum 0.7", Set.of(), Charts.WIDE);

		// then: the band's faint blue covers a sizeable area only where it is drawn
		assertDrawn(banded, Charts.WIDE);
		assertThat(faintBluePixels(banded)).isGreaterThan(2000).isGreaterThan(20 * faintBluePixels(plain) + 1);
	}

	/** Pixels of the band's colour over white: light, clearly bluer than red. */
	private static long faintBluePixels(Drawing drawing) throws IOException {
		BufferedImage image = ImageIO.read(new ByteArrayInputStream(drawing.png()));
		long count = 0;
		for (int x = 0; x < image.getWidth(); x++) {
			for (int y = 0; y < image.getHeight(); y++) {
				Color colour = new Color(image.getRGB(x, y));
				if (colour.getRed() > 170 && colour.getRed() < 235 && colour.getBlue() > 225
						&& colour.getBlue() - colour.getRed() > 15) {
					count++;
				}
			}
		}
		return count;
	}

	@Test
	void anAxisOfNoLengthIsWidenedAroundItsValueAndANonFiniteOneFallsBackToTheUnitInterval() {
		// given
		NumberAxis axis = new NumberAxis();

		// when / then
		Charts.setRange(axis, 0.76, 0.76);
		assertThat(axis.getLowerBound()).isLessThan(0.76);
		assertThat(axis.getUpperBound()).isGreaterThan(0.76);
		Charts.setRange(axis, 0, 0);
		assertThat(axis.getLowerBound()).isEqualTo(-0.05);
		assertThat(axis.getUpperBound()).isEqualTo(0.05);
		Charts.setRange(axis, Double.NaN, 1);
		assertThat(axis.getRange().getLength()).isEqualTo(1);
		Charts.setRange(axis, 0.2, 0.9);
		assertThat(axis.getLowerBound()).isEqualTo(0.2);
		assertThat(axis.getUpperBound()).isEqualTo(0.9);
	}

	private static void assertDrawn(Drawing drawing, Charts.Size size) throws IOException {
		BufferedImage image = ImageIO.read(new ByteArrayInputStream(drawing.png()));
		assertThat(image).isNotNull();
		assertThat(image.getWidth()).isEqualTo(size.width());
		assertThat(image.getHeight()).isEqualTo(size.height());
	}

}
