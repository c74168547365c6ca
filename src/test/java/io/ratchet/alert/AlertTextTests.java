package io.ratchet.alert;

import java.time.LocalDate;
import java.util.List;

import io.ratchet.alert.AlertReport.BreachGroup;
import io.ratchet.alert.AlertReport.Period;
import io.ratchet.alert.AlertReport.Point;
import io.ratchet.alert.AlertReport.Recovered;
import io.ratchet.run.RunModel;
import io.ratchet.run.StoredBreach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Subjects, the worst breach, the sparkline and escaping, without a database. */
class AlertTextTests {

	static final LocalDate DAY = LocalDate.of(2026, 11, 26);

	static final RunModel CHAMPION = new RunModel(1, "churn-logit", "1", "ab", "config/models/churn-logit-v1.json",
			"champion");

	@Test
	void theSubjectNamesTheDatasetTheModelAndTheWorstBreachRelativeToItsBound() {
		// given: log_loss is 2% over its bound, roc_auc 10.6% under, in another month
		BreachGroup auc = group("roc_auc", new StoredBreach(1, "2026-09", "roc_auc", "MIN", 0.76, 0.6793));
		BreachGroup loss = group("log_loss", new StoredBreach(1, "2026-10", "log_loss", "MAX", 0.55, 0.561));
		AlertReport report = report(AlertKind.BREACH, "backtest", List.of(loss, auc), DAY);

		// then
		assertThat(report.worst().metric()).isEqualTo("roc_auc");
		assertThat(new AlertText(report).subject())
			.isEqualTo("[ratchet] churn: champion churn-logit@1 roc_auc 0.6793 < 0.7600 (back-test 2026-11-26)");
		assertThat(new AlertText(report(AlertKind.BREACH, "nowtest", List.of(auc), DAY.minusDays(6))).subject())
			.endsWith("(now-test 2026-11-26), failing since 2026-11-20");
	}

	@Test
	void recoveredAndInsufficientDataHaveTheirOwnSubjects() {
		AlertReport recovered = new AlertReport(AlertKind.RECOVERED, "churn", "nowtest", 9, DAY.plusDays(1), CHAMPION,
				"PASS", List.of(), List.of(), List.of(), List.of(new Recovered("roc_auc", DAY.minusDays(6))), List.of(),
				DAY.minusDays(6), null, null);
		assertThat(new AlertText(recovered).subject())
			.isEqualTo("[ratchet] churn: recovered roc_auc (now-test 2026-11-27), failing since 2026-11-20");

		AlertReport insufficient = new AlertReport(AlertKind.INSUFFICIENT_DATA, "churn", "nowtest", 9, DAY, CHAMPION,
				"INSUFFICIENT_DATA", List.of(), List.of(), List.of(new Period("whole window", 37)), List.of(),
				List.of(), DAY, null, null);
		assertThat(new AlertText(insufficient).subject()).isEqualTo(
				"[ratchet] churn: insufficient data for champion churn-logit@1, 37 labelled rows (now-test 2026-11-26)");
		assertThat(new AlertText(insufficient).text()).startsWith("INSUFFICIENT DATA").contains("not a pass");
	}

	@Test
	void theHtmlEscapesEverythingAndTheTextSaysTheSame() {
		// given
		BreachGroup odd = group("psi:plan<&>", new StoredBreach(1, "ALL", "psi:plan<&>", "MAX", 0.2, 0.3));
		AlertReport report = new AlertReport(AlertKind.BREACH, "churn", "nowtest", 9, DAY, CHAMPION, "BREACH",
				List.of(), List.of(odd), List.of(), List.of(), List.of("churn-gbt@1 (candidate): <PASS>"), DAY,
				"https://ratchet.example.com/reports/nowtest/9/index.html?a=1&b=2", null);

		// when
		String html = AlertHtml.render(report).html();
		String text = new AlertText(report).text();

		// then
		assertThat(html).contains("psi:plan&lt;&amp;&gt;")
			.doesNotContain("plan<&>")
			.doesNotContain("<style")
			.contains("&lt;PASS&gt;")
			.contains("href=\"https://ratchet.example.com/reports/nowtest/9/index.html?a=1&amp;b=2\"");
		assertThat(text).contains("Drift highlights\n  psi:plan<&>\n    window   0.3000 > 0.2000")
			.contains("churn-gbt@1 (candidate): <PASS>");
	}

	@Test
	void theSparklineRunsFromLowestToHighestAndLeavesGapsForUndefinedValues() {
		assertThat(AlertText
			.sparkline(List.of(new Point("a", 0.70), new Point("b", 0.75), new Point("c", null), new Point("d", 0.80))))
			.isEqualTo("▁▅ █");
		assertThat(AlertText.sparkline(List.of(new Point("a", 0.5), new Point("b", 0.5)))).isEqualTo("▅▅");
	}

	private static BreachGroup group(String metric, StoredBreach breach) {
		return new BreachGroup(metric, List.of(breach), null, null, "month by month", List.of());
	}

	private static AlertReport report(AlertKind kind, String job, List<BreachGroup> groups, LocalDate failingSince) {
		return new AlertReport(kind, "churn", job, 9, DAY, CHAMPION, "BREACH", groups, List.of(), List.of(), List.of(),
				List.of(), failingSince, null, null);
	}

}
