package io.ratchet.run;

import java.sql.Timestamp;
import java.time.LocalDateTime;

import io.ratchet.data.ImportResult;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code import_batch} table: every import with its counts, rejected rows included.
 * {@code rows_accepted} counts the rows written (new rows and stored rows that received
 * their label), {@code rows_rejected} the rows quarantined (invalid rows and conflicts),
 * so that {@code rows_read = rows_accepted + rows_duplicate + rows_rejected}.
 */
@Repository
public class ImportBatchStore {

	private final JdbcClient jdbc;

	public ImportBatchStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void record(String dataset, ImportResult result) {
		this.jdbc.sql("""
				INSERT INTO import_batch (dataset, source_file, source_sha256, rows_read, rows_accepted, rows_duplicate,
					rows_rejected, quarantine_file, imported_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(dataset, result.source().toString(), result.sourceSha256(), result.rows(),
					result.accepted() + result.updated(), result.duplicates(), result.rejected(),
					(result.quarantineFile() != null) ? result.quarantineFile().toString() : null,
					Timestamp.valueOf(LocalDateTime.now()))
			.update();
	}

	/** How many rows imports of a dataset rejected in all. */
	public long rejectedRows(String dataset) {
		Long rejected = this.jdbc.sql("SELECT COALESCE(SUM(rows_rejected), 0) FROM import_batch WHERE dataset = ?")
			.param(dataset)
			.query(Long.class)
			.single();
		return (rejected != null) ? rejected : 0;
	}

}
