-- Job claims expire (io.ratchet.cli.JobClaims): a claim lives until expires_at unless the command holding it renews
-- it (a heartbeat every quarter of its expiry, two minutes, while the job runs), so a claim left by a process on
-- another host that died is taken over once it lapses. Epoch milliseconds: the same instant on every host whatever
-- its time zone (claimed_at is the claiming host's local time). Claims made before this column existed have none:
-- they lapse at claimed_at plus the expiry.
ALTER TABLE job_claim ADD COLUMN expires_at BIGINT;
