package io.ratchet.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ratchet.config.ConfigNode.Field;
import io.ratchet.config.ConfigNode.Kind;
import io.ratchet.config.ConfigNode.Mapping;
import io.ratchet.config.ConfigNode.Scalar;
import io.ratchet.config.ConfigNode.Sequence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ConfigTreeTests {

	private static final Path FILE = Path.of("config/example.yml");

	@TempDir
	Path dir;

	@Test
	void everyKeyAndValueKnowsItsFileAndLineInYamlAndJson() {
		// given
		String yaml = "name: churn\nsizes:\n  - 1\n  - 2.5\nflags: {on: true, off: null}\n";
		String json = "{\n  \"name\": \"churn\",\n  \"sizes\": [\n    1,\n    2.5\n  ]\n}\n";
		// when
		Mapping fromYaml = ConfigTree.parse(FILE, yaml, ConfigFormat.YAML).orElseThrow().mapping("a mapping");
		Mapping fromJson = ConfigTree.parse(FILE, json, ConfigFormat.JSON).orElseThrow().mapping("a mapping");
		// then
		assertThat(fromYaml.fields()).containsOnlyKeys("name", "sizes", "flags");
		assertThat(fromYaml.get("sizes").line()).isEqualTo(2);
		List<Scalar> sizes = fromYaml.get("sizes").scalars("sizes");
		assertThat(sizes).extracting(Scalar::line).containsExactly(3, 4);
		assertThat(sizes).extracting(Scalar::kind).containsExactly(Kind.INTEGER, Kind.FLOAT);
		Mapping flags = fromYaml.get("flags").value().mapping("flags");
		assertThat(flags.get("on").scalar("on").bool("on")).isTrue();
		assertThat(flags.get("off").isEmpty()).isTrue();
		assertThat(fromJson.get("name").text("name")).isEqualTo("churn");
		assertThat(((Sequence) fromJson.get("sizes").value()).items()).extracting(ConfigNode::line)
			.containsExactly(4, 5);
		assertThat(fromJson.get("sizes").location().file()).isEqualTo(FILE);
	}

	@Test
	void anEmptyOrCommentOnlyDocumentHasNoRoot() {
		assertThat(ConfigTree.parse(FILE, "", ConfigFormat.YAML)).isEmpty();
		assertThat(ConfigTree.parse(FILE, "# nothing yet\n\n", ConfigFormat.YAML)).isEmpty();
	}

	@Test
	void aKeyWrittenTwiceIsRefusedOnItsSecondLine() {
		assertThatExceptionOfType(ConfigException.class)
			.isThrownBy(() -> ConfigTree.parse(FILE, "a: 1\nb:\n  c: 2\n  c: 3\n", ConfigFormat.YAML))
			.withMessage("config/example.yml line 4: duplicate key \"c\"")
			.satisfies((ex) -> assertThat(ex.line()).isEqualTo(4));
		assertThatExceptionOfType(ConfigException.class)
			.isThrownBy(() -> ConfigTree.parse(FILE, "{\"a\": 1,\n\"a\": 2}", ConfigFormat.JSON))
			.withMessage("config/example.yml line 2: duplicate key \"a\"");
	}

	@Test
	void aSyntaxErrorNamesTheLineFoundAndTheLineTheOpenConstructBegan() {
		assertThatExceptionOfType(ConfigException.class)
			.isThrownBy(() -> ConfigTree.parse(FILE, "a:\n  b: \"open\n", ConfigFormat.YAML))
			.withMessage("config/example.yml line 3: syntax error: while scanning a quoted scalar (line 2); found"
					+ " unexpected end of stream");
		assertThatExceptionOfType(ConfigException.class)
			.isThrownBy(() -> ConfigTree.parse(FILE, "{\"a\": 1,\n\"b\" 2}", ConfigFormat.JSON))
			.withMessageStartingWith("config/example.yml line 2: syntax error: ");
	}

	@Test
	void aMissingFileIsNamed() {
		Path missing = this.dir.resolve("absent.yml");
		assertThatExceptionOfType(ConfigException.class).isThrownBy(() -> ConfigTree.read(missing, ConfigFormat.YAML))
			.withMessage(missing + ": file not found");
	}

	@Test
	void unknownAndMissingFieldsAreNamedWithTheirSectionAndLine() throws IOException {
		// given
		Path file = Files.writeString(this.dir.resolve("a.yml"), "label:\n  colum: y\n  task:\n");
		Mapping label = ConfigTree.read(file, ConfigFormat.YAML)
			.orElseThrow()
			.mapping("a mapping")
			.get("label")
			.value()
			.mapping("a mapping");
		// when / then
		assertThatExceptionOfType(ConfigException.class).isThrownBy(() -> label.allowOnly("label", "column", "task"))
			.withMessage(file + " line 2: unknown field \"label.colum\" (known: column, task)");
		assertThatExceptionOfType(ConfigException.class).isThrownBy(() -> label.required("label", "column"))
			.withMessage(file + " line 2: missing required field \"label.column\"");
		assertThatExceptionOfType(ConfigException.class).isThrownBy(() -> label.required("label", "task"))
			.withMessage(file + " line 3: missing required field \"label.task\"");
	}

	@Test
	void valuesOfTheWrongTypeOrOutOfRangeNameWhatWasFound() {
		// given
		Mapping root = ConfigTree
			.parse(FILE, "text: high\nfraction: 2.5\nnegative: -5\nlist: [a]\nmap: {a: 1}\n", ConfigFormat.YAML)
			.orElseThrow()
			.mapping("a mapping");
		// when / then
		assertThatExceptionOfType(ConfigException.class)
			.isThrownBy(() -> root.get("text").scalar("text").number("text"))
			.withMessage("config/example.yml line 1: text must be a number, not \"high\"");
		assertThatExceptionOfType(ConfigException.class)
			.isThrownBy(() -> root.get("fraction").scalar("fraction").wholeNumber("fraction", 0))
			.withMessage("config/example.yml line 2: fraction must be a whole number, not 2.5");
		assertThatExceptionOfType(ConfigException.class)
			.isThrownBy(() -> root.get("negative").scalar("negative").wholeNumber("negative", 0))
			.withMessage("config/example.yml line 3: negative must not be negative, not -5");
		assertThatExceptionOfType(ConfigException.class)
			.isThrownBy(() -> root.get("negative").scalar("negative").wholeNumber("negative", 1))
			.withMessage("config/example.yml line 3: negative must be at least 1, not -5");
		assertThatExceptionOfType(ConfigException.class).isThrownBy(() -> root.get("list").scalar("list"))
			.withMessage("config/example.yml line 4: list: expected a single value");
		assertThatExceptionOfType(ConfigException.class).isThrownBy(() -> root.get("map").texts("map"))
			.withMessage("config/example.yml line 5: map: expected a list of values");
		assertThatExceptionOfType(ConfigException.class)
			.isThrownBy(() -> root.get("list").value().mapping("a mapping of bounds"))
			.withMessage("config/example.yml line 4: expected a mapping of bounds, not a list");
		assertThatExceptionOfType(ConfigException.class).isThrownBy(() -> root.get("text").scalar("t").bool("text"))
			.withMessage("config/example.yml line 1: text must be true or false, not \"high\"");
	}

	@Test
	void anErrorWithoutALineNamesTheFileOnly() {
		assertThat(new ConfigException(FILE, 0, "empty file")).hasMessage("config/example.yml: empty file");
		assertThat(new ConfigException(null, 0, "no file")).hasMessage("no file");
	}

	@Test
	void fieldsKeepTheirOrder() {
		Mapping root = ConfigTree.parse(FILE, "b: 1\na: 2\nc: 3\n", ConfigFormat.YAML).orElseThrow().mapping("m");
		assertThat(root.fields().values()).extracting(Field::key).containsExactly("b", "a", "c");
	}

}
