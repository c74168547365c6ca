package io.ratchet.data;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Rows by the hash of their key: every candidate of a hash is offered, none lost. */
class KeyIndexTests {

	@Test
	void rowsSharingAHashAreAllOfferedSoTheCallerTellsThemApart() throws IOException {
		// given: three rows under one hash (a collision), one under another
		KeyIndex index = new KeyIndex();
		long collision = 0x1234_5678_9abc_def0L;
		index.add(collision, 0);
		index.add(collision, 1);
		index.add(collision, 2);
		index.add(~collision, 3);
		List<Integer> offered = new ArrayList<>();

		// when
		int found = index.find(collision, (row) -> {
			offered.add(row);
			return row == 2;
		});

		// then
		assertThat(found).isEqualTo(2);
		assertThat(offered).containsExactlyInAnyOrder(0, 1, 2);
		assertThat(index.find(collision, (row) -> row == 3)).isEqualTo(-1);
		assertThat(index.find(~collision, (row) -> true)).isEqualTo(3);
	}

	@Test
	void everyRowIsFoundAfterTheTableGrew() throws IOException {
		// given: 100,000 keys, far beyond the first table
		KeyIndex index = new KeyIndex();
		for (int row = 0; row < 100_000; row++) {
			index.add(KeyIndex.hash("key-" + row), row);
		}

		// when / then: each key leads to its row, an absent key to none
		for (int row = 0; row < 100_000; row++) {
			int expected = row;
			assertThat(index.find(KeyIndex.hash("key-" + row), (candidate) -> candidate == expected)).isEqualTo(row);
		}
		assertThat(index.find(KeyIndex.hash("key-absent"), (candidate) -> true)).isEqualTo(-1);
	}

	@Test
	void theHashDependsOnEveryCharacter() {
		assertThat(KeyIndex.hash("a,b,c")).isNotEqualTo(KeyIndex.hash("a,b,d"))
			.isNotEqualTo(KeyIndex.hash("b,b,c"))
			.isNotEqualTo(KeyIndex.hash("a,b,c,"));
		assertThat(KeyIndex.hash("a,b,c") >>> 32).isNotEqualTo(KeyIndex.hash("a,b,d") >>> 32);
	}

}
