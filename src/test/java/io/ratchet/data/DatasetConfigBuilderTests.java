package io.ratchet.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link DatasetConfig#builder}: what is not set takes the record constructor's defaults,
 * a dataset file read by {@link DatasetConfigs} is the dataset the builder makes of the
 * same parts, {@code toBuilder} keeps every part, and an incomplete dataset is refused.
 */
class DatasetConfigBuilderTests {

	private static final List<Feature> FEATURES = List.of(new Feature("tenure", FeatureType.NUMERIC),
			new Feature("plan", FeatureType.CATEGORICAL));

	@TempDir
	Path config;

	@Test
	void whatIsNotSetTakesTheDefaults() {
		// given / when
		DatasetConfig dataset = DatasetConfig.builder("bikes", null)
			.date("day")
			.label("count", Task.REGRESSION)
			.features(FEATURES)
			.build();

		// then
		assertThat(dataset.dateFormat()).isEqualTo(DatasetConfig.DEFAULT_DATE_FORMAT).isEqualTo("yyyy-MM-dd");
		assertThat(dataset.positiveLabel()).isNull();
		assertThat(dataset.negativeLabel()).isNull();
		assertThat(dataset.classes()).isEmpty();
		assertThat(dataset.missingTokens()).isEmpty();
		assertThat(dataset.idColumns()).isEmpty();
		assertThat(dataset.scoreColumns()).isEmpty();
		assertThat(dataset.importSettings()).isEqualTo(ImportSettings.DEFAULTS);
		assertThat(dataset.valueMatrix()).isNull();
		assertThat(dataset.metricDefinitions()).isEqualTo(MetricDefinitions.NONE);
		assertThat(dataset.segments()).isEqualTo(Segments.NONE);
		assertThat(dataset.estimateWithoutLabels()).isFalse();
		assertThat(dataset.quality()).isEqualTo(QualityRules.NONE);
	}

	@Test
	void aDatasetFileIsTheDatasetTheBuilderMakesOfItsParts() throws IOException {
		// given: a file setting every section
		Path file = write("churn", """
				name: churn
				date: {column: day, format: dd/MM/yyyy, earliest: 2010-01-01, latest: 2030-12-31}
				label: {column: churned, task: binary, positive: "yes", negative: "no"}
				missing: [NA]
				id: [customer_id]
				features:
				  - {name: tenure, type: numeric}
				  - {name: plan, type: categorical}
				scores: [vendor_score]
				encoding: ISO-8859-1
				max-record-length: 4096
				value: {tp: 10, fp: -5, fn: -20, tn: 0}
				top-k: [0.2]
				segments: [plan]
				estimate: cbpe
				quality:
				  tenure: {min: 0, max: 600}
				""");

		// when
		DatasetConfig read = DatasetConfigs.load(file);

		// then
		DatasetConfig built = DatasetConfig.builder("churn", file)
			.date("day", "dd/MM/yyyy")
			.binaryLabel("churned", "yes", "no")
			.missingTokens(Set.of("", "NA"))
			.features(FEATURES)
			.idColumns(List.of("customer_id"))
			.scoreColumns(List.of("vendor_score"))
			.importSettings(new ImportSettings(StandardCharsets.ISO_8859_1, 4096, LocalDate.of(2010, 1, 1),
					LocalDate.of(2030, 12, 31)))
			.valueMatrix(ValueMatrix.binary(10, -5, 0, -20))
			.metricDefinitions(read.metricDefinitions())
			.segments(new Segments(List.of(SegmentColumn.categorical("plan")), Segments.DEFAULT_MIN_ROWS,
					Segments.DEFAULT_MAX_LEVELS))
			.estimateWithoutLabels(true)
			.quality(read.quality())
			.build();
		assertThat(read).usingRecursiveComparison().isEqualTo(built);
		assertThat(read.metricDefinitions().topK()).extracting(TopK::share).containsExactly(0.2);
		assertThat(read.quality().rules()).hasSize(1);
		// and toBuilder keeps every part, a with-method changes only its own
		assertThat(read.toBuilder().build()).usingRecursiveComparison().isEqualTo(read);
		assertThat(read.withValueMatrix(null)).usingRecursiveComparison().ignoringFields("valueMatrix").isEqualTo(read);
		assertThat(read.withValueMatrix(null).valueMatrix()).isNull();
	}

	@Test
	void anIncompleteDatasetIsRefused() {
		// given
		DatasetConfig.Builder noDate = DatasetConfig.builder("churn", null)
			.binaryLabel("churned", "yes", "no")
			.features(FEATURES);
		DatasetConfig.Builder noClasses = DatasetConfig.builder("iris", null)
			.date("day")
			.label("species", Task.MULTICLASS)
			.features(FEATURES);
		DatasetConfig.Builder otherTasksMatrix = DatasetConfig.builder("bikes", null)
			.date("day")
			.label("count", Task.REGRESSION)
			.features(FEATURES)
			.valueMatrix(ValueMatrix.binary(1, 0, 0, 0));

		// when / then
		assertThatExceptionOfType(NullPointerException.class).isThrownBy(noDate::build)
			.withMessage("dataset churn needs a date column");
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(noClasses::build)
			.withMessage("a multiclass dataset, and only one, has at least 2 classes");
		assertThat(noClasses.classes(List.of("a", "b")).build().classes()).containsExactly("a", "b");
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(otherTasksMatrix::build)
			.withMessage("a binary value matrix on a regression dataset");
	}

	private Path write(String name, String yaml) throws IOException {
		Path folder = Files.createDirectories(this.config.resolve("datasets"));
		return Files.writeString(folder.resolve(name + ".yml"), yaml);
	}

}
