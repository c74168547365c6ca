package io.ratchet.run;

import java.time.LocalDateTime;

import io.ratchet.model.ModelVersion;

/** A model file whose content changed while its name and version stayed the same. */
public class TamperedModelException extends RuntimeException {

	public TamperedModelException(ModelVersion model, String recordedSha256, LocalDateTime firstSeen) {
		super(model.file() + ": content changed under the same version " + model.key() + " (recorded sha256 "
				+ recordedSha256 + " on " + firstSeen.withNano(0) + ", file now has " + model.sha256()
				+ "); a changed model needs a new version");
	}

}
