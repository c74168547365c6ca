-- The command line's guard against the same job launched twice at once (io.ratchet.cli.JobClaims): one row per job
-- being started or running from a command, keyed by what makes two launches the same (the back-test's request time
-- excluded). The primary key makes the second insert fail, on H2 and PostgreSQL alike, however close the two starts.
CREATE TABLE job_claim (
	job_name VARCHAR(100) NOT NULL,
	claim_key VARCHAR(1000) NOT NULL,
	holder VARCHAR(200) NOT NULL,
	claimed_at TIMESTAMP NOT NULL,
	PRIMARY KEY (job_name, claim_key)
);
