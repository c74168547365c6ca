package io.ratchet.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.expression.spel.SpelEvaluationException;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.SimpleEvaluationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

/** Formulas over the counts: evaluation, and everything but arithmetic refused. */
class CountFormulaTests {

	private static final CountFormula.Counts COUNTS = new CountFormula.Counts(30, 10, 50, 10, 100, 40, 125);

	@Test
	void evaluatesArithmeticOverTheCountsInDoubles() {
		// given
		CountFormula netSaves = CountFormula.parse("net_saves", "(tp * 40 - fp * 5) / n", true,
				CountFormula.BINARY_NAMES);
		CountFormula share = CountFormula.parse("share", "tp / positives", true, CountFormula.BINARY_NAMES);
		CountFormula guarded = CountFormula.parse("guarded", "n > 0 ? business_value / n : 0", false,
				CountFormula.BINARY_NAMES);

		// when / then: 30 / 40 is 0.75, not integer division's 0
		assertThat(netSaves.evaluate(COUNTS)).isCloseTo((30 * 40 - 10 * 5) / 100.0, within(1e-15));
		assertThat(share.evaluate(COUNTS)).isEqualTo(0.75);
		assertThat(guarded.evaluate(COUNTS)).isEqualTo(1.25);
		assertThat(guarded.higherIsBetter()).isFalse();
		assertThat(netSaves.text()).isEqualTo("(tp * 40 - fp * 5) / n");
	}

	@Test
	void aDivisionByZeroGivesNoFinitePerformance() {
		// given
		CountFormula precision = CountFormula.parse("p", "tp / (tp + fp)", true, CountFormula.BINARY_NAMES);

		// when
		double value = precision.evaluate(new CountFormula.Counts(0, 0, 5, 5, 10, 5, Double.NaN));

		// then: callers leave a non-finite figure out (absent)
		assertThat(Double.isFinite(value)).isFalse();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			T(java.lang.Runtime).getRuntime().exec('x') | uses a type (T(...))
			T(java.lang.Runtime)                        | uses a type (T(...))
			new java.io.File('x')                       | constructs an object (new ...)
			@bean                                       | refers to a bean (@...)
			'a'.length()                                | calls a method (length)
			#root                                       | uses a variable or function (#...)
			tp.class                                    | uses 'tp.class' (compoundexpression)
			""")
	void refusesMethodsTypesConstructorsAndBeans(String text, String cause) {
		// when / then
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> CountFormula.parse("m", text, true, CountFormula.BINARY_NAMES))
			.withMessageStartingWith("formula \"" + text + "\" " + cause);
	}

	@Test
	void refusesAnUnknownNameAFormulaThatDoesNotParseAndOneThatIsNoNumber() {
		// when / then
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> CountFormula.parse("m", "tp / rows", true, CountFormula.BINARY_NAMES))
			.withMessage("formula \"tp / rows\" names \"rows\", which is not a count of this dataset"
					+ " (known: tp, fp, tn, fn, n, positives, business_value)");
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> CountFormula.parse("m", "tp / fp", true, CountFormula.REGRESSION_NAMES))
			.withMessageContaining("names \"tp\"");
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> CountFormula.parse("m", "(tp * 40", true, CountFormula.BINARY_NAMES))
			.withMessageStartingWith("formula \"(tp * 40\" does not parse: ");
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> CountFormula.parse("m", "tp > fp", true, CountFormula.BINARY_NAMES))
			.withMessage("formula \"tp > fp\" gives true or false, not a number");
	}

	@Test
	void theReadOnlyContextItselfRefusesTypesConstructorsBeansAndMethods() {
		// given: the evaluation context formulas run in, without the formula's own check
		SpelExpressionParser parser = new SpelExpressionParser();
		SimpleEvaluationContext context = SimpleEvaluationContext.forReadOnlyDataBinding()
			.withRootObject(COUNTS)
			.build();

		// when / then
		for (String text : new String[] { "T(java.lang.Runtime)", "new java.io.File('x')", "@bean", "'a'.length()" }) {
			assertThatExceptionOfType(SpelEvaluationException.class).as(text)
				.isThrownBy(() -> parser.parseExpression(text).getValue(context));
		}
		assertThat(parser.parseExpression("tp + fn").getValue(context)).isEqualTo(40.0);
	}

}
