package io.ratchet.model;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@code config/registry.yml}: champion and candidates per dataset. */
class ModelRegistryTests {

	private static final String REGISTRY = """
			churn:
			  champion: churn-logit@1
			  candidates: [churn-logit@2, churn-gbt@1]
			rides:
			  candidates:
			    - rides-gbt@1
			""";

	@TempDir
	Path dir;

	@Test
	void readsChampionAndCandidates() {
		// given
		Path file = Fixtures.write(this.dir, "registry.yml", REGISTRY);
		// when
		ModelRegistry registry = ModelRegistry.load(file);
		// then
		assertThat(registry.champion("churn")).contains("churn-logit@1");
		assertThat(registry.candidates("churn")).containsExactly("churn-logit@2", "churn-gbt@1");
		assertThat(registry.champion("rides")).isEmpty();
		assertThat(registry.candidates("rides")).containsExactly("rides-gbt@1");
		assertThat(registry.candidates("nothing")).isEmpty();
		assertThat(registry.datasets()).containsExactly("churn", "rides");
		assertThat(registry.contenders("churn")).containsExactly("churn-logit@1", "churn-logit@2", "churn-gbt@1");
	}

	@Test
	void rolesOfKeys() {
		// given
		ModelRegistry registry = ModelRegistry.load(Fixtures.write(this.dir, "registry.yml", REGISTRY));
		// then
		assertThat(registry.role("churn", "churn-logit@1")).isEqualTo("champion");
		assertThat(registry.role("churn", "churn-gbt@1")).isEqualTo("candidate");
		assertThat(registry.role("churn", "churn-logit@3")).isEqualTo("other");
		assertThat(registry.role("rides", "churn-logit@1")).isEqualTo("other");
	}

	@Test
	void missingFileIsAnEmptyRegistry() {
		// when
		ModelRegistry registry = ModelRegistry.load(this.dir.resolve("registry.yml"));
		// then
		assertThat(registry.datasets()).isEmpty();
		assertThat(registry.champion("churn")).isEmpty();
		assertThat(registry.role("churn", "churn-logit@1")).isEqualTo("other");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					unknown field    | 'churn:\n  champion: churn-logit@1\n  candidate: [churn-logit@2]\n' | 3 | unknown field "candidate" in churn (known: champion, candidates)
					scalar for list  | 'churn:\n  candidates: churn-logit@2\n'                             | 2 | wrong type for churn.candidates: expected an array, found a string
					not a key        | 'churn:\n  champion: churn-logit\n'                                  | 2 | dataset "churn": "churn-logit" is not a model key of the form name@version
					both roles       | 'churn:\n  champion: a@1\n  candidates: [b@1, a@1]\n'              | 3 | dataset "churn": a@1 is both champion and candidate
					listed twice     | 'churn:\n  candidates:\n    - b@1\n    - b@1\n'                      | 4 | dataset "churn": candidate b@1 is listed twice
					empty entry      | 'churn:\nrides:\n  champion: r@1\n'                                  | 1 | dataset "churn" has no entries (give champion and/or candidates, or remove it)
					syntax           | 'churn:\n  champion: a@1\n x: ]\n'                                       | 3 | syntax error
					top-level list   | '- churn\n'                                                          | 1 | the file must hold an object, not an array
					duplicate dataset | 'churn:\n  champion: a@1\nchurn:\n  champion: b@1\n'              | 3 | syntax error: Duplicate Object property "churn"
					""")
	void errorsNameFileLineAndCause(String title, String text, int line, String reason) {
		// given
		Path file = Fixtures.write(this.dir, "registry.yml", text.replace("\\n", "\n"));
		// when
		ModelFileException ex = catchThrowableOfType(ModelFileException.class, () -> ModelRegistry.load(file));
		// then
		assertThat(ex).isNotNull();
		assertThat(ex.file()).isEqualTo(file);
		assertThat(ex.line()).isEqualTo(line);
		assertThat(ex.reason()).startsWith(reason);
		assertThat(ex).hasMessageStartingWith(file + " line " + line + ": ");
	}

	@Test
	void checkAgainstTheCatalogue() {
		// given
		Path models = this.dir.resolve("models");
		Fixtures.write(models, "churn-logit-v1.json", Fixtures.churnLogit("1"));
		Fixtures.write(models, "churn-logit-v2.json", Fixtures.churnLogit("2"));
		ModelCatalogue catalogue = ModelCatalogue.scan(models);
		ModelRegistry good = ModelRegistry.load(Fixtures.write(this.dir, "good.yml",
				"churn:\n  champion: churn-logit@1\n  candidates: [churn-logit@2]\n"));
		ModelRegistry unknown = ModelRegistry.load(Fixtures.write(this.dir, "unknown.yml",
				"# registry\nchurn:\n  champion: churn-logit@1\n  candidates: [churn-gbt@1]\n"));
		ModelRegistry foreign = ModelRegistry
			.load(Fixtures.write(this.dir, "foreign.yml", "rides:\n  champion: churn-logit@1\n"));
		// when / then
		good.check(catalogue);
		assertThatThrownBy(() -> unknown.check(catalogue)).isInstanceOf(ModelFileException.class)
			.hasMessageEndingWith("unknown.yml line 2: dataset \"churn\": no model file defines churn-gbt@1"
					+ " (known: churn-logit@1, churn-logit@2)");
		assertThatThrownBy(() -> foreign.check(catalogue)).isInstanceOf(ModelFileException.class)
			.hasMessageContaining("foreign.yml line 1: dataset \"rides\": churn-logit@1 scores dataset \"churn\"");
	}

}
