-- Segments (issue 18, io.ratchet.segment): each model's figures per level of the dataset's segment columns
-- (segments: in config/datasets/<name>.yml), per month ('YYYY-MM') and for the whole period ('ALL'). Portable SQL.
-- The overall figures stay in metric_value; a segment breach is a row of breach whose metric names its segment
-- ('roc_auc in region=north'), so verdicts, alerts and reports see it as any other breach.

-- One row per run, model, period and segment level: labelled rows behind the figures, the level's verdict
-- (PASS, BREACH, INSUFFICIENT_DATA below segments.min-rows) and, for a month, the accumulator state the whole
-- period is merged from (NULL for 'ALL').
CREATE TABLE segment_period (
	run_id BIGINT NOT NULL REFERENCES run (id),
	model_version_id BIGINT NOT NULL REFERENCES model_version (id),
	period VARCHAR(7) NOT NULL,
	segment_column VARCHAR(200) NOT NULL,
	segment_level VARCHAR(100) NOT NULL,
	row_count BIGINT NOT NULL,
	verdict VARCHAR(30) NOT NULL,
	state BYTEA,
	PRIMARY KEY (run_id, model_version_id, period, segment_column, segment_level)
);

-- Every metric of a segment level, as metric_value holds the overall ones (NULL when undefined for the period).
CREATE TABLE segment_value (
	run_id BIGINT NOT NULL REFERENCES run (id),
	model_version_id BIGINT NOT NULL REFERENCES model_version (id),
	period VARCHAR(7) NOT NULL,
	segment_column VARCHAR(200) NOT NULL,
	segment_level VARCHAR(100) NOT NULL,
	metric VARCHAR(40) NOT NULL,
	val DOUBLE PRECISION,
	PRIMARY KEY (run_id, model_version_id, period, segment_column, segment_level, metric)
);
