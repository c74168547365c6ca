package io.ratchet.model;

import io.ratchet.data.Task;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Tree ensembles scored on rows whose results are worked out by hand in the comments. */
class TreeScorerTests {

	@TempDir
	Path dir;

	/**
	 * The format's example: tenure < 12.5 (missing: yes) then plan in [basic, pro]
	 * (missing: no).
	 */
	private Scorer churnGbt() {
		return ModelFiles.load(Fixtures.write(this.dir, "churn-gbt-v1.json", Fixtures.churnGbt("1")))
			.bind(Fixtures.churn());
	}

	/**
	 * Regression, base 10, three trees summed. Tree 1: temp < 0.5 ? -2.0 : 3.0, missing
	 * goes "no". Tree 2 (nodes listed out of id order): season in [winter] ? -1.5 : (temp
	 * < 0.8 ? 0.25 : 1.0); a missing season goes "yes", a missing temp "no". Tree 3: a
	 * single leaf 0.5.
	 */
	private Scorer ridesGbt() {
		String text = Fixtures.json("""
				{
				  'format': 'ratchet-model/1', 'name': 'rides-gbt', 'version': '1', 'dataset': 'rides',
				  'task': 'regression', 'kind': 'tree-ensemble', 'link': 'identity', 'base': 10.0,
				  'trees': [
				    {'nodes': [
				      {'id': 0, 'feature': 'temp', 'threshold': 0.5, 'yes': 1, 'no': 2, 'missing': 'no'},
				      {'id': 1, 'leaf': -2.0},
				      {'id': 2, 'leaf': 3.0}
				    ]},
				    {'nodes': [
				      {'id': 4, 'leaf': 1.0},
				      {'id': 2, 'feature': 'temp', 'threshold': 0.8, 'yes': 3, 'no': 4, 'missing': 'no'},
				      {'id': 3, 'leaf': 0.25},
				      {'id': 0, 'feature': 'season', 'levels': ['winter'], 'yes': 1, 'no': 2, 'missing': 'yes'},
				      {'id': 1, 'leaf': -1.5}
				    ]},
				    {'nodes': [ {'id': 0, 'leaf': 0.5} ]}
				  ]
				}
				""");
		return ModelFiles.load(Fixtures.write(this.dir, "rides-gbt.json", text)).bind(Fixtures.rides());
	}

	@Test
	void numericSplitGoesNoAtAndAboveTheThreshold() {
		// given
		Scorer scorer = churnGbt();
		// when
		double above = scorer.score(Fixtures.row(20, "basic"));
		double at = scorer.score(Fixtures.row(12.5, "basic"));
		// then: 20 >= 12.5 and 12.5 >= 12.5 go "no" to leaf 2: z = -1.0 + 0.4 = -0.6, p =
		// 1 / (1 + e^0.6)
		assertThat(above).isCloseTo(1 / (1 + Math.exp(0.6)), within(1e-15));
		assertThat(above).isCloseTo(0.35434369377420455, within(1e-15));
		assertThat(at).isEqualTo(above);
	}

	@Test
	void categoricalSplitGoesYesForALevelInTheList() {
		// given
		Scorer scorer = churnGbt();
		// when
		double basic = scorer.score(Fixtures.row(3, "basic"));
		double pro = scorer.score(Fixtures.row(3, "pro"));
		// then: 3 < 12.5 -> node 1; "basic" and "pro" are listed -> leaf 3: z = -1.0 -
		// 0.1 = -1.1
		assertThat(basic).isCloseTo(1 / (1 + Math.exp(1.1)), within(1e-15));
		assertThat(pro).isEqualTo(basic);
	}

	@Test
	void unseenLevelGoesNo() {
		// given
		Scorer scorer = churnGbt();
		// when
		double unseen = scorer.score(Fixtures.row(3, "enterprise"));
		// then: 3 < 12.5 -> node 1; "enterprise" is not listed -> leaf 4: z = -1.0 + 0.2
		// = -0.8
		assertThat(unseen).isCloseTo(1 / (1 + Math.exp(0.8)), within(1e-15));
	}

