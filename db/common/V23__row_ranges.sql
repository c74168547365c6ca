-- Row-range partitions (issue 16): a month with more rows than ratchet.backtest.partition-rows is scored in ranges of
-- rows [first_row, end_row) of its file, on separate partitions; each range stores what it counted here, and the
-- summary step merges a month's ranges into the month's own rows (run_partition, metric_value, partition_state,
-- feature_mean, logged_coverage) with the same merge as the whole-period figures. Portable SQL.

-- Per run, month and range: the read counts, the time it took and the feature sums (io.ratchet.report.FeatureMeans).
-- end_row is NULL for a month's last range, which reads to the end of the file.
CREATE TABLE range_result (
	run_id BIGINT NOT NULL REFERENCES run (id),
	period VARCHAR(7) NOT NULL,
	first_row BIGINT NOT NULL,
	end_row BIGINT,
	rows_read BIGINT NOT NULL,
	rows_accepted BIGINT NOT NULL,
	rows_rejected BIGINT NOT NULL,
	rows_unlabelled BIGINT NOT NULL,
	millis BIGINT NOT NULL,
	feature_state BYTEA NOT NULL,
	PRIMARY KEY (run_id, period, first_row)
);

-- Per run, month, range and model: the accumulator state and, for a logged model, how rows and scores met
-- (logged_coverage's columns; from_log: the scores come from a prediction log, whose every range counts the month's
-- predictions once).
CREATE TABLE range_state (
	run_id BIGINT NOT NULL REFERENCES run (id),
	period VARCHAR(7) NOT NULL,
	first_row BIGINT NOT NULL,
	model_version_id BIGINT NOT NULL REFERENCES model_version (id),
	state BYTEA NOT NULL,
	logged BIGINT,
	joined BIGINT,
	unlogged BIGINT,
	awaiting_label BIGINT,
	from_log BOOLEAN NOT NULL,
	PRIMARY KEY (run_id, period, first_row, model_version_id)
);
