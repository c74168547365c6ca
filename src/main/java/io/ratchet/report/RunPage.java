package io.ratchet.report;

import java.util.List;

/**
 * Everything a run's report page shows, in order: the title, the verdict badge with the
 * lines that explain it (the breached requirements), then the sections.
 * {@link RunReports#writePage} writes it as {@code index.html} with its charts beside it;
 * every job's report has this layout.
 *
 * @param job the job's name ({@code backtest}, {@code nowtest}, {@code challenge} ...)
 * @param runId the run
 * @param dataset the dataset
 * @param title the page's heading, e.g. {@code Back-test of sales, run 12}
 * @param verdict {@code PASS}, {@code BREACH}, {@code INSUFFICIENT_DATA}, or a run status
 * such as {@code FAILED}
 * @param subtitle one line under the heading (period, window), or empty
 * @param verdictLines the sentences beside the verdict: each breached requirement, or why
 * there is no verdict
 * @param sections the sections, in order
 */
public record RunPage(String job, long runId, String dataset, String title, String verdict, String subtitle,
		List<String> verdictLines, List<ReportSection> sections) {

	public RunPage {
		verdictLines = List.copyOf(verdictLines);
		sections = List.copyOf(sections);
	}

	/** The verdict as people read it: {@code INSUFFICIENT DATA}. */
	public String verdictLabel() {
		return this.verdict.replace('_', ' ');
	}

	/** The badge's colours as inline CSS (e-mail clients drop style sheets). */
	public String badgeStyle() {
		return Badges.style(this.verdict);
	}

	/** The charts of every section. */
	public List<ReportChart> charts() {
		return this.sections.stream().flatMap((section) -> section.charts().stream()).toList();
	}

}
