-- Now-test: the window's most surprising rows per run and model (issue 18 item 6), at most a fixed number per kind:
-- 'loss' (largest log loss per row for binary, absolute error for regression, labelled rows up to the label cut-off),
-- 'range' (scores outside the range the model's scores took over the drift reference; measure = distance outside
-- in widths of that range) and 'unseen' (rows with categorical levels the reference never had; measure = how many).
-- 'row_rank' is 1 for the most surprising; ties are broken by file, then line. 'file' and 'line' locate the row in its
-- month file (jobs/model-cases --add-from reads it back there); 'row_key' holds the dataset's id columns.
CREATE TABLE surprising_row (
	run_id BIGINT NOT NULL REFERENCES run (id),
	model_version_id BIGINT NOT NULL REFERENCES model_version (id),
	kind VARCHAR(10) NOT NULL,
	row_rank INT NOT NULL,
	measure DOUBLE PRECISION NOT NULL,
	file_path VARCHAR(1000) NOT NULL,
	line BIGINT NOT NULL,
	row_key VARCHAR(500),
	row_date DATE NOT NULL,
	score DOUBLE PRECISION NOT NULL,
	label DOUBLE PRECISION,
	detail VARCHAR(1000) NOT NULL,
	PRIMARY KEY (run_id, model_version_id, kind, row_rank)
);
