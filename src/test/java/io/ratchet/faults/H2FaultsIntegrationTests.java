package io.ratchet.faults;

/** The fault-injection suite on H2, Ratchet's default database (a file). */
class H2FaultsIntegrationTests extends FaultSuite {

	@Override
	String vendor() {
		return "h2";
	}

}
