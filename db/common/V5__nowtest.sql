-- Now-test: drift statistics per run, and breach keys long enough for drift figures ('psi:<feature name>').
-- Portable SQL: ALTER COLUMN ... SET DATA TYPE is standard and understood by both H2 and PostgreSQL.

ALTER TABLE breach ALTER COLUMN metric SET DATA TYPE VARCHAR(200);

-- (run, subject, statistic) -> value. A subject is a feature name or 'score:<model>@<version>' (then
-- model_version_id names the model). Statistics: psi, ks (numeric features and scores), missing_rate (the window's),
-- missing_rate_change (window minus reference). reference_desc says what the window was compared with.
CREATE TABLE drift_value (
	run_id BIGINT NOT NULL REFERENCES run (id),
	subject VARCHAR(200) NOT NULL,
	statistic VARCHAR(40) NOT NULL,
	model_version_id BIGINT REFERENCES model_version (id),
	val DOUBLE PRECISION NOT NULL,
	reference_desc VARCHAR(400) NOT NULL,
	reference_rows BIGINT NOT NULL,
	window_rows BIGINT NOT NULL,
	PRIMARY KEY (run_id, subject, statistic)
);

-- One row per now-test run: the window it judged and what it found there.
CREATE TABLE nowtest_window (
	run_id BIGINT NOT NULL PRIMARY KEY REFERENCES run (id),
	window_start DATE NOT NULL,
	window_end DATE NOT NULL,
	label_cutoff DATE NOT NULL,
	rows_in_window BIGINT NOT NULL,
	rows_scored BIGINT NOT NULL,
	rows_awaiting_label BIGINT NOT NULL,
	rows_unlabelled BIGINT NOT NULL,
	reference_desc VARCHAR(400) NOT NULL,
	reference_rows BIGINT NOT NULL,
	metric_verdict VARCHAR(30) NOT NULL,
	drift_verdict VARCHAR(30) NOT NULL,
	files_imported INT NOT NULL,
	rows_imported BIGINT NOT NULL,
	rows_import_rejected BIGINT NOT NULL
);
