-- One claim mechanism with a lease (io.ratchet.lease.Leases) for the command line's jobs and the scheduler's runs,
-- replacing job_claim (V11, V16) and scheduled_run (V10). Portable SQL.
-- A row is a lease on one thing: a job launched by a command ("job + parameters", kind 'command') or a scheduled run
-- (the Spring Batch job instance a fire names: JOB_NAME and JOB_KEY of BATCH_JOB_INSTANCE, kind 'scheduled-run').
-- The primary key makes the second claim's insert fail, on H2 and PostgreSQL alike. The holder (<pid>@<host>, and for
-- a scheduler daemon its Quartz instance) renews expires_at (epoch milliseconds) by a heartbeat while it holds the
-- lease; a lease not renewed, or whose holder is known dead, is taken over by a compare-and-set on generation. A
-- released lease keeps its row (released_at set) as the record of its last holder: which daemon launched a run.
CREATE TABLE lease (
	kind VARCHAR(20) NOT NULL,
	job_name VARCHAR(100) NOT NULL,
	lease_key VARCHAR(1000) NOT NULL,
	holder VARCHAR(200) NOT NULL,
	daemon VARCHAR(200),
	label VARCHAR(200),
	claimed_at TIMESTAMP NOT NULL,
	expires_at BIGINT,
	released_at BIGINT,
	generation BIGINT DEFAULT 0 NOT NULL,
	CONSTRAINT pk_lease PRIMARY KEY (kind, job_name, lease_key)
);
-- Rows of the earlier tables are kept: a claim without expires_at (before V16, and every scheduled_run row) lapses at
-- claimed_at plus the lease's expiry; a scheduled run's owner stays its holder, judged by its process and Quartz.
INSERT INTO lease (kind, job_name, lease_key, holder, claimed_at, expires_at)
	SELECT 'command', job_name, claim_key, holder, claimed_at, expires_at FROM job_claim;
INSERT INTO lease (kind, job_name, lease_key, holder, daemon, label, claimed_at)
	SELECT 'scheduled-run', job_name, job_key, CAST(pid AS VARCHAR(20)) || '@' || host, scheduler_instance,
		entry_name, claimed_at FROM scheduled_run;
DROP TABLE job_claim;
DROP TABLE scheduled_run;
