package io.ratchet.run;

import java.time.LocalDateTime;
import java.util.Optional;

import io.ratchet.model.ModelVersion;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code model_version} table: the first time a version is seen its file's SHA-256 is
 * recorded; afterwards a file whose content differs under the same name and version is
 * refused.
 */
@Repository
public class ModelVersionStore {

	private final JdbcClient jdbc;

	public ModelVersionStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Returns the id of the version's row, recording it when new.
	 * @throws TamperedModelException when the file changed under the same name and
	 * version
	 */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public long register(ModelVersion model) {
		Optional<Recorded> recorded = find(model.name(), model.version());
		if (recorded.isPresent()) {
			Recorded known = recorded.get();
			if (!known.sha256().equals(model.sha256())) {
				throw new TamperedModelException(model, known.sha256(), known.firstSeen());
			}
			return known.id();
		}
		this.jdbc.sql("""
				INSERT INTO model_version (name, version, dataset, task, kind, sha256, file_path, first_seen)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(model.name(), model.version(), model.dataset(), model.task().key(), model.kind(), model.sha256(),
					model.file().toString(), LocalDateTime.now())
			.update();
		return find(model.name(), model.version()).orElseThrow().id();
	}

	/** The recorded SHA-256 of a version, if it was ever used. */
	public Optional<String> recordedSha256(String name, String version) {
		return find(name, version).map(Recorded::sha256);
	}

	private Optional<Recorded> find(String name, String version) {
		return this.jdbc.sql("SELECT id, sha256, first_seen FROM model_version WHERE name = ? AND version = ?")
			.params(name, version)
			.query((rs, i) -> new Recorded(rs.getLong(1), rs.getString(2).trim(), rs.getTimestamp(3).toLocalDateTime()))
			.optional();
	}

	private record Recorded(long id, String sha256, LocalDateTime firstSeen) {
	}

}
