package io.ratchet.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.DatasetConfigs;
import io.ratchet.data.MonthFileReader;
import io.ratchet.data.ReadStats;
import io.ratchet.metrics.Accumulators;
import io.ratchet.metrics.MetricAccumulator;
import io.ratchet.model.ModelCatalogue;
import io.ratchet.model.ModelVersion;
import io.ratchet.model.Scorer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class BenchCorpusTests {

	@TempDir
	Path folder;

	@Test
	void corpusIsSeededValidAndComplete() throws IOException {
		// given
		Path other = this.folder.resolve("other");
		// when
		new CorpusGenerator(7).write(this.folder.resolve("one"), 2401);
		new CorpusGenerator(7).write(other, 2401);
		// then
		Path config = other.resolve("config");
		DatasetConfig dataset = DatasetConfigs.load(config, CorpusGenerator.DATASET);
		assertThat(dataset.features()).hasSize(CorpusGenerator.NUMERIC + 1);
		List<ModelVersion> models = ModelCatalogue.scan(config.resolve("models")).forDataset(dataset.name());
		assertThat(models).extracting(ModelVersion::kind).containsOnly("linear", "tree-ensemble").hasSize(4);
		List<Path> files = files(other);
		assertThat(files).hasSize(CorpusGenerator.MONTHS);
		long rows = 0;
		for (Path file : files) {
			assertThat(this.folder.resolve("one").resolve(other.relativize(file))).hasSameBinaryContentAs(file);
			ReadStats stats = new MonthFileReader(dataset).read(file,
					java.time.YearMonth.parse(file.getFileName().toString().substring(0, 7)), (row) -> {
					}, (rejection) -> {
						throw new AssertionError(rejection.toString());
					});
			rows += stats.accepted();
		}
		assertThat(rows).isEqualTo(2401);
	}

	@Test
	void floorComputesTheSameMonthlyFiguresAsTheValidatingReader() throws IOException {
		// given
		new CorpusGenerator(3).write(this.folder, 2400);
		Path config = this.folder.resolve("config");
		DatasetConfig dataset = DatasetConfigs.load(config, CorpusGenerator.DATASET);
		List<ModelVersion> models = ModelCatalogue.scan(config.resolve("models")).forDataset(dataset.name());
		Path file = files(this.folder).get(5);
		// when
		byte[][] floor = ReferenceFloor.month(file, dataset, models);
		// then
		for (int i = 0; i < models.size(); i++) {
			Scorer scorer = models.get(i).bind(dataset);
			MetricAccumulator expected = Accumulators.create(dataset.task(), Accumulators.DEFAULT_THRESHOLD);
			new MonthFileReader(dataset).read(file, null, (row) -> expected.add(scorer.score(row), row.label()),
					(rejection) -> {
					});
			assertThat(Accumulators.fromBytes(dataset.task(), Accumulators.DEFAULT_THRESHOLD, floor[i]).result())
				.isEqualTo(expected.result());
		}
	}

	private static List<Path> files(Path corpus) throws IOException {
		try (Stream<Path> list = Files.list(corpus.resolve("data").resolve(CorpusGenerator.DATASET))) {
			return list.sorted().toList();
		}
	}

}
