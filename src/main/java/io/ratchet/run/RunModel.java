package io.ratchet.run;

/** A model version as a run used it, with its role at the time. */
public record RunModel(long id, String name, String version, String sha256, String file, String role) {

	/** Whether the model had this role in the run. */
	public boolean is(Role role) {
		return role.is(this.role);
	}

	public String key() {
		return this.name + "@" + this.version;
	}

}
