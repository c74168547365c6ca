-- Now-test: performance estimated without labels (CBPE, datasets with 'estimate: cbpe'), per run, model and metric.
-- 'estimated' is over the window's rows still awaiting a label (after the label cut-off, or without a label);
-- 'estimated_labelled' is the same estimate over the window's labelled rows, beside 'realised' (the figure the
-- labels give), so a reader sees how far the estimate is from the truth once labels arrive. The calibration check
-- (expected calibration error on the reference's labelled rows) decides whether the estimate is trusted; 'breached'
-- marks an estimated figure past its monthly bound (an early warning, never a breach of the run).
CREATE TABLE performance_estimate (
	run_id BIGINT NOT NULL REFERENCES run (id),
	model_version_id BIGINT NOT NULL REFERENCES model_version (id),
	metric VARCHAR(40) NOT NULL,
	rows_awaiting BIGINT NOT NULL,
	estimated DOUBLE PRECISION,
	rows_labelled BIGINT NOT NULL,
	estimated_labelled DOUBLE PRECISION,
	realised DOUBLE PRECISION,
	bound_kind VARCHAR(3),
	bound DOUBLE PRECISION,
	breached BOOLEAN NOT NULL,
	calibration_error DOUBLE PRECISION,
	calibration_rows BIGINT NOT NULL,
	calibrated BOOLEAN NOT NULL,
	PRIMARY KEY (run_id, model_version_id, metric)
);
