package io.ratchet.alert;

import java.time.LocalDate;
import java.util.List;

import io.ratchet.alert.AlertReport.BreachGroup;
import io.ratchet.alert.AlertReport.Point;
import io.ratchet.run.StoredBreach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A requirement in the business's terms in an alert's words: rates as percentages, counts
 * as integers, values as plain numbers; every other figure as before.
 */
class BreachWordsTests {

	@Test
	void aRateIsAPercentageACountAnIntegerAValueAPlainNumber() {
		assertThat(BreachWords.describe(breach("false_positive_rate", "MAX", 0.08, 0.11234)))
			.isEqualTo("false positives 11.2% > 8%");
		assertThat(BreachWords.describe(breach("business_value_per_row", "MIN", 2, 1.4)))
			.isEqualTo("business value per row 1.4 < 2");
		assertThat(BreachWords.describe(breach("precision_top5pct", "MIN", 0.4, 0.31)))
			.isEqualTo("precision in the top 5% 31% < 40%");
		assertThat(BreachWords.describe(breach("fp", "MAX", 100, 120))).isEqualTo("false positives 120 > 100");
		assertThat(BreachWords.describe(breach("business_value", "MIN", 5000, -1234.567)))
			.isEqualTo("business value -1234.57 < 5000");
		assertThat(BreachWords.describe(breach("lift_top10pct", "MIN", 3, 2.345)))
			.isEqualTo("lift in the top 10% 2.35 < 3");
		assertThat(BreachWords.describe(breach("recall_top25pct", "MIN", 0.6, 0.5)))
			.isEqualTo("recall in the top 25% 50% < 60%");
	}

	@Test
	void aValueThatRoundsToItsBoundGetsTheDigitsThatTellThemApart() {
		assertThat(BreachWords.describe(breach("false_positive_rate", "MAX", 0.08, 0.08004)))
			.isEqualTo("false positives 8.004% > 8%");
		assertThat(BreachWords.describe(breach("business_value_per_row", "MIN", 2, 1.999)))
			.isEqualTo("business value per row 1.999 < 2");
	}

	@Test
	void aBreachJudgedOnItsIntervalSaysSoInTheFiguresWords() {
		// given: a stored breach whose bound judged the figure's 95% interval
		StoredBreach rate = new StoredBreach(1, "2024-03", "false_positive_rate", "MAX", 0.08, 0.11234, 0.0912, 0.1301);
		StoredBreach auc = new StoredBreach(1, "2024-03", "roc_auc", "MIN", 0.76, 0.6793, 0.62, 0.7391);

		// when / then
		assertThat(BreachWords.describe(rate))
			.isEqualTo("false positives 11.2% > 8% (judged on its 95% interval [9.1%, 13%])");
		assertThat(BreachWords.describe(auc))
			.isEqualTo("roc_auc 0.6793 < 0.7600 (judged on its 95% interval [0.6200, 0.7391])");
		assertThat(BreachWords.judged(breach("roc_auc", "MIN", 0.76, 0.6793))).isEmpty();
	}

	@Test
	void otherFiguresKeepTheirKeyAndFourDecimals() {
		assertThat(BreachWords.describe(breach("roc_auc", "MIN", 0.76, 0.6793))).isEqualTo("roc_auc 0.6793 < 0.7600");
		assertThat(BreachWords.describe(breach("psi:tenure_months", "MAX", 0.1, 0.104)))
			.isEqualTo("psi:tenure_months 0.1040 > 0.1000");
		assertThat(BreachWords.heading("roc_auc")).isEqualTo("roc_auc");
		assertThat(BreachWords.heading("false_positive_rate")).isEqualTo("false positives (false_positive_rate)");
	}

	@Test
	void aTinyFigureSuchAsADriftPValueKeepsThreeSignificantDigits() {
		assertThat(BreachWords.describe(breach("p_value:tenure_months", "MIN", 0.001, 0.0000123)))
			.isEqualTo("p_value:tenure_months 1.23e-05 < 0.0010");
		assertThat(BreachWords.describe(breach("p_value:tenure_months", "MIN", 0.0001, 0.0)))
			.isEqualTo("p_value:tenure_months 0.0000 < 0.000100");
	}

	@Test
	void theAlertSaysTheBusinessBreachInTheBusinesssWordsInSubjectTextAndHtml() {
		// given: the false-positive rate over its maximum of 8% in two months
		StoredBreach worst = breach("false_positive_rate", "MAX", 0.08, 0.1123);
		BreachGroup fpr = new BreachGroup("false_positive_rate",
				List.of(worst, new StoredBreach(1, "2026-09", "false_positive_rate", "MAX", 0.08, 0.0912)), 0.061, null,
				"months of the back-test",
				List.of(new Point("2026-08", 0.05), new Point("2026-09", 0.0912), new Point("2026-10", 0.1123)));
		AlertReport report = new AlertReport(AlertKind.BREACH, "churn", "backtest", 9, AlertTextTests.DAY,
				AlertTextTests.CHAMPION, "BREACH", List.of(fpr), List.of(), List.of(), List.of(), List.of(),
				AlertTextTests.DAY, null, null);

		// when
		AlertText text = new AlertText(report);
		String html = AlertHtml.render(report).html();

		// then
		assertThat(text.subject())
			.isEqualTo("[ratchet] churn: champion churn-logit@1 false positives 11.2% > 8% (back-test 2026-11-26)");
		assertThat(text.text())
			.contains("  false positives (false_positive_rate)\n    2026-10  11.2% > 8%\n"
					+ "    2026-09  9.1% > 8%\n    whole period: 6.1%\n")
			.contains("2026-08 5%, 2026-09 9.1%, 2026-10 11.2%");
		assertThat(html).contains("Breach: false positives (false_positive_rate)")
			.contains(">11.2%<")
			.contains("max 8%");
	}

	private static StoredBreach breach(String metric, String kind, double bound, double value) {
		return new StoredBreach(1, "2026-10", metric, kind, bound, value);
	}

}
