package io.ratchet.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.DatasetConfigs;
import io.ratchet.data.MonthFileReader;
import io.ratchet.model.ModelCatalogue;
import io.ratchet.model.ModelRegistry;
import io.ratchet.model.ModelVersion;
import io.ratchet.model.Scorer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class PeerCorpusTests {

	private static final String MONTH = """
			id,event_date,segment,x1,x2,x3,x4,x5,x6,x7,x8,x9,x10,x11,x12,x13,x14,x15,x16,label
			1,2023-01-03,A,0.1000,-0.2000,0.3000,-0.4000,0.5000,-0.6000,0.7000,-0.8000,0.9000,-1.0000,1.1000,-1.2000,1.3000,-1.4000,1.5000,-1.6000,1
			2,2023-01-17,D,-1.5000,0.0100,2.2500,0.0000,-0.3300,0.4400,-0.5500,0.6600,-0.7700,0.8800,-0.9900,0.1200,-0.2300,0.3400,-0.4500,0.5600,0
			3,2023-01-28,C,0.0000,0.0000,0.0000,0.0000,0.0000,0.0000,0.0000,0.0000,0.0000,0.0000,0.0000,0.0000,0.0000,0.0000,0.0000,0.0000,0
			""";

	@TempDir
	Path folder;

	@Test
	void modelsScoreAsThePeersComputeThem() throws IOException {
		// given two models as models.py writes them, and a month as gen_bench.py writes
		// it
		writeModel(0, null);
		writeModel(1, null);
		Path month = this.folder.resolve("data/peers/2023-01.csv");
		Files.createDirectories(month.getParent());
		Files.writeString(month, MONTH);
		// when
		int converted = PeerCorpus.write(this.folder);
		// then every row scores 1 / (1 + exp(-(intercept + sum coef * x + segment
		// weight)))
		assertThat(converted).isEqualTo(2);
		Path config = this.folder.resolve("config");
		DatasetConfig dataset = DatasetConfigs.load(config, PeerCorpus.DATASET);
		List<ModelVersion> models = ModelCatalogue.scan(config.resolve("models")).forDataset(PeerCorpus.DATASET);
		assertThat(models).extracting(ModelVersion::key).containsExactly("peer-logit@1", "peer-logit@2");
		List<String[]> lines = MONTH.lines().skip(1).map((line) -> line.split(",")).toList();
		for (int k = 0; k < models.size(); k++) {
			List<Double> scores = new ArrayList<>();
			try (Scorer scorer = models.get(k).bind(dataset)) {
				new MonthFileReader(dataset).read(month, YearMonth.of(2023, 1), (row) -> scores.add(scorer.score(row)),
						(rejection) -> {
							throw new AssertionError(rejection.toString());
						});
			}
			catch (Exception ex) {
				throw new AssertionError(ex);
			}
			assertThat(scores).hasSize(lines.size());
			for (int r = 0; r < lines.size(); r++) {
				assertThat(scores.get(r)).isCloseTo(expected(k, lines.get(r)), within(1e-15));
			}
		}
		ModelRegistry registry = ModelRegistry.load(config.resolve("registry.yml"));
		assertThat(registry.champion(PeerCorpus.DATASET)).contains("peer-logit@1");
		assertThat(registry.candidates(PeerCorpus.DATASET)).containsExactly("peer-logit@2");
	}

	@Test
	void aModelWithoutACoefficientIsRefusedNamingFileAndCoefficientAndNothingIsWritten() throws IOException {
		// given
		writeModel(0, null);
		writeModel(1, "x7");
		// when / then
		assertThatIllegalArgumentException().isThrownBy(() -> PeerCorpus.write(this.folder))
			.withMessageContaining("model1.json")
			.withMessageContaining("'coef.x7' is missing");
		assertThat(this.folder.resolve("config")).doesNotExist();
	}

	@Test
	void aFolderWithoutModelsIsRefused() throws IOException {
		// given
		Files.createDirectories(this.folder.resolve("models"));
		// when / then
		assertThatIllegalArgumentException().isThrownBy(() -> PeerCorpus.write(this.folder))
			.withMessageContaining("no model<k>.json");
	}

	private static double intercept(int k) {
		return -0.5 + 0.1 * k;
	}

	/** The model k of this test: coefficient j is {@code step * j * (-1)^j}. */
	private static double coefficient(int k, int j) {
		double step = (k == 0) ? 0.25 : -0.125;
		return step * j * ((j % 2 == 0) ? 1 : -1);
	}

	private static double segment(int k, String level) {
		return switch (level) {
			case "A" -> 0.0;
			case "B" -> 0.4 - 0.1 * k;
			case "C" -> -0.3;
			default -> 0.8;
		};
	}

	private static double expected(int k, String[] line) {
		double z = intercept(k);
		for (int j = 1; j <= 16; j++) {
			z += coefficient(k, j) * Double.parseDouble(line[2 + j]);
		}
		z += segment(k, line[2]);
		return 1 / (1 + Math.exp(-z));
	}

	/**
	 * Writes models/model{k}.json as models.py does, leaving out coefficient
	 * {@code without}.
	 */
	private void writeModel(int k, String without) throws IOException {
		StringBuilder json = new StringBuilder("{\n \"intercept\": ").append(intercept(k)).append(",\n \"coef\": {");
		String separator = "\n  ";
		for (int j = 1; j <= 16; j++) {
			if (("x" + j).equals(without)) {
				continue;
			}
			json.append(separator).append("\"x").append(j).append("\": ").append(coefficient(k, j));
			separator = ",\n  ";
		}
		json.append("\n },\n \"segment\": {");
		separator = "\n  ";
		for (String level : List.of("A", "B", "C", "D")) {
			json.append(separator).append('"').append(level).append("\": ").append(segment(k, level));
			separator = ",\n  ";
		}
		json.append("\n }\n}");
		Files.createDirectories(this.folder.resolve("models"));
		Files.writeString(this.folder.resolve("models/model" + k + ".json"), json);
	}

}
