package io.ratchet.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.ratchet.data.DatasetConfig;
import io.ratchet.data.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every ONNX file of the model zoo (scikit-learn GB, RF and HGB converted by skl2onnx;
 * XGBoost and LightGBM converted by onnxmltools; weatherAUS and bike-sharing) imports as
 * {@code jobs/import-model --inputs ... --codes ...} would import it, and reproduces the
 * library's own predictions of its 1,250 golden rows (missing values and unseen levels
 * included) within the tolerance its README.json recommends for ONNX Runtime's float32
 * arithmetic, and onnxruntime's own outputs (the zoo's {@code onnx_prediction}, ONNX
 * Runtime 1.30 in Python) to the bit, which shows the inputs are built as the library's
 * pipeline builds them. Writes the table {@code target/onnx-zoo/golden.md}. Skipped when
 * the zoo is absent.
 */
class OnnxZooTests {

	static final Path TABLE = Path.of("target", "onnx-zoo", "golden.md");

	@TempDir
	Path dir;

	@Test
	void everyOnnxModelOfTheZooMatchesItsLibrarysPredictionsWithinItsTolerance() throws IOException {
		// given
		ModelZoo.assumePresent();
		List<ModelZoo.ZooOnnx> models = ModelZoo.onnxModels();
		assertThat(models).hasSize(12);
		List<String> table = new ArrayList<>();
		table.add("| case | model | ONNX file | rows | max abs diff vs library | tolerance | max abs diff vs"
				+ " onnxruntime (Python) |");
		table.add("|---|---|---|---|---|---|---|");

		for (ModelZoo.ZooOnnx model : models) {
			DatasetConfig dataset = ModelZoo.dataset(model.zooCase(), this.dir.resolve(model.name()));
			// when
			OnnxImport.Imported imported = OnnxImport.importModel(model.request(), dataset,
					this.dir.resolve(model.name()).resolve("models"));
			List<ModelZoo.GoldenRow> golden = ModelZoo.golden(model, dataset);
			List<Row> rows = golden.stream().map(ModelZoo.GoldenRow::row).toList();
			double[] scores = new double[rows.size()];
			try (Scorer scorer = imported.version().bind(dataset)) {
				scorer.scoreBatch(rows, scores);
			}

			// then
			double worst = 0;
			double worstOnnx = 0;
			for (int i = 0; i < rows.size(); i++) {
				ModelZoo.GoldenRow row = golden.get(i);
				assertThat(Math.abs(scores[i] - row.prediction()))
					.as("%s %s: got %s, library %s", model.name(), row.key(), scores[i], row.prediction())
					.isLessThanOrEqualTo(model.tolerance());
				worst = Math.max(worst, Math.abs(scores[i] - row.prediction()));
				worstOnnx = Math.max(worstOnnx, Math.abs(scores[i] - row.onnxPrediction()));
			}
			assertThat(rows).hasSize(1250);
			// the inputs are what onnxruntime was given in Python: its outputs are the
			// same to the bit
			assertThat(worstOnnx).as("%s against onnxruntime's own output", model.name()).isZero();
			assertThat(ModelCases.verify(imported.version(), dataset).passed()).isTrue();
			table.add(String.format(Locale.ROOT, "| %s | %s | %s | %d | %.3g | %.0e | %s |", model.zooCase(),
					model.model(), model.file().getFileName(), rows.size(), worst, model.tolerance(), worstOnnx));
		}
		Files.createDirectories(TABLE.getParent());
		Files.write(TABLE, table);
	}

}
