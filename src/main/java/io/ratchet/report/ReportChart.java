package io.ratchet.report;

/**
 * A chart of a report: a PNG written beside the page (and, in an e-mail, attached inline
 * under its file name as Content-ID).
 *
 * @param file the PNG's file name, e.g. {@code roc_auc-by-month.png}; letters, digits,
 * {@code . _ -} only
 * @param title what the chart shows (the image's alternative text)
 * @param caption a sentence under it, or empty
 * @param drawing the image and what it holds, from {@link Charts}
 */
public record ReportChart(String file, String title, String caption, Charts.Drawing drawing) {

	public ReportChart {
		if (!file.matches("[A-Za-z0-9._-]+\\.png")) {
			throw new IllegalArgumentException("a chart file name must be a plain .png name, not '" + file + "'");
		}
	}

	public byte[] png() {
		return this.drawing.png();
	}

	public int width() {
		return this.drawing.size().width();
	}

	public int height() {
		return this.drawing.size().height();
	}

	/** The width to show it at: its own, or {@code max} when narrower. */
	public int widthAtMost(int max) {
		return Math.min(width(), max);
	}

	/** The height that keeps its proportions at {@link #widthAtMost(int)}. */
	public int heightAtMost(int max) {
		return (int) Math.round(height() * (double) widthAtMost(max) / width());
	}

}
