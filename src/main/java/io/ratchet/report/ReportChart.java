package io.ratchet.report;

/**
 * A chart of a report: a PNG written beside the page (and, in an e-mail, attached inline under its file name as
 * Content-ID).
 * @param file the PNG's file name, e.g. {@code roc_auc-by-month.png}; letters, digits, {@code . _ -} only
 * @param title what the chart shows (the image's alternative text)
 * @param caption a sentence under it, or empty
 * @param png the image, from {@link Charts}
 * @param width its width in pixels
 * @param height its height in pixels
 */
public record ReportChart(String file, String title, String caption, byte[] png, int width, int height) {

	public ReportChart {
		if (!file.matches("[A-Za-z0-9._-]+\\.png")) {
			throw new IllegalArgumentException("a chart file name must be a plain .png name, not '" + file + "'");
		}
	}

	/** A chart with its size taken from the {@link Charts.Size} it was drawn at. */
	public static ReportChart of(String file, String title, String caption, byte[] png, Charts.Size size) {
		return new ReportChart(file, title, caption, png, size.width(), size.height());
	}

	/** The width to show it at: its own, or {@code max} when narrower. */
	public int widthAtMost(int max) {
		return Math.min(this.width, max);
	}

	/** The height that keeps its proportions at {@link #widthAtMost(int)}. */
	public int heightAtMost(int max) {
		return (int) Math.round(this.height * (double) widthAtMost(max) / this.width);
	}

}
