package io.ratchet.report;

import java.util.ArrayList;
import java.util.List;

import io.ratchet.report.ReportTable.Cell;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The run page template, rendered without Spring and read back with Jsoup. */
class RunPageTemplateTests {

	@Test
	void theVerdictComesFirstThenTheSectionsWithTheirChartsAndTables() {
		// given
		RunPage page = page(List.of(section()));

		// when
		Document html = Jsoup.parse(RunReports.render(page));

		// then
		assertThat(html.title()).isEqualTo("Back-test of churn, run 7 · BREACH");
		Element verdict = html.selectFirst("div.verdict");
		assertThat(verdict).isNotNull();
		assertThat(verdict.selectFirst("span").text()).isEqualTo("BREACH");
		assertThat(verdict.selectFirst("span").attr("style")).contains("background:#fde2e1");
		assertThat(verdict.select("li").eachText())
			.containsExactly("champion churn-logit@1: roc_auc below its minimum 0.7600 in 2 months (2026-09, 2026-10)");
		// the verdict precedes every section
		assertThat(html.body().html().indexOf("class=\"verdict\"")).isLessThan(html.body().html().indexOf("<h2"));
		assertThat(html.select("nav a").eachAttr("href")).containsExactly("#metrics");
		assertThat(html.select("h2").eachText()).containsExactly("Required metrics");
		Element image = html.selectFirst("img");
		assertThat(image.attr("src")).isEqualTo("roc_auc-by-month.png");
		assertThat(image.attr("alt")).isEqualTo("roc_auc by month");
		assertThat(image.attr("width")).isEqualTo("1040");
		assertThat(html.select("td.bad").eachText()).containsExactly("0.6586", "0.6691");
		assertThat(html.select("th").eachText()).contains("roc_auc ≥ 0.76");
		assertThat(html.select("a[href=metrics.csv]")).hasSize(1);
	}

	@Test
	void everyValueIsEscaped() {
		// given
		ReportTable table = new ReportTable("<b>t</b>", "", List.of("a"),
				List.of(List.of(Cell.of("<script>x</script>"))));
		RunPage page = new RunPage("challenge", 3, "d<&>", "Challenge <of> d", "PASS", "", List.of("a & b"),
				List.of(ReportSection.ofTables("s", "S", "", List.of(table))));

		// when
		String html = RunReports.render(page);

		// then
		assertThat(html).doesNotContain("<script>x")
			.contains("&lt;script&gt;x&lt;/script&gt;")
			.contains("Challenge &lt;of&gt; d")
			.contains("a &amp; b")
			.contains("&lt;b&gt;t&lt;/b&gt;");
	}

	@Test
	void rowsPastTheFoldAreInADetailsElement() {
		// given
		List<List<Cell>> rows = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			rows.add(List.of(Cell.of("row " + i)));
		}
		ReportTable table = new ReportTable("", "", List.of("row"), rows, 10, "40 more in metrics.csv");
		RunPage page = page(List.of(ReportSection.ofTables("t", "T", "", List.of(table))));

		// when
		Document html = Jsoup.parse(RunReports.render(page));

		// then
		assertThat(html.select("div.table > table td")).hasSize(10);
		assertThat(html.select("details td")).hasSize(40);
		assertThat(html.selectFirst("details summary").text()).isEqualTo("40 more rows");
		assertThat(html.text()).contains("40 more in metrics.csv");
	}

	@Test
	void theAlertTemplateReferencesChartsByContentIdAtMost700PixelsWide() {
		// given
		RunPage page = page(List.of(section()));

		// when
		Document html = Jsoup.parse(
				ReportTemplates.render("alert-email", java.util.Map.of("page", page, "subject", "s", "maxWidth", 680)));

		// then
		assertThat(html.selectFirst("img").attr("src")).isEqualTo("cid:roc_auc-by-month.png");
		assertThat(Integer.parseInt(html.selectFirst("img").attr("width"))).isLessThanOrEqualTo(700);
		assertThat(html.select("style")).isEmpty();
		assertThat(html.select("td.bad").first().attr("style")).contains("background:#fde2e1");
		assertThat(html.selectFirst("div.verdict span").text()).isEqualTo("BREACH");
	}

	private static RunPage page(List<ReportSection> sections) {
		return new RunPage("backtest", 7, "churn", "Back-test of churn, run 7", "BREACH", "2024-11 … 2026-10",
				List.of("champion churn-logit@1: roc_auc below its minimum 0.7600 in 2 months (2026-09, 2026-10)"),
				sections);
	}

	private static ReportSection section() {
		List<String> months = List.of("2026-08", "2026-09", "2026-10");
		Charts.Drawing drawing = Charts.byPeriod("roc_auc by month", "roc_auc", months,
				List.of(new Charts.Series("churn-logit@1 (champion)", List.of(0.79, 0.6691, 0.6586),
						Charts.Emphasis.CHAMPION)),
				0.76, "minimum 0.76", java.util.Set.of("2026-09", "2026-10"), Charts.WIDE);
		ReportTable table = new ReportTable("churn-logit@1", "", List.of("month", "roc_auc ≥ 0.76"),
				List.of(List.of(Cell.of("2026-10"), new Cell("0.6586", true)),
						List.of(Cell.of("2026-09"), new Cell("0.6691", true)),
						List.of(Cell.of("2026-08"), Cell.of("0.7900"))));
		return new ReportSection("metrics", "Required metrics", "",
				List.of(new ReportChart("roc_auc-by-month.png", "roc_auc by month", "", drawing)), List.of(table));
	}

}
