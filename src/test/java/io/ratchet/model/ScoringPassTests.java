package io.ratchet.model;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.Feature;
import io.ratchet.data.FeatureType;
import io.ratchet.data.LogCoverage;
import io.ratchet.data.Row;
import io.ratchet.metrics.Accumulators;
import io.ratchet.metrics.Intervals;
import io.ratchet.metrics.MetricAccumulator;
import io.ratchet.metrics.RowKey;
import io.ratchet.model.ScoringPass.Scored;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * One scoring pass over several models: each model's accumulator, and a logged model's
 * row without a score counted, never scored; as the back-test's month (every row) and the
 * now-test's window (only judged rows) feed it.
 */
class ScoringPassTests {

	private static final String LOGGED = Fixtures.json("""
			{
			  'format': 'ratchet-model/1', 'name': 'vendor', 'version': '1', 'dataset': 'churn', 'task': 'binary',
			  'kind': 'logged', 'column': 'vendor_score'
			}
			""");

	private static final String CONSTANT = Fixtures.json("""
			{
			  'format': 'ratchet-model/1', 'name': 'half', 'version': '1', 'dataset': 'churn', 'task': 'binary',
			  'kind': 'linear', 'link': 'logistic', 'intercept': 0.0,
			  'terms': [{'feature': 'plan', 'type': 'categorical', 'weights': {'a': 0.0}, 'unknown': 0.0}]
			}
			""");

	private static final String RIDES = Fixtures.json("""
			{'format': 'ratchet-model/1', 'name': 'rides-lm', 'version': '1', 'dataset': 'rides',
			 'task': 'regression', 'kind': 'linear', 'link': 'identity', 'intercept': 100,
			 'terms': [
			   {'feature': 'season', 'type': 'categorical', 'weights': {'winter': -4, 'summer': 2}, 'unknown': 0.5},
			   {'feature': 'temp', 'type': 'numeric', 'impute': 0.75, 'center': 0.5, 'scale': 0.25, 'weight': 10}
			 ]}
			""");

	private static final DatasetConfig DATASET = DatasetConfig.builder("churn", null)
		.date("date")
		.binaryLabel("label", "1", "0")
		.missingTokens(Set.of("NA"))
		.features(List.of(new Feature("plan", FeatureType.CATEGORICAL)))
		.idColumns(List.of("customer_id"))
		.scoreColumns(List.of("vendor_score"))
		.build();

	/**
	 * c1 labelled with a score, c2 labelled without, c3 unlabelled with one, c4 labelled
	 * with one.
	 */
	private static final List<Row> ROWS = List.of(row("c1", 1, 0.8), row("c2", 0, Double.NaN),
			row("c3", Double.NaN, 0.3), row("c4", 0, 0.1));

	@TempDir
	Path dir;

	@Test
	void everyRowOfAMonthIsAccumulatedExceptALoggedModelsRowWithoutAScore() throws IOException {
		// given
		List<ModelVersion> models = models();
		List<Scored<ModelVersion>> scored;

		// when
		try (ScoringPass<ModelVersion> pass = ScoringPass.bind(models, (model) -> model, DATASET, null, 0.5)) {
			BlockScorer blocks = pass.blocks();
			ROWS.forEach(blocks::add);
			blocks.flush();
			scored = pass.models();
		}

		// then: the logged model judged c1 and c4 (c2 counted, not scored); the other
		// every labelled row
		assertThat(scored).extracting(Scored::subject).containsExactlyElementsOf(models);
		assertThat(scored.get(0).accumulator().result().n()).isEqualTo(2);
		assertThat(scored.get(0).coverage()).isEqualTo(new LogCoverage(3, 2, 1, 1));
		assertThat(scored.get(1).accumulator().result().n()).isEqualTo(3);
		assertThat(scored.get(1).logged()).isFalse();
		assertThatIllegalStateException().isThrownBy(() -> scored.get(1).coverage()).withMessageContaining("half@1");
	}

