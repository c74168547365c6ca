package io.ratchet.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import io.ratchet.model.LinearModel;
import io.ratchet.model.ModelCases;
import io.ratchet.model.ModelCatalogue;
import io.ratchet.model.ModelFiles;
import io.ratchet.model.ModelVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class CandidateFilesTests {

	@TempDir
	Path models;

	@Test
	void aCandidateIsTheNextVersionOfItsNameWithItsRegressionCases() throws IOException {
		// given: version 1 and version 3 exist (a gap), another name has version 7
		LinearModel model = Trainer.fit(TrainerTests.BINARY,
				new TrainingSpec(Algorithm.LOGISTIC, 1, "all", List.of("x", "colour"), 3),
				TrainerTests.rows(io.ratchet.data.Task.BINARY, 500, 9));
		Files.writeString(this.models.resolve("toy-logit-v1.json"),
				ModelFiles.toJson("toy-logit", "1", "toy", io.ratchet.data.Task.BINARY, model));
		Files.writeString(this.models.resolve("toy-logit-v3.json"),
				ModelFiles.toJson("toy-logit", "3", "toy", io.ratchet.data.Task.BINARY, model));
		Files.writeString(this.models.resolve("other-v7.json"),
				ModelFiles.toJson("other", "7", "toy", io.ratchet.data.Task.BINARY, model));

		// when
		ModelVersion written = CandidateFiles.write(this.models, "toy-logit", TrainerTests.BINARY, model);

		// then
		assertThat(written.key()).isEqualTo("toy-logit@4");
		assertThat(written.file()).isEqualTo(this.models.resolve("toy-logit-v4.json"));
		assertThat(written.file())
			.hasContent(ModelFiles.toJson("toy-logit", "4", "toy", io.ratchet.data.Task.BINARY, model).stripTrailing());
		assertThat(ModelCases.verify(written, TrainerTests.BINARY).cases()).isGreaterThan(10);
		assertThat(ModelCatalogue.scan(this.models).get("toy-logit")).isEqualTo(written);
		assertThat(CandidateFiles.write(this.models, "toy-logit", TrainerTests.BINARY, model).key())
			.isEqualTo("toy-logit@5");
		assertThat(CandidateFiles.write(this.models, "fresh", TrainerTests.BINARY, model).key()).isEqualTo("fresh@1");
		try (Stream<Path> files = Files.list(this.models)) {
			assertThat(files.map((file) -> file.getFileName().toString()).filter((name) -> name.startsWith(".")))
				.as("no temporary file is left behind")
				.isEmpty();
		}
	}

	@Test
	void aModelThatDoesNotFitTheDatasetLeavesNothingBehind() throws IOException {
		// given: a regression dataset
		LinearModel model = Trainer.fit(TrainerTests.BINARY,
				new TrainingSpec(Algorithm.LOGISTIC, 1, "all", List.of("x"), 3),
				TrainerTests.rows(io.ratchet.data.Task.BINARY, 200, 10));

		// when / then
		org.assertj.core.api.Assertions
			.assertThatThrownBy(() -> CandidateFiles.write(this.models, "toy-logit", TrainerTests.REGRESSION, model))
			.isInstanceOf(RuntimeException.class);
		try (Stream<Path> files = Files.list(this.models)) {
			assertThat(files).isEmpty();
		}
	}

}
