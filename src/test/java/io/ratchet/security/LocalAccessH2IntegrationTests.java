package io.ratchet.security;

import java.util.List;

/**
 * {@link LocalAccessChecks} on the embedded default: the H2 file under
 * {@code .ratchet/db/}, shared by the commands through H2's {@code AUTO_SERVER}.
 */
class LocalAccessH2IntegrationTests extends LocalAccessChecks {

	@Override
	List<String> databaseSettings() {
		return List.of();
	}

	@Override
	boolean embedded() {
		return true;
	}

}