	@Test
	void missingValuesGoTheWayTheNodeSays() {
		// given
		Scorer scorer = churnGbt();
		// when
		double tenureMissing = scorer.score(Fixtures.row(Double.NaN, "basic"));
		double planMissing = scorer.score(Fixtures.row(3, null));
		double bothMissing = scorer.score(Fixtures.row(Double.NaN, null));
		// then: missing tenure goes "yes" -> node 1; "basic" -> leaf 3: z = -1.0 - 0.1 =
		// -1.1
		assertThat(tenureMissing).isCloseTo(1 / (1 + Math.exp(1.1)), within(1e-15));
		// 3 < 12.5 -> node 1; missing plan goes "no" -> leaf 4: z = -1.0 + 0.2 = -0.8
		assertThat(planMissing).isCloseTo(1 / (1 + Math.exp(0.8)), within(1e-15));
		// yes, then no -> leaf 4: z = -0.8
		assertThat(bothMissing).isEqualTo(planMissing);
	}

	@Test
	void identityLinkSumsBaseAndOneLeafPerTree() {
		// given
		Scorer scorer = ridesGbt();
		// when
		double cool = scorer.score(Fixtures.row(0.3, "summer"));
		double warmAutumn = scorer.score(Fixtures.row(0.9, "autumn"));
		double warmWinter = scorer.score(Fixtures.row(0.9, "winter"));
		// then
		// 0.3 < 0.5 -> -2.0; summer not in [winter] -> node 2: 0.3 < 0.8 -> 0.25; stump
		// 0.5: 10 - 2 + 0.25 + 0.5
		assertThat(cool).isEqualTo(8.75);
		// 0.9 >= 0.5 -> 3.0; autumn -> node 2: 0.9 >= 0.8 -> 1.0; stump 0.5: 10 + 3 + 1 +
		// 0.5
		assertThat(warmAutumn).isEqualTo(14.5);
		// 0.9 >= 0.5 -> 3.0; winter -> -1.5; stump 0.5: 10 + 3 - 1.5 + 0.5
		assertThat(warmWinter).isEqualTo(12.0);
	}

	@Test
	void missingGoesNoForNumericAndYesForCategoricalWhenSoConfigured() {
		// given
		Scorer scorer = ridesGbt();
		// when
		double bothMissing = scorer.score(Fixtures.row(Double.NaN, null));
		double tempMissing = scorer.score(Fixtures.row(Double.NaN, "spring"));
		// then
		// missing temp goes "no" -> 3.0; missing season goes "yes" -> -1.5; stump 0.5: 10
		// + 3 - 1.5 + 0.5
		assertThat(bothMissing).isEqualTo(12.0);
		// 3.0; spring -> node 2: missing temp goes "no" -> 1.0; stump 0.5: 10 + 3 + 1 +
		// 0.5
		assertThat(tempMissing).isEqualTo(14.5);
	}

	@Test
	void scoresTheSameWhenBuiltInCode() {
		// given: tree 1 of the rides model, built from records instead of a file
		TreeEnsemble ensemble = new TreeEnsemble(Link.IDENTITY, 10.0,
				List.of(new TreeEnsemble.Tree(
						List.of(new TreeEnsemble.NumericSplit(0, "temp", 0.5, 1, 2, TreeEnsemble.Branch.NO),
								new TreeEnsemble.Leaf(1, -2.0), new TreeEnsemble.Leaf(2, 3.0)))),
				Map.of());
		ModelVersion version = new ModelVersion("rides-one", "1", "rides", Task.REGRESSION, TreeEnsemble.KIND,
				"0".repeat(64), null, ensemble);
		// when
		Scorer scorer = version.bind(Fixtures.rides());
		// then: 10 - 2 and 10 + 3
		assertThat(scorer.score(Fixtures.row(0.1, "summer"))).isEqualTo(8.0);
		assertThat(scorer.score(Fixtures.row(Double.NaN, "summer"))).isEqualTo(13.0);
		assertThat(version.features()).containsExactly("temp");
	}

}
