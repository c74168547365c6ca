package io.ratchet.model;

import java.nio.file.Path;

import io.ratchet.data.DatasetConfigs;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The regression cases of every model version committed under {@code config/models/}:
 * each has its cases file, and today's scorers give every recorded output. A change to a
 * scorer that alters any committed model's output fails here, with the diff.
 */
class CommittedModelCasesTests {

	static final Path CONFIG = Path.of("config");

	@Test
	void everyCommittedModelStillGivesItsRecordedOutputs() {
		// given
		ModelCatalogue catalogue = ModelCatalogue.scan(CONFIG.resolve("models"));

		// when / then
		assertThat(catalogue.all()).isNotEmpty();
		int cases = 0;
		for (ModelVersion version : catalogue.all()) {
			CaseCheck check = ModelCases.check(version, DatasetConfigs.load(CONFIG, version.dataset()));
			assertThat(check.mismatches()).as(check::diff).isEmpty();
			assertThat(check.cases()).as(version.key()).isGreaterThan(10);
			cases += check.cases();
		}
		assertThat(cases).isGreaterThan(100);
	}

}
