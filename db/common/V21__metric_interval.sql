-- Confidence intervals (issue 18): the 95% interval of each stored figure that is an estimate, per (run, model version,
-- period), beside metric_value (whose columns stay as they are). method: 'delong' (ROC AUC), 'wilson' (proportions),
-- 'bootstrap' (the rest, seeded, with a fixed resample count). A figure with no interval (a count, an absent figure, a
-- regression figure) has no row. Written and deleted with the period's metric values.
CREATE TABLE metric_interval (
	run_id BIGINT NOT NULL REFERENCES run (id),
	model_version_id BIGINT NOT NULL REFERENCES model_version (id),
	period VARCHAR(7) NOT NULL,
	metric VARCHAR(40) NOT NULL,
	lo DOUBLE PRECISION NOT NULL,
	hi DOUBLE PRECISION NOT NULL,
	method VARCHAR(10) NOT NULL,
	PRIMARY KEY (run_id, model_version_id, period, metric)
);
