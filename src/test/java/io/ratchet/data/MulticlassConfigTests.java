package io.ratchet.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code task: multiclass} with {@code classes:} in a dataset's file, and a data file's
 * labels read as class indices; a label that is not a class is a rejected row naming the
 * file and line.
 */
class MulticlassConfigTests {

	private static final String IRIS = """
			name: iris
			date: {column: d}
			label:
			  column: species
			  task: multiclass
			  classes: [setosa, versicolor, virginica]
			features: [{name: x, type: numeric}]
			""";

	@TempDir
	Path config;

	@Test
	void readsTheClassesInOrder() throws IOException {
		// when
		DatasetConfig dataset = DatasetConfigs.load(write("iris", IRIS));

		// then
		assertThat(dataset.task()).isEqualTo(Task.MULTICLASS);
		assertThat(dataset.classes()).containsExactly("setosa", "versicolor", "virginica");
		assertThat(dataset.classIndex("virginica")).isEqualTo(2);
		assertThat(dataset.classIndex("rose")).isEqualTo(-1);
	}

	@Test
	void refusesMissingRepeatedTooFewOrMisplacedClasses() throws IOException {
		assertRefused(IRIS.replace("  classes: [setosa, versicolor, virginica]\n", ""),
				"line 4: label.classes is required for a multiclass label, e.g. classes: [a, b, c]");
		assertRefused(IRIS.replace("[setosa, versicolor, virginica]", "[setosa, versicolor, setosa]"),
				"line 6: label.classes lists 'setosa' twice");
		assertRefused(IRIS.replace("[setosa, versicolor, virginica]", "[setosa]"),
				"line 6: label.classes has 1 classes; a multiclass label has 2 to 100");
		assertRefused(IRIS.replace("task: multiclass", "task: regression"),
				"line 6: label.classes is for multiclass labels only");
		assertRefused(IRIS + "segments: [x]\n",
				"line 8: segments is not available for a multiclass dataset yet (its model gives one probability per class)");
	}

	@Test
	void labelsAreClassIndicesAndAnUnknownLabelIsRejectedWithFileAndLine() throws IOException {
		// given
		DatasetConfig iris = DatasetConfigs.load(write("iris", IRIS));
		Path file = Files.writeString(this.config.resolve("2024-01.csv"),
				"d,species,x\n2024-01-02,virginica,1.5\n2024-01-03,rose,2\n2024-01-04,,3\n");
		List<Row> rows = new ArrayList<>();
		List<Rejection> rejections = new ArrayList<>();

		// when
		new MonthFileReader(iris).read(file, YearMonth.of(2024, 1), rows::add, rejections::add);

		// then: the class's index; a missing label is unlabelled; an unknown one rejected
		assertThat(rows).extracting(Row::label).containsExactly(2.0, Double.NaN);
		assertThat(rejections).extracting(Rejection::describe)
			.containsExactly(file + " line 3: label 'rose' in column species is not one of the classes "
					+ "[setosa, versicolor, virginica]");
	}

	private void assertRefused(String yaml, String message) throws IOException {
		Path file = write("iris", yaml);
		assertThatExceptionOfType(DatasetConfigException.class).isThrownBy(() -> DatasetConfigs.load(file))
			.withMessage(file + " " + message);
	}

	private Path write(String name, String yaml) throws IOException {
		Path folder = Files.createDirectories(this.config.resolve("datasets"));
		return Files.writeString(folder.resolve(name + ".yml"), yaml);
	}

}