	@Test
	void aRestartedPassKeepsItsScorersAndCountsTheNextMonthAfresh() throws IOException {
		// given: a pass that scored a month
		List<ModelVersion> models = models();
		try (ScoringPass<ModelVersion> pass = ScoringPass.bind(models, (model) -> model, DATASET, null, 0.5)) {
			BlockScorer first = pass.blocks();
			ROWS.forEach(first::add);
			first.flush();
			List<Scored<ModelVersion>> march = pass.models();
			Scorer logged = pass.scorer(0);
			Scorer linear = pass.scorer(1);

			// when: it starts again and scores the next month's two rows
			pass.restart();
			BlockScorer second = pass.blocks();
			ROWS.subList(0, 2).forEach(second::add);
			second.flush();

			// then: the next month counted only its rows, with the same linear scorer and
			// a new logged one; the month before keeps its figures
			List<Scored<ModelVersion>> april = pass.models();
			assertThat(april.get(0).accumulator().result().n()).isEqualTo(1);
			assertThat(april.get(0).coverage()).isEqualTo(new LogCoverage(1, 1, 1, 0));
			assertThat(april.get(1).accumulator().result().n()).isEqualTo(2);
			assertThat(pass.scorer(1)).isSameAs(linear);
			assertThat(pass.scorer(0)).isNotSameAs(logged).isInstanceOf(LoggedScorer.class);
			assertThat(march.get(0).coverage()).isEqualTo(new LogCoverage(3, 2, 1, 1));
			assertThat(march.get(1).accumulator().result().n()).isEqualTo(3);
		}
	}

	@Test
	void aWindowAccumulatesOnlyTheRowsItJudges() throws IOException {
		// given: c4 awaits its label
		List<ModelVersion> models = models();
		List<Scored<ModelVersion>> scored;

		// when
		try (ScoringPass<ModelVersion> pass = ScoringPass.bind(models, (model) -> model, DATASET, null, 0.5)) {
			BlockScorer blocks = pass.blocks((row, scores) -> {
				boolean judged = row.labelled() && !row.ids()[0].equals("c4");
				pass.count(row, scores, judged);
				if (judged) {
					pass.accumulate(row, scores);
				}
			});
			ROWS.forEach(blocks::add);
			blocks.flush();
			scored = pass.models();
		}

		// then
		assertThat(scored.get(0).accumulator().result().n()).isEqualTo(1);
		assertThat(scored.get(0).coverage()).isEqualTo(new LogCoverage(3, 1, 1, 2));
		assertThat(scored.get(1).accumulator().result().n()).isEqualTo(2);
	}

	@Test
	void aRegressionModelsRowsAreKeyedAsTheirRowKeyAndABinaryModelsRowsNeedNoKey() throws IOException {
		// given: a regression model over rows of different lines, days and labels, and
		// the same rows added to an accumulator by hand with each row's RowKey
		ModelVersion rides = ModelFiles.load(Fixtures.write(this.dir, "rides-lm.json", RIDES));
		DatasetConfig dataset = Fixtures.rides();
		Scorer scorer = rides.bind(dataset);
		MetricAccumulator byHand = Accumulators.create(dataset, 0.5);
		List<Row> rows = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			double temp = (i % 17) / 16.0;
			Row row = new Row(2 + i, LocalDate.of(2024, 1, 1 + i % 28), 90 + (i * 7919 % 41),
					new double[] { temp, Double.NaN }, new String[] { null, (i % 3 == 0) ? "winter" : "summer" });
			rows.add(row);
			byHand.add(scorer.score(row), row.label(), RowKey.of(row));
		}
		MetricAccumulator passed;

		// when
		try (ScoringPass<ModelVersion> pass = ScoringPass.bind(List.of(rides), (model) -> model, dataset, null, 0.5)) {
			BlockScorer blocks = pass.blocks();
			rows.forEach(blocks::add);
			blocks.flush();
			passed = pass.models().get(0).accumulator();
		}

		// then: the same state to the byte (sums and bootstrap replicates), so the same
		// figures and intervals; a binary accumulator uses no key
		assertThat(passed.usesRowKeys()).isTrue();
		assertThat(passed.toBytes()).isEqualTo(byHand.toBytes());
		assertThat(Intervals.of(passed, passed.result(), 2, 0).byKey()).isNotEmpty()
			.isEqualTo(Intervals.of(byHand, byHand.result(), 2, 0).byKey());
		assertThat(Accumulators.create(DATASET, 0.5).usesRowKeys()).isFalse();
	}

	private List<ModelVersion> models() throws IOException {
		return List.of(ModelFiles.load(Fixtures.write(this.dir, "vendor-v1.json", LOGGED)),
				ModelFiles.load(Fixtures.write(this.dir, "half-v1.json", CONSTANT)));
	}

	private static Row row(String id, double label, double score) {
		return new Row(2, LocalDate.of(2024, 3, 15), label, new double[] { Double.NaN }, new String[] { "a" },
				new String[] { id }, new double[] { score });
	}

}
