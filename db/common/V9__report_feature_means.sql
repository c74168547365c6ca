-- Reports: each numeric feature's mean per period of a run, so a report can chart a drifting feature month by month
-- without reading the data again. Written by the back-test's month step (period 'YYYY-MM') and by the now-test
-- (reference months 'YYYY-MM', the window as 'ALL'). Missing values are counted apart, never averaged.
CREATE TABLE feature_mean (
	run_id BIGINT NOT NULL REFERENCES run (id),
	period VARCHAR(7) NOT NULL,
	feature VARCHAR(200) NOT NULL,
	mean_val DOUBLE PRECISION,
	row_count BIGINT NOT NULL,
	missing_count BIGINT NOT NULL,
	PRIMARY KEY (run_id, period, feature)
);
