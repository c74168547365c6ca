package io.ratchet.requirement;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.Feature;
import io.ratchet.data.FeatureType;
import io.ratchet.data.Segment;
import io.ratchet.data.SegmentColumn;
import io.ratchet.data.Segments;
import io.ratchet.metrics.Metric;
import io.ratchet.metrics.MetricValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Bounds on segments in {@code requirements.yml}: per column and per level, checked with
 * the segment's minimum rows, breaches named with their segment, and bounds on a column
 * the dataset does not segment by refused.
 */
class SegmentRequirementsTests {

	@TempDir
	Path dir;

	private static final DatasetConfig CHURN = DatasetConfig.builder("churn", Path.of("config/datasets/churn.yml"))
		.date("d")
		.binaryLabel("y", "1", "0")
		.features(List.of(new Feature("tenure", FeatureType.NUMERIC)))
		.segments(new Segments(
				List.of(SegmentColumn.categorical("region"), new SegmentColumn("tenure", new double[] { 12 })), 100,
				50))
		.build();

	@Test
	void aLevelsBoundReplacesItsColumnsOnTheSameMetric() throws IOException {
		// given
		DatasetRequirements churn = load("""
				churn:
				  monthly:
				    roc_auc: {min: 0.75}
				  segments:
				    region: {roc_auc: {min: 0.7}, brier: {max: 0.2}}
				    region=north: {roc_auc: {min: 0.6}}
				""");

		// when / then
		assertThat(churn.segmentBoundsFor(new Segment("region", "south")))
			.containsExactly(Bound.atLeast(Metric.ROC_AUC, 0.7), Bound.atMost(Metric.BRIER, 0.2));
		assertThat(churn.segmentBoundsFor(new Segment("region", "north")))
			.containsExactly(Bound.atLeast(Metric.ROC_AUC, 0.6), Bound.atMost(Metric.BRIER, 0.2));
		assertThat(churn.segmentBoundsFor(new Segment("tenure", "<12"))).isEmpty();
		churn.requireMetricsOf(CHURN, "config/requirements.yml line 1");
	}

	@Test
	void aSegmentBreachIsNamedWithItsSegmentAndASmallSegmentNeverBreaches() throws IOException {
		// given
		DatasetRequirements churn = load("churn:\n  segments:\n    region: {roc_auc: {min: 0.7}}\n");
		Segment north = new Segment("region", "north");

		// when
		CheckResult judged = RequirementCheck.checkSegment(churn, 100, "churn-logit", "2026-03", north,
				values(0.64, 120));
		CheckResult small = RequirementCheck.checkSegment(churn, 100, "churn-logit", "2026-03", north, values(0.2, 99));

		// then
		assertThat(judged.verdict()).isEqualTo(Verdict.BREACH);
		assertThat(judged.breaches()).extracting(Breach::describe)
			.containsExactly("roc_auc in region=north 0.64 < 0.7");
		assertThat(judged.breaches()).extracting(Breach::figure).containsExactly("roc_auc in region=north");
		assertThat(small.verdict()).isEqualTo(Verdict.INSUFFICIENT_DATA);
		assertThat(small.breaches()).isEmpty();
	}

	@Test
	void aBoundOnAColumnTheDatasetDoesNotSegmentByIsRefused() throws IOException {
		// given
		DatasetRequirements churn = load("churn:\n  segments:\n    plan: {roc_auc: {min: 0.7}}\n");

		// when / then
		assertThatExceptionOfType(RequirementsException.class)
			.isThrownBy(() -> churn.requireMetricsOf(CHURN, "config/requirements.yml line 1"))
			.withMessage(
					"config/requirements.yml line 1: segments.plan (line 3): dataset \"churn\" has no segment column"
							+ " plan (its segments: in config/datasets/churn.yml: [region, tenure])");
	}

	@Test
	void aBoundOnABucketANumericColumnDoesNotHaveIsRefused() throws IOException {
		// given
		DatasetRequirements churn = load("churn:\n  segments:\n    tenure=<10: {roc_auc: {min: 0.7}}\n");

		// when / then
		assertThatExceptionOfType(RequirementsException.class)
			.isThrownBy(() -> churn.requireMetricsOf(CHURN, "config/requirements.yml line 1"))
			.withMessageEndingWith("numeric segment column tenure has no bucket '<10' (its buckets: [<12, >=12])");
	}

	@Test
	void aBoundOnALevelNoRowHadIsAWarningWithItsLine() throws IOException {
		// given
		DatasetRequirements churn = load("churn:\n  segments:\n    region=west: {roc_auc: {min: 0.7}}\n");

		// when
		List<String> warnings = io.ratchet.segment.SegmentJudge.unseenLevels(churn,
				Set.of(new Segment("region", "north")), "config/requirements.yml line 1");

		// then
		assertThat(warnings).containsExactly("config/requirements.yml line 1: segments.region=west (line 3) bounds a"
				+ " level no row of this run has; levels seen of region: [north]");
	}

	@Test
	void aBadSegmentKeyNamesItsLine() throws IOException {
		// given
		Path file = Files.writeString(this.dir.resolve("requirements.yml"),
				"churn:\n  segments:\n    region=: {roc_auc: {min: 0.7}}\n");

		// when / then
		assertThatExceptionOfType(RequirementsException.class).isThrownBy(() -> Requirements.load(file))
			.withMessage(file + " line 3: segments: \"region=\" is neither a column nor column=level");
	}

	private DatasetRequirements load(String yaml) throws IOException {
		Path file = Files.writeString(this.dir.resolve("requirements.yml"), yaml);
		return Requirements.load(file).forDataset("churn").orElseThrow();
	}

	private static MetricValues values(double rocAuc, long n) {
		return MetricValues.of(Map.of(Metric.ROC_AUC, rocAuc, Metric.N, (double) n));
	}

}
