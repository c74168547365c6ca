package io.ratchet.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import io.ratchet.report.Charts.Emphasis;
import io.ratchet.report.Charts.Size;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;

/**
 * The house style of {@link Charts}: colours, fonts and strokes, how a line of each
 * {@link Emphasis} is drawn, the bound's dashed red marker, the chart's frame (title,
 * legend, grid) and the PNG encoding.
 */
final class ChartStyle {

	static final Color CHAMPION = new Color(0x1f, 0x4e, 0x9c);

	static final Color[] PALETTE = { new Color(0xe0, 0x7b, 0x00), new Color(0x2a, 0x9d, 0x5c),
			new Color(0x8e, 0x44, 0xad), new Color(0x00, 0x8b, 0x9e), new Color(0xa0, 0x52, 0x2d) };

	static final Color GREY = new Color(0xbb, 0xbb, 0xbb);

	static final Color BREACH = new Color(0xc6, 0x28, 0x28);

	static final Color BREACH_SHADE = new Color(0xc6, 0x28, 0x28, 0x2a);

	/** The 95% interval band behind a line: the champion's blue, faint. */
	static final Color INTERVAL_SHADE = new Color(0x1f, 0x4e, 0x9c, 0x30);

	static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);

	static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

	static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

	private ChartStyle() {
	}

	static int rank(Emphasis emphasis) {
		return switch (emphasis) {
			case GREY -> 0;
			case HIGHLIGHT -> 1;
			case CHAMPION -> 2;
		};
	}

	static void style(XYLineAndShapeRenderer renderer, int index, Emphasis emphasis, int colour) {
		switch (emphasis) {
			case CHAMPION -> {
				renderer.setSeriesPaint(index, CHAMPION);
				renderer.setSeriesStroke(index, new BasicStroke(3.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
				renderer.setSeriesShape(index, new Ellipse2D.Double(-3.5, -3.5, 7, 7));
			}
			case HIGHLIGHT -> {
				renderer.setSeriesPaint(index, PALETTE[colour % PALETTE.length]);
				renderer.setSeriesStroke(index, new BasicStroke(1.8f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
				renderer.setSeriesShape(index, new Ellipse2D.Double(-2.5, -2.5, 5, 5));
			}
			case GREY -> {
				renderer.setSeriesPaint(index, GREY);
				renderer.setSeriesStroke(index, new BasicStroke(1.0f));
				renderer.setSeriesShapesVisible(index, false);
			}
		}
	}

	static BasicStroke dashed(float width) {
		return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] { 6f, 4f }, 0f);
	}

	static ValueMarker boundMarker(double bound, String label) {
		ValueMarker marker = new ValueMarker(bound, BREACH, dashed(2f));
		if (label != null) {
			marker.setLabel(label);
			marker.setLabelFont(LABEL);
			marker.setLabelPaint(BREACH);
			marker.setLabelAnchor(RectangleAnchor.TOP_LEFT);
			marker.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
			marker.setLabelBackgroundColor(new Color(255, 255, 255, 200));
			marker.setLabelOffset(new RectangleInsets(2, 6, 2, 2));
		}
		return marker;
	}

	static JFreeChart chart(String title, org.jfree.chart.plot.Plot plot, boolean legend) {
		JFreeChart chart = new JFreeChart(null, TITLE, plot, legend);
		chart.setTitle(new TextTitle(title, TITLE));
		chart.getTitle().setHorizontalAlignment(org.jfree.chart.ui.HorizontalAlignment.LEFT);
		chart.getTitle().setMargin(4, 8, 6, 4);
		chart.setBackgroundPaint(Color.WHITE);
		chart.setPadding(new RectangleInsets(4, 4, 4, 10));
		if (plot instanceof XYPlot xy) {
			xy.setBackgroundPaint(Color.WHITE);
			xy.setDomainGridlinePaint(new Color(0xe4, 0xe4, 0xe4));
			xy.setRangeGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
			xy.setOutlineVisible(false);
			xy.getDomainAxis().setLabelFont(LABEL);
			xy.getRangeAxis().setLabelFont(LABEL);
			xy.getDomainAxis().setTickLabelFont(TICK);
			xy.getRangeAxis().setTickLabelFont(TICK);
		}
		LegendTitle legendTitle = chart.getLegend();
		if (legendTitle != null) {
			legendTitle.setPosition(RectangleEdge.TOP);
			legendTitle.setHorizontalAlignment(org.jfree.chart.ui.HorizontalAlignment.LEFT);
			legendTitle.setFrame(BlockBorder.NONE);
			legendTitle.setItemFont(LABEL);
		}
		return chart;
	}

	static byte[] png(JFreeChart chart, Size size) {
		try {
			ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
			ChartUtils.writeChartAsPNG(out, chart, size.width(), size.height());
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot draw the chart " + chart.getTitle().getText(), ex);
		}
	}

}
