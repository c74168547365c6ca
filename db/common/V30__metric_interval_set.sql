-- Many small months (issue 15): each (run, model version, period)'s 95% intervals in one row, packed by
-- io.ratchet.run.IntervalSet (per interval: metric key, method, lo and hi as the doubles' bits), instead of a row per
-- figure in metric_interval. H2's work per stored row (the row, its primary key's index, the index of the foreign key
-- on model_version_id, the foreign-key checks, marking it committed) does not depend on the row's size, and a month
-- stored some 20 interval rows per model: 67,200 of an 840-month back-test's 246,000 rows, now 3,360. Written and
-- deleted with the period's metric values. Runs stored before keep their rows in metric_interval, which the readers
-- still read (ResultsStore.metricIntervals, ReportReads.intervals); nothing new is written there. Portable SQL.
CREATE TABLE metric_interval_set (
	run_id BIGINT NOT NULL REFERENCES run (id),
	model_version_id BIGINT NOT NULL REFERENCES model_version (id),
	period VARCHAR(7) NOT NULL,
	intervals BYTEA NOT NULL,
	PRIMARY KEY (run_id, model_version_id, period)
);
