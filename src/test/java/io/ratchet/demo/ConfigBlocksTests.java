package io.ratchet.demo;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigBlocksTests {

	private static final String BLOCK = "churn:\n  champion: churn-logit@1\n";

	@Test
	void writesTheBlockAloneWhenThereIsNoFile() {
		// given no file

		// when
		String text = ConfigBlocks.replace(null, "churn", BLOCK);

		// then
		assertThat(text).isEqualTo(BLOCK);
	}

	@Test
	void replacesTheBlockWhereItStandsAndKeepsTheRest() {
		// given
		String existing = "bikes:\n  champion: ride@1\nchurn: {champion: old@1}\n# rain\nrain:\n  champion: rain@2";

		// when
		String text = ConfigBlocks.replace(existing, "churn", BLOCK);

		// then
		assertThat(text).isEqualTo("bikes:\n  champion: ride@1\n" + BLOCK + "# rain\nrain:\n  champion: rain@2\n");
	}

	@Test
	void appendsTheBlockWhenTheKeyIsAbsentWithoutTakingSimilarKeys() {
		// given
		String existing = "churned:\n  champion: other@1\n";

		// when
		String text = ConfigBlocks.replace(existing, "churn", BLOCK);

		// then
		assertThat(text).isEqualTo("churned:\n  champion: other@1\n\n" + BLOCK);
	}

}
