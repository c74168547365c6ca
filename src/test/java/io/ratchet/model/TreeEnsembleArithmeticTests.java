package io.ratchet.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.ratchet.data.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The tree-ensemble options imported models need: float32 arithmetic (XGBoost's) and a
 * binary forest that averages probabilities with the identity link.
 */
class TreeEnsembleArithmeticTests {

	@TempDir
	Path dir;

	/**
	 * Regression over "rides" (temp numeric, season categorical); {@code %s} are the
	 * base, arithmetic and trees.
	 */
	private static final String RIDES = Fixtures.json("""
			{
			  'format': 'ratchet-model/1', 'name': 'rides-xgb', 'version': '1', 'dataset': 'rides',
			  'task': 'regression', 'kind': 'tree-ensemble', 'link': 'identity', %s'base': %s,
			  'trees': [ %s ]
			}
			""");

	private Scorer rides(String arithmetic, String base, String trees) {
		String text = RIDES.formatted(arithmetic.isEmpty() ? "" : "'arithmetic': '" + arithmetic + "', ", base, trees)
			.replace('\'', '"');
		return ModelFiles.load(Fixtures.write(this.dir, "rides-xgb-v1.json", text)).bind(Fixtures.rides());
	}

	@Test
	void float32ComparesTheInputCastToFloat32() {
		// given: temp < 0.1f (0.10000000149011612) goes to leaf 1, else leaf 2
		String tree = Fixtures.json("""
				{'nodes': [ {'id': 0, 'feature': 'temp', 'threshold': 0.10000000149011612, 'yes': 1, 'no': 2,
				  'missing': 'yes'}, {'id': 1, 'leaf': 1.0}, {'id': 2, 'leaf': 2.0} ]}""");
		Scorer float32 = rides("float32", "0.0", tree);
		Scorer float64 = rides("", "0.0", tree);
		// when
		double inFloat32 = float32.score(Fixtures.row(0.1, "winter"));
		double inFloat64 = float64.score(Fixtures.row(0.1, "winter"));
		// then: (float) 0.1 is 0.1f, not below it; the double 0.1 is below 0.10000000149
		assertThat(inFloat32).isEqualTo(2.0);
		assertThat(inFloat64).isEqualTo(1.0);
		assertThat(float32.score(Fixtures.row(0.0999999, "winter"))).isEqualTo(1.0);
		assertThat(float32.score(Fixtures.row(Double.NaN, "winter"))).isEqualTo(1.0);
		assertThat(float32.score(Fixtures.row(1e300, "winter"))).isEqualTo(2.0);
		assertThat(float32.score(Fixtures.row(-1e300, "winter"))).isEqualTo(1.0);
	}

	@Test
	void float32AddsTheLeavesInFloat32InTreeOrder() {
		// given: base 2^24, then three trees of a single leaf 1.0
		String leaf = "{'nodes': [ {'id': 0, 'leaf': 1.0} ]}".replace('\'', '"');
		Scorer float32 = rides("float32", "16777216.0", leaf + ", " + leaf + ", " + leaf);
		Scorer float64 = rides("", "16777216.0", leaf + ", " + leaf + ", " + leaf);
		// when / then: 2^24 + 1 rounds back to 2^24 in float32 at each step; double keeps
		// them
		assertThat(float32.score(Fixtures.row(0.5, "winter"))).isEqualTo(16777216.0);
		assertThat(float64.score(Fixtures.row(0.5, "winter"))).isEqualTo(16777219.0);
	}

	@Test
	void float32LogisticLinkIsComputedInFloat32() {
		// given
		TreeEnsemble ensemble = new TreeEnsemble(Link.LOGISTIC, 0.0,
				List.of(new TreeEnsemble.Tree(List.of(new TreeEnsemble.Leaf(0, 1.5)))), Map.of(),
				TreeEnsemble.Arithmetic.FLOAT32);
		ModelVersion version = new ModelVersion("churn-xgb", "1", "churn", Task.BINARY, TreeEnsemble.KIND, "x", null,
				ensemble);
		// when
		double p = version.bind(Fixtures.churn()).score(Fixtures.row(3, "basic"));
		// then: a float32 value, the float32 rounding of 1 / (1 + e^-1.5)
		assertThat(p).isEqualTo((double) (float) p);
		assertThat(p).isEqualTo((double) (1.0f / (1.0f + (float) Math.exp(-1.5))));
	}

	@Test
	void float32IsWrittenAndReadBackAndFloat64IsTheDefault() {
		// given
		TreeEnsemble float32 = new TreeEnsemble(Link.IDENTITY, 0.5f,
				List.of(new TreeEnsemble.Tree(List.of(new TreeEnsemble.Leaf(0, 0.25f)))), Map.of(),
				TreeEnsemble.Arithmetic.FLOAT32);
		TreeEnsemble float64 = new TreeEnsemble(Link.IDENTITY, 0.5,
				List.of(new TreeEnsemble.Tree(List.of(new TreeEnsemble.Leaf(0, 0.25)))), Map.of());
		// when
		String written32 = ModelFiles.toJson("m", "1", "rides", Task.REGRESSION, float32);
		String written64 = ModelFiles.toJson("m", "1", "rides", Task.REGRESSION, float64);
		// then
		assertThat(written32).contains("\"arithmetic\" : \"float32\"");
		assertThat(written64).doesNotContain("arithmetic");
		TreeEnsemble read = (TreeEnsemble) ModelFiles.load(Fixtures.write(this.dir, "m-v1.json", written32))
			.definition();
		assertThat(read.arithmetic()).isEqualTo(TreeEnsemble.Arithmetic.FLOAT32);
	}

	@Test
	void aFloat32ModelHoldsOnlyFloat32Values() {
		// given: 0.1 is not a float32 value
		String tree = Fixtures.json("""
				{'nodes': [ {'id': 0, 'feature': 'temp', 'threshold': 0.1, 'yes': 1, 'no': 2, 'missing': 'yes'},
				  {'id': 1, 'leaf': 1.0}, {'id': 2, 'leaf': 2.0} ]}""");
		// when / then
		assertThatThrownBy(() -> rides("float32", "0.0", tree)).isInstanceOf(ModelFileException.class)
			.hasMessageContaining("trees[0].nodes[0].threshold: 0.1 is not a float32 value");
		assertThatThrownBy(() -> rides("float16", "0.0", tree)).isInstanceOf(ModelFileException.class)
			.hasMessageContaining("\"arithmetic\" must be float64 or float32, not \"float16\"");
	}

	@Test
	void aBinaryForestAveragesProbabilitiesWithTheIdentityLink() {
		// given: two trees whose leaves are class fractions halved (the forest's mean)
		String forest = Fixtures
			.json("""
					{
					  'format': 'ratchet-model/1', 'name': 'churn-rf', 'version': '1', 'dataset': 'churn', 'task': 'binary',
					  'kind': 'tree-ensemble', 'link': 'identity', 'base': 0.0,
					  'trees': [
					    {'nodes': [ {'id': 0, 'feature': 'tenure_months', 'threshold': 12.5, 'yes': 1, 'no': 2, 'missing': 'yes'},
					      {'id': 1, 'leaf': 0.4}, {'id': 2, 'leaf': %s} ]},
					    {'nodes': [ {'id': 0, 'leaf': 0.5} ]}
					  ]
					}
					""");
		// when
		Scorer scorer = ModelFiles.load(Fixtures.write(this.dir, "churn-rf-v1.json", forest.formatted("0.1")))
			.bind(Fixtures.churn());
		// then
		assertThat(scorer.score(Fixtures.row(3, "basic"))).isEqualTo(0.9);
		assertThat(scorer.score(Fixtures.row(30, "basic"))).isEqualTo(0.6);
		assertThatThrownBy(() -> ModelFiles.load(Fixtures.write(this.dir, "churn-rf-v1.json", forest.formatted("0.6"))))
			.isInstanceOf(ModelFileException.class)
			.hasMessageContaining("link: a binary model needs link logistic, or link identity for a forest whose sum"
					+ " is a probability");
	}

}
