package io.ratchet.report;

import java.awt.Color;
import java.util.List;
import java.util.Set;

import io.ratchet.metrics.Interval;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * Charts of a report drawn to PNG with JFreeChart, in one house style
 * ({@code ChartStyle}): white background, light grid, the champion as a thick dark-blue
 * line, up to {@value #HIGHLIGHTED} other models in distinct colours, any further ones
 * thin and grey, a bound as a dashed red line and breached periods shaded red. Rendering
 * is headless ({@code java.awt.headless}). Any job may use these for its own report
 * sections.
 */
public final class Charts {

	/** Lines drawn in colour besides the champion; further series are grey. */
	public static final int HIGHLIGHTED = 5;

	/** The usual size of a chart in a report page. */
	public static final Size WIDE = new Size(1040, 340);

	/** A chart in a grid of two. */
	public static final Size HALF = new Size(510, 360);

	/** A chart in a row of three. */
	public static final Size THIRD = new Size(380, 230);

	/** A small multiple (a feature's mean by month). */
	public static final Size SMALL = new Size(340, 200);

	/** The width of a chart in an e-mail (at most 700 px). */
	public static final Size EMAIL = new Size(680, 280);

	/**
	 * The shortest axis range drawn as it is; a shorter one is widened (see setRange).
	 */
	private static final double MIN_RANGE = 1e-9;

	static {
		System.setProperty("java.awt.headless", "true");
	}

	private Charts() {
	}

	/** A chart's size in pixels. */
	public record Size(int width, int height) {
	}

	/**
	 * A drawn chart.
	 *
	 * @param png the image
	 * @param size its size
	 * @param lines the lines (or bar groups) drawn, reference lines excluded
	 * @param coloured those drawn in colour (not grey)
	 * @param points the most points (or bars) of one line
	 */
	public record Drawing(byte[] png, Size size, int lines, int coloured, int points) {
	}

	/**
	 * How a line is drawn: the champion stands out, highlighted models in colour, the
	 * rest grey.
	 */
	public enum Emphasis {

		CHAMPION, HIGHLIGHT, GREY

	}

	/**
	 * One line of a chart by period.
	 *
	 * @param name the legend's label
	 * @param values one value per period of the chart ({@code null} where undefined: a
	 * gap)
	 * @param emphasis how it is drawn
	 * @param band the 95% interval of each value, drawn as a shaded band behind the line
	 * ({@code null} where a value has none), or {@code null} for no band
	 */
	public record Series(String name, List<Double> values, Emphasis emphasis, List<Interval> band) {

		/** A line without an interval band. */
		public Series(String name, List<Double> values, Emphasis emphasis) {
			this(name, values, emphasis, null);
		}

	}

	/**
	 * One line of a curve chart.
	 *
	 * @param name the legend's label
	 * @param xs the x values
	 * @param ys the y values, as many as {@code xs}
	 * @param emphasis how it is drawn
	 */
	public record Curve(String name, double[] xs, double[] ys, Emphasis emphasis) {
	}

	/**
	 * A line chart of values by period (months, quarters, years or runs), one line per
	 * series.
	 * @param periods the x labels, in order
	 * @param bound a bound drawn as a dashed red line, or {@code null}
	 * @param boundLabel the bound's label, e.g. {@code minimum 0.75}
	 * @param marked periods shaded as breached
	 * @return the drawing
	 */
	public static Drawing byPeriod(String title, String yLabel, List<String> periods, List<Series> series, Double bound,
			String boundLabel, Set<String> marked, Size size) {
		XYSeriesCollection data = new XYSeriesCollection();
		XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, periods.size() <= 36);
		// the champion first, grey lines last: the plot draws series in reverse order, so
		// the champion ends on top,
		// and the legend lists it first
		List<Series> ordered = new java.util.ArrayList<>(series);
		ordered.sort((a, b) -> Integer.compare(ChartStyle.rank(b.emphasis()), ChartStyle.rank(a.emphasis())));
		int colour = 0;
		int index = 0;
		boolean greyInLegend = false;
		long greys = series.stream().filter((line) -> line.emphasis() == Emphasis.GREY).count();
		for (Series line : ordered) {
			// the grey lines share one legend entry, named after the first of them
			String key = (line.emphasis() == Emphasis.GREY && !greyInLegend && greys > 1)
					? line.name() + " and " + (greys - 1) + " more (grey)" : line.name();
			XYSeries xy = new XYSeries(key, false, true);
			for (int i = 0; i < periods.size(); i++) {
				Double value = (i < line.values().size()) ? line.values().get(i) : null;
				xy.add(i, value);
			}
			data.addSeries(xy);
			ChartStyle.style(renderer, index, line.emphasis(), (line.emphasis() == Emphasis.HIGHLIGHT) ? colour++ : 0);
			if (line.emphasis() == Emphasis.GREY) {
				renderer.setSeriesVisibleInLegend(index, !greyInLegend);
				greyInLegend = true;
			}
			index++;
		}
		NumberAxis x = PeriodAxis.of(periods, size.width());
		NumberAxis y = new NumberAxis(yLabel);
		y.setAutoRangeIncludesZero(false);
		XYPlot plot = new XYPlot(data, x, y, renderer);
		plot.setDrawingSupplier(new org.jfree.chart.plot.DefaultDrawingSupplier());
		for (int i = 0; i < periods.size(); i++) {
			if (marked.contains(periods.get(i))) {
				IntervalMarker shade = new IntervalMarker(i - 0.5, i + 0.5, ChartStyle.BREACH_SHADE);
				plot.addDomainMarker(shade, Layer.BACKGROUND);
			}
		}
		YIntervalSeriesCollection bands = bands(ordered, periods.size());
		if (bands.getSeriesCount() > 0) {
			// dataset 1 is drawn before (under) dataset 0: the bands behind the lines
			plot.setDataset(1, bands);
			DeviationRenderer shading = new DeviationRenderer(false, false);
			for (int b = 0; b < bands.getSeriesCount(); b++) {
				shading.setSeriesFillPaint(b, ChartStyle.INTERVAL_SHADE);
			}
			shading.setAlpha(1f);
			plot.setRenderer(1, shading);
		}
		if (bound != null) {
			plot.addRangeMarker(ChartStyle.boundMarker(bound, boundLabel));
			includeInRange(y, data, bands, bound);
		}
		int coloured = (int) series.stream().filter((line) -> line.emphasis() != Emphasis.GREY).count();
		return new Drawing(ChartStyle.png(ChartStyle.chart(title, plot, series.size() > 1), size), size, series.size(),
				coloured, periods.size());
	}

	/**
	 * A chart of curves (ROC, precision-recall, reliability) on the unit square,
	 * optionally with the diagonal.
	 */
	public static Drawing curves(String title, String xLabel, String yLabel, List<Curve> curves, boolean diagonal,
			boolean points, Size size) {
		XYSeriesCollection data = new XYSeriesCollection();
		XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, points);
		int index = addCurves(curves, data, renderer).size();
		if (diagonal) {
			XYSeries line = new XYSeries("chance / perfect calibration", false, true);
			line.add(0, 0);
			line.add(1, 1);
			data.addSeries(line);
			renderer.setSeriesPaint(index, ChartStyle.GREY);
			renderer.setSeriesStroke(index, ChartStyle.dashed(1.2f));
			renderer.setSeriesShapesVisible(index, false);
		}
		NumberAxis x = new NumberAxis(xLabel);
		x.setRange(0, 1);
		NumberAxis y = new NumberAxis(yLabel);
		y.setRange(0, 1.02);
		XYPlot plot = new XYPlot(data, x, y, renderer);
		return curvesDrawing(title, plot, curves, size);
	}

	/**
	 * Curves of a figure against the decision threshold (x from 0 to 1, y as the values
	 * need), each curve's own threshold a dashed vertical line in its colour, labelled
	 * with its value.
	 * @param thresholds each curve's own threshold, by the curve's name (none: no line)
	 */
	public static Drawing byThreshold(String title, String yLabel, List<Curve> curves,
			java.util.Map<String, Double> thresholds, Size size) {
		XYSeriesCollection data = new XYSeriesCollection();
		XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
		NumberAxis x = new NumberAxis("decision threshold (a row is called positive when its score is at least it)");
		x.setRange(0, 1);
		NumberAxis y = new NumberAxis(yLabel);
		y.setAutoRangeIncludesZero(false);
		XYPlot plot = new XYPlot(data, x, y, renderer);
		List<Curve> ordered = addCurves(curves, data, renderer);
		for (int i = 0; i < ordered.size(); i++) {
			Double threshold = thresholds.get(ordered.get(i).name());
			if (threshold != null) {
				ValueMarker marker = new ValueMarker(threshold, renderer.getSeriesPaint(i), ChartStyle.dashed(1.6f));
				marker.setLabel(Double.toString(threshold));
				marker.setLabelFont(ChartStyle.TICK);
				marker.setLabelPaint(renderer.getSeriesPaint(i));
				marker.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_RIGHT);
				marker.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.TOP_LEFT);
				marker.setLabelOffset(new org.jfree.chart.ui.RectangleInsets(2 + 14 * i, 4, 2, 2));
				plot.addDomainMarker(marker);
			}
		}
		return curvesDrawing(title, plot, curves, size);
	}

	/** The drawing of a plot of curves, with a legend. */
	private static Drawing curvesDrawing(String title, XYPlot plot, List<Curve> curves, Size size) {
		int coloured = (int) curves.stream().filter((curve) -> curve.emphasis() != Emphasis.GREY).count();
		int most = curves.stream().mapToInt((curve) -> curve.xs().length).max().orElse(0);
		return new Drawing(ChartStyle.png(ChartStyle.chart(title, plot, true), size), size, curves.size(), coloured,
				most);
	}

	/**
	 * Adds the curves to {@code data} as series styled by their emphasis, the champion
	 * first (drawn on top, listed first), grey ones last.
	 * @return the curves in the order of their series
	 */
	private static List<Curve> addCurves(List<Curve> curves, XYSeriesCollection data, XYLineAndShapeRenderer renderer) {
		List<Curve> ordered = new java.util.ArrayList<>(curves);
		ordered.sort((a, b) -> Integer.compare(ChartStyle.rank(b.emphasis()), ChartStyle.rank(a.emphasis())));
		int colour = 0;
		int index = 0;
		for (Curve curve : ordered) {
			XYSeries xy = new XYSeries(curve.name(), false, true);
			for (int i = 0; i < curve.xs().length; i++) {
				xy.add(curve.xs()[i], curve.ys()[i]);
			}
			data.addSeries(xy);
			ChartStyle.style(renderer, index++, curve.emphasis(),
					(curve.emphasis() == Emphasis.HIGHLIGHT) ? colour++ : 0);
		}
		return ordered;
	}

	/**
	 * Horizontal bars, one per category in the given order (e.g. PSI per feature,
	 * sorted), those above {@code limit} in red, the limit as a dashed line.
	 */
	public static Drawing bars(String title, String valueLabel, List<String> categories, List<Double> values,
			Double limit, Size size) {
		return bars(title, valueLabel, categories, values, limit, false, size);
	}

	/**
	 * Horizontal bars, one per category in the given order, those beyond {@code limit}
	 * (below it when {@code minimum}, else above it) in red, the limit as a dashed line
	 * (name it in the title).
	 */
	public static Drawing bars(String title, String valueLabel, List<String> categories, List<Double> values,
			Double limit, boolean minimum, Size size) {
		DefaultCategoryDataset data = new DefaultCategoryDataset();
		for (int i = 0; i < categories.size(); i++) {
			data.addValue(values.get(i), "value", categories.get(i));
		}
		BarRenderer renderer = new BarRenderer() {

			@Override
			public java.awt.Paint getItemPaint(int row, int column) {
				Double value = values.get(column);
				boolean beyond = limit != null && value != null && (minimum ? value < limit : value > limit);
				return beyond ? ChartStyle.BREACH : ChartStyle.CHAMPION;
			}

		};
		renderer.setBarPainter(new StandardBarPainter());
		renderer.setShadowVisible(false);
		renderer.setMaximumBarWidth(0.12);
		renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", new java.text.DecimalFormat(
				"0.000", java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT))));
		renderer.setDefaultItemLabelsVisible(true);
		renderer.setDefaultItemLabelFont(ChartStyle.TICK);
		CategoryAxis axis = new CategoryAxis(null);
		axis.setTickLabelFont(ChartStyle.TICK);
		axis.setMaximumCategoryLabelWidthRatio(0.45f);
		NumberAxis value = new NumberAxis(valueLabel);
		CategoryPlot plot = new CategoryPlot(data, axis, value, renderer);
		plot.setOrientation(PlotOrientation.HORIZONTAL);
		if (limit != null) {
			// unlabelled: in a narrow bar chart a label near either end is cut; the title
			// names the bound
			ValueMarker marker = ChartStyle.boundMarker(limit, null);
			plot.addRangeMarker(marker);
			double top = values.stream()
				.filter(java.util.Objects::nonNull)
				.mapToDouble(Double::doubleValue)
				.max()
				.orElse(limit);
			double bottom = values.stream()
				.filter(java.util.Objects::nonNull)
				.mapToDouble(Double::doubleValue)
				.min()
				.orElse(limit);
			double high = Math.max(top, limit);
			double low = Math.min(bottom, limit);
			// a minimum is read near the bars' ends: start the axis below the lowest
			// value rather than at 0
			setRange(value, minimum ? Math.max(0, low - (high - low) * 0.6) : Math.min(0, low),
					high + (minimum ? (high - low) * 0.25 : Math.abs(high) * 0.12));
		}
		plot.setBackgroundPaint(Color.WHITE);
		plot.setRangeGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
		value.setLabelFont(ChartStyle.LABEL);
		value.setTickLabelFont(ChartStyle.TICK);
		return new Drawing(ChartStyle.png(ChartStyle.chart(title, plot, false), size), size, 1, 1, categories.size());
	}

	/**
	 * The 95% interval bands of the series that have one, one band series each, named
	 * after its line; a period without an interval leaves a gap.
	 */
	private static YIntervalSeriesCollection bands(List<Series> series, int periods) {
		YIntervalSeriesCollection bands = new YIntervalSeriesCollection();
		for (Series line : series) {
			if (line.band() == null) {
				continue;
			}
			YIntervalSeries band = new YIntervalSeries(line.name() + ", 95% interval", false, true);
			for (int i = 0; i < Math.min(periods, line.band().size()); i++) {
				Interval interval = line.band().get(i);
				if (interval != null) {
					band.add(i, (interval.lo() + interval.hi()) / 2, interval.lo(), interval.hi());
				}
			}
			bands.addSeries(band);
		}
		return bands;
	}

	/** Makes sure the bound and the bands are inside the axis range, with a margin. */
	private static void includeInRange(NumberAxis axis, XYSeriesCollection data, YIntervalSeriesCollection bands,
			double bound) {
		double low = bound;
		double high = bound;
		for (int s = 0; s < bands.getSeriesCount(); s++) {
			for (int i = 0; i < bands.getItemCount(s); i++) {
				low = Math.min(low, bands.getStartYValue(s, i));
				high = Math.max(high, bands.getEndYValue(s, i));
			}
		}
		for (int s = 0; s < data.getSeriesCount(); s++) {
			XYSeries series = data.getSeries(s);
			if (series.getItemCount() == 0) {
				continue;
			}
			for (int i = 0; i < series.getItemCount(); i++) {
				Number y = series.getY(i);
				if (y != null) {
					low = Math.min(low, y.doubleValue());
					high = Math.max(high, y.doubleValue());
				}
			}
		}
		double margin = Math.max((high - low) * 0.08, 1e-3);
		setRange(axis, low - margin, high + margin);
	}

	/**
	 * Sets an axis range that JFreeChart accepts whatever the values: a range of no
	 * length (every value equal to the bound, or no value at all beside a bound, as in a
	 * now-test without labelled rows) is widened around its value (by 10% of it, or by
	 * 0.05 around 0), and a non-finite end falls back to the unit interval.
	 */
	static void setRange(ValueAxis axis, double low, double high) {
		if (!Double.isFinite(low) || !Double.isFinite(high)) {
			axis.setRange(0, 1);
			return;
		}
		if (high - low < MIN_RANGE) {
			double middle = (low + high) / 2;
			double half = Math.max(Math.abs(middle) * 0.1, 0.05);
			axis.setRange(middle - half, middle + half);
			return;
		}
		axis.setRange(low, high);
	}

}
