-- The scheduler cluster (io.ratchet.schedule): which scheduler daemon launched each scheduled run. Portable SQL.
-- A run is a Spring Batch job instance, named here as Spring Batch names it (JOB_NAME and JOB_KEY of
-- BATCH_JOB_INSTANCE: the hash of the identifying parameters, which a scheduled fire derives from its time), so the
-- row exists before the run's first execution. When a run is found STARTED with no process behind it, only the
-- daemon that owns it may have died: another daemon restarts it once Quartz has declared the owner dead (its row gone
-- from QRTZ_SCHEDULER_STATE), never a run that a live daemon or a person (jobs/backtest, jobs/restart) is running.
CREATE TABLE scheduled_run (
	job_name VARCHAR(100) NOT NULL,
	job_key VARCHAR(32) NOT NULL,
	entry_name VARCHAR(200) NOT NULL,
	fire_time TIMESTAMP NOT NULL,
	scheduler_instance VARCHAR(200) NOT NULL,
	host VARCHAR(200) NOT NULL,
	pid BIGINT NOT NULL,
	claimed_at TIMESTAMP NOT NULL,
	CONSTRAINT pk_scheduled_run PRIMARY KEY (job_name, job_key)
);
