package io.ratchet.config;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class StrictBindingTests {

	private static final Path FILE = Path.of("config/models/m.json");

	record Term(String feature, Double weight) {
	}

	record Model(String name, List<Term> terms) {
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	@Test
	void bindsARecordAndFindsTheLineOfAnyPointer() {
		// given
		byte[] json = bytes(
				"{\n  \"name\": \"m\",\n  \"terms\": [\n    {\"feature\": \"a\", \"weight\": 0.5}\n  ]\n}\n");
		// when
		Model model = StrictBinding.read(ConfigFormat.JSON, json, Model.class, FILE);
		// then
		assertThat(model).isEqualTo(new Model("m", List.of(new Term("a", 0.5))));
		assertThat(StrictBinding.line(ConfigFormat.JSON, json, "/terms/0/weight")).isEqualTo(4);
		assertThat(StrictBinding.line(ConfigFormat.JSON, json, "/terms/0/absent")).isEqualTo(4);
	}

	@Test
	void unknownFieldsAndWrongTypesNameTheLineAndThePath() {
		assertThatExceptionOfType(ConfigException.class).isThrownBy(() -> StrictBinding.read(ConfigFormat.JSON,
				bytes("{\"name\": \"m\",\n \"terms\": [{\"feature\": \"a\",\n \"wieght\": 1}]}"), Model.class, FILE))
			.withMessageStartingWith("config/models/m.json line 3: unknown field \"wieght\" in terms[0] (known: ");
		assertThatExceptionOfType(ConfigException.class)
			.isThrownBy(() -> StrictBinding.read(ConfigFormat.YAML, bytes("name: m\nterms:\n  - weight: \"5\"\n"),
					Model.class, FILE))
			.withMessage("config/models/m.json line 3: wrong type for terms[0].weight: expected a number, found a"
					+ " string");
		assertThatExceptionOfType(ConfigException.class)
			.isThrownBy(() -> StrictBinding.read(ConfigFormat.JSON, bytes("  \n"), Model.class, FILE))
			.withMessage("config/models/m.json: the file is empty");
	}

}
