-- The challenge job: candidates trained every night, back-tested beside the champion, ranked and put to the gate.
-- Portable SQL: the same file runs on H2 and PostgreSQL. See src/main/java/io/ratchet/challenge/README.md.

-- One row per challenge run (run.id, job_name = 'challenge'): what it challenged and how it ended; after an automatic
-- promotion, the ratchet of the requirements (the diff of requirements.yml and its replay over the stored runs).
CREATE TABLE challenge_run (
	run_id BIGINT NOT NULL PRIMARY KEY REFERENCES run (id),
	dataset VARCHAR(200) NOT NULL,
	champion_key VARCHAR(300),
	primary_metric VARCHAR(40),
	eval_from CHAR(7) NOT NULL,
	eval_to CHAR(7) NOT NULL,
	evaluation_run_id BIGINT REFERENCES run (id),
	outcome VARCHAR(30),
	outcome_model VARCHAR(300),
	outcome_text VARCHAR(4000),
	ratchet_text VARCHAR(4000)
);

-- Every candidate a challenge run trained: its search-space spec, the training window (never overlapping the
-- evaluation months), the file written, its rank over the evaluation months and the gate's decision.
-- registry_status: REGISTERED (in trial), KEPT (among the best, still a candidate), RETIRED (taken out of the
-- registry; the file stays), PROMOTED.
CREATE TABLE challenge_candidate (
	run_id BIGINT NOT NULL REFERENCES run (id),
	model_key VARCHAR(300) NOT NULL,
	spec VARCHAR(2000) NOT NULL,
	train_from CHAR(7) NOT NULL,
	train_to CHAR(7) NOT NULL,
	train_rows BIGINT NOT NULL,
	file_path VARCHAR(1000) NOT NULL,
	registry_status VARCHAR(20) NOT NULL,
	ranking INT,
	metric_val DOUBLE PRECISION,
	champion_val DOUBLE PRECISION,
	diff_low DOUBLE PRECISION,
	diff_high DOUBLE PRECISION,
	decision VARCHAR(30),
	failed_conditions VARCHAR(4000),
	PRIMARY KEY (run_id, model_key)
);
