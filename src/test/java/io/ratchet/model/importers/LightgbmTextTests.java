package io.ratchet.model.importers;

import java.nio.file.Path;
import java.util.Map;

import io.ratchet.model.ModelFileException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link LightgbmText}: the sections of a LightGBM text model, each value with its line,
 * and the errors of its value readers naming the file and the line.
 */
class LightgbmTextTests {

	private static final Path FILE = Path.of("m.txt");

	private static final String TEXT = """
			tree
			version=v4
			objective=binary sigmoid:1
			average_output

			Tree=0
			num_leaves=1
			leaf_value=0.5

			Tree=1
			num_leaves=1
			leaf_value=-0.25

			end of trees

			parameters:
			[categorical_feature: 1,2]
			end of parameters

			pandas_categorical:[["a", "b"]]
			""";

	@Test
	void splitsTheFileIntoItsSectionsWithLineNumbers() {
		// given a model with a header, two trees, parameters and pandas categories
		// when it is parsed
		LightgbmText text = LightgbmText.parse(FILE, TEXT);

		// then each section holds its lines, each value with its line number
		assertThat(text.header()).containsKeys("version", "objective", "average_output");
		assertThat(text.header().get("objective")).isEqualTo(new LightgbmText.Field("binary sigmoid:1", 3));
		assertThat(text.header().get("average_output")).isEqualTo(new LightgbmText.Field("", 4));
		assertThat(text.trees()).hasSize(2);
		assertThat(text.treeLine(0)).isEqualTo(6);
		assertThat(text.treeLine(1)).isEqualTo(10);
		assertThat(text.trees().get(1).get("leaf_value")).isEqualTo(new LightgbmText.Field("-0.25", 12));
		assertThat(text.parameters()).isEqualTo(Map.of("categorical_feature", new LightgbmText.Field("1,2", 17)));
		assertThat(text.pandas()).isEqualTo(new LightgbmText.Field("[[\"a\", \"b\"]]", 20));
		assertThat(text.lineCount()).isEqualTo(20);
	}

	@Test
	void refusesAFileThatIsNotALightgbmModelOrEndsEarly() {
		// given a file whose first line is not "tree", and one cut before "end of trees"
		String cut = String.join("\n", TEXT.lines().toList().subList(0, 12));

		// when they are parsed, then each is refused naming the file and the line
		assertThatThrownBy(() -> LightgbmText.parse(FILE, "{\"learner\": {}}"))
			.isInstanceOfSatisfying(ModelFileException.class, (ex) -> {
				assertThat(ex.file()).isEqualTo(FILE);
				assertThat(ex.line()).isEqualTo(1);
				assertThat(ex.reason()).contains("not a LightGBM text model");
			});
		assertThatThrownBy(() -> LightgbmText.parse(FILE, cut)).isInstanceOfSatisfying(ModelFileException.class,
				(ex) -> {
					assertThat(ex.line()).isEqualTo(12);
					assertThat(ex.reason()).contains("ends before \"end of trees\"");
				});
	}

	@Test
	void valueReadersNameTheLineOfABadValue() {
		// given a parsed model
		LightgbmText text = LightgbmText.parse(FILE, TEXT);
		Map<String, LightgbmText.Field> tree = text.trees().get(0);

		// when values are read as numbers, then good ones are returned and bad ones
		// refused with their line
		assertThat(text.number(tree.get("leaf_value"), "leaf_value")).isEqualTo(0.5);
		assertThat(text.integer(tree.get("num_leaves"), "num_leaves")).isEqualTo(1L);
		assertThatThrownBy(() -> text.integer(tree.get("leaf_value"), "num_leaves"))
			.isInstanceOfSatisfying(ModelFileException.class, (ex) -> {
				assertThat(ex.line()).isEqualTo(8);
				assertThat(ex.reason()).isEqualTo("num_leaves: \"0.5\" is not a whole number");
			});
		assertThatThrownBy(() -> text.required(tree, "split_feature", text.treeLine(0)))
			.isInstanceOfSatisfying(ModelFileException.class, (ex) -> {
				assertThat(ex.line()).isEqualTo(6);
				assertThat(ex.reason()).isEqualTo("no \"split_feature=\" line");
			});
	}

}
