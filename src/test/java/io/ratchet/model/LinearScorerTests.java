package io.ratchet.model;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Linear and logistic models on rows worked out by hand. The churn model: intercept -1.2;
 * tenure term -0.8 * ((x or 12) - 12) / 5; plan term basic 0.3, pro -0.2, anything else
 * 0.05.
 */
class LinearScorerTests {

	@TempDir
	Path dir;

	private Scorer churnLogit() {
		return ModelFiles.load(Fixtures.write(this.dir, "churn-logit-v1.json", Fixtures.churnLogit("1")))
			.bind(Fixtures.churn());
	}

	@Test
	void logisticOfInterceptPlusTerms() {
		// given
		Scorer scorer = churnLogit();
		// when
		double p = scorer.score(Fixtures.row(22, "pro"));
		// then: z = -1.2 + (-0.8) * (22 - 12) / 5 + (-0.2) = -1.2 - 1.6 - 0.2 = -3.0
		assertThat(p).isCloseTo(1 / (1 + Math.exp(3.0)), within(1e-15));
		assertThat(p).isCloseTo(0.04742587317756678, within(1e-15));
	}

	@Test
	void missingNumberIsImputed() {
		// given
		Scorer scorer = churnLogit();
		// when
		double p = scorer.score(Fixtures.row(Double.NaN, "basic"));
		// then: x = 12 (impute): z = -1.2 + (-0.8) * (12 - 12) / 5 + 0.3 = -0.9
		assertThat(p).isCloseTo(1 / (1 + Math.exp(0.9)), within(1e-15));
	}

	@Test
	void unknownAndMissingLevelsTakeTheUnknownWeight() {
		// given
		Scorer scorer = churnLogit();
		// when
		double unseen = scorer.score(Fixtures.row(2, "gold"));
		double missing = scorer.score(Fixtures.row(2, null));
		// then: z = -1.2 + (-0.8) * (2 - 12) / 5 + 0.05 = -1.2 + 1.6 + 0.05 = 0.45
		assertThat(unseen).isCloseTo(1 / (1 + Math.exp(-0.45)), within(1e-15));
		assertThat(missing).isEqualTo(unseen);
	}

	@Test
	void identityLinkGivesTheSumItself() {
		// given: 100 + 10 * ((x or 0.75) - 0.5) / 0.25 + (winter -4, summer 2, else 0.5)
		String text = Fixtures.json("""
				{'format': 'ratchet-model/1', 'name': 'rides-lm', 'version': '1', 'dataset': 'rides',
				 'task': 'regression', 'kind': 'linear', 'link': 'identity', 'intercept': 100,
				 'terms': [
				   {'feature': 'season', 'type': 'categorical', 'weights': {'winter': -4, 'summer': 2}, 'unknown': 0.5},
				   {'feature': 'temp', 'type': 'numeric', 'impute': 0.75, 'center': 0.5, 'scale': 0.25, 'weight': 10}
				 ]}
				""");
		Scorer scorer = ModelFiles.load(Fixtures.write(this.dir, "rides-lm.json", text)).bind(Fixtures.rides());
		// when
		double cold = scorer.score(Fixtures.row(0.25, "winter"));
		double imputed = scorer.score(Fixtures.row(Double.NaN, "autumn"));
		// then
		// 100 + 10 * (0.25 - 0.5) / 0.25 - 4 = 100 - 10 - 4
		assertThat(cold).isEqualTo(86.0);
		// 100 + 10 * (0.75 - 0.5) / 0.25 + 0.5 = 100 + 10 + 0.5
		assertThat(imputed).isEqualTo(110.5);
	}

	@Test
	void logisticIsStableAtTheExtremes() {
		// when
		double high = Link.LOGISTIC.apply(800);
		double low = Link.LOGISTIC.apply(-800);
		double veryLow = Link.LOGISTIC.apply(-700);
		// then: e^-800 underflows to 0, so p is exactly 1 and 0 (no NaN from inf / inf);
		// at -700 p = e^-700 / (1 +
		// e^-700) keeps full relative precision
		assertThat(high).isEqualTo(1.0);
		assertThat(low).isEqualTo(0.0);
		assertThat(veryLow).isCloseTo(Math.exp(-700), within(Math.exp(-700) * 1e-15));
		assertThat(Link.LOGISTIC.apply(0)).isEqualTo(0.5);
		assertThat(Link.IDENTITY.apply(-800)).isEqualTo(-800);
	}

	@Test
	void scorerReachesTheExtremesWithoutNaN() {
		// given: the churn model with intercept 800 and -800 (terms: tenure 12 -> 0, plan
		// basic -> 0.3)
		String high = Fixtures.churnLogit("1").replace("-1.2", "800");
		String low = Fixtures.churnLogit("2").replace("-1.2", "-800");
		Scorer highScorer = ModelFiles.load(Fixtures.write(this.dir, "high.json", high)).bind(Fixtures.churn());
		Scorer lowScorer = ModelFiles.load(Fixtures.write(this.dir, "low.json", low)).bind(Fixtures.churn());
		// when
		double p1 = highScorer.score(Fixtures.row(12, "basic"));
		double p0 = lowScorer.score(Fixtures.row(12, "basic"));
		// then: z = 800.3 -> 1; z = -799.7 -> 0
		assertThat(p1).isEqualTo(1.0);
		assertThat(p0).isEqualTo(0.0);
	}

	@Test
	void levelTableFindsEveryLevelAmongMany() {
		// given: the 24 hours as levels, weight = hour
		Map<String, Double> weights = new LinkedHashMap<>();
		for (int hour = 0; hour < 24; hour++) {
			weights.put(String.valueOf(hour), (double) hour);
		}
		// when
		LevelTable table = LevelTable.of(weights);
		// then
		for (int hour = 0; hour < 24; hour++) {
			assertThat(table.valueOr(String.valueOf(hour), -1)).isEqualTo(hour);
		}
		assertThat(table.valueOr("24", -1)).isEqualTo(-1);
		assertThat(table.valueOr(null, -2)).isEqualTo(-2);
	}

}
